package org.flowlab.density;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Loads target densities onto a {@link DensityGrid}: presets, images and CSV point files.
 * Every failure is a {@link DensityException} whose message can be shown to the user as it is;
 * the grid is changed only when loading succeeded (one undoable edit).
 */
public final class DensitySources {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DensitySources.class);

    /** Samples splatted to rasterise a preset; enough that the grid's relative noise is ≈ 3%. */
    static final int PRESET_SAMPLES = 1_000_000;
    /** Fixed so a preset always gives the same grid. */
    static final long PRESET_SEED = 0x5EED;
    /** Images larger than this many pixels are refused before decoding (a 10k × 10k image is 400 MB decoded). */
    public static final long MAX_IMAGE_PIXELS = 40_000_000L;
    /** CSV files larger than this are refused. */
    public static final long MAX_CSV_BYTES = CsvPoints.MAX_BYTES;
    /** Fraction of the domain's width an image is fitted into. */
    static final double IMAGE_FILL = 0.9;

    private DensitySources() {
    }

    /** Rasterises a preset onto the grid. */
    public static void preset(DensityGrid grid, Preset preset) {
        float[] pts = preset.sample(PRESET_SAMPLES, new SplittableRandom(PRESET_SEED));
        grid.splat(pts, PRESET_SAMPLES, 1);
    }

    /** The suffix that asks for a preset's classes: {@code moons:labels}. */
    public static final String LABELS_SUFFIX = ":labels";

    /**
     * Rasterises a preset with its classes ({@link Preset#classNames()}): the same points as {@link #preset},
     * each onto its class's layer, all layers scaled by one factor (so each class keeps its share of the mass).
     */
    public static void labelledPreset(DensityGrid grid, Preset preset) {
        float[] pts = new float[2 * PRESET_SAMPLES];
        int[] labels = new int[PRESET_SAMPLES];
        preset.sample(PRESET_SAMPLES, new SplittableRandom(PRESET_SEED), pts, labels);
        grid.splatLabelled(pts, labels, PRESET_SAMPLES, DensityClass.named(preset.classNames()));
    }

    /**
     * Resolves a CLI-style data argument: a preset id, an image (.png/.jpg/.jpeg/.gif/.bmp) or a CSV of points.
     */
    public static DensityGrid load(String spec, int size, double halfWidth) {
        return load(spec, size, halfWidth, note -> { });
    }

    /** As {@link #load(String, int, double)}; {@code notes} hears what a CSV's rows did not give (skipped rows). */
    public static DensityGrid load(String spec, int size, double halfWidth, Consumer<String> notes) {
        DensityGrid grid = new DensityGrid(size, halfWidth);
        Preset p = Preset.byId(spec);
        if (p != null) {
            preset(grid, p);
            return grid;
        }
        if (spec.toLowerCase(Locale.ROOT).endsWith(LABELS_SUFFIX)) {
            Preset lp = Preset.byId(spec.substring(0, spec.length() - LABELS_SUFFIX.length()));
            if (lp != null) {
                labelledPreset(grid, lp);
                return grid;
            }
        }
        Path path = Path.of(spec);
        if (!Files.exists(path)) {
            throw new DensityException("'" + spec + "' is neither a preset (" + presetIds() + ", each also with "
                    + "its classes as <preset>" + LABELS_SUFFIX + ") nor an existing file");
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
            csv(grid, path, notes);
        } else {
            image(grid, path);
        }
        return grid;
    }

    public static String presetIds() {
        return String.join(", ", Arrays.stream(Preset.values()).map(Preset::id).toList());
    }

    /**
     * Loads an image: where it has transparency, mass = alpha; where it is opaque, mass = darkness
     * (1 − luminance). The image keeps its aspect and is fitted, centred, into 90% of the domain.
     */
    public static void image(DensityGrid grid, Path path) {
        BufferedImage img = readImage(path);
        int w = img.getWidth();
        int h = img.getHeight();
        boolean useAlpha = hasTransparency(img);
        int box = (int) Math.round(grid.size() * IMAGE_FILL);
        double scale = (double) box / Math.max(w, h);
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage scaled = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Area-average large down-scales first, so thin dark lines survive.
            java.awt.Image smooth = (w > 2 * tw || h > 2 * th)
                    ? img.getScaledInstance(tw, th, java.awt.Image.SCALE_AREA_AVERAGING) : img;
            g.drawImage(smooth, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        if (ImagePalette.colourClasses(grid, scaled, useAlpha, path.getFileName().toString())) {
            return;
        }
        int n = grid.size();
        float[] mass = new float[n * n];
        int ox = (n - tw) / 2;
        int oy = (n - th) / 2;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                int argb = scaled.getRGB(x, y);
                double a = ((argb >>> 24) & 0xFF) / 255.0;
                double r = ((argb >> 16) & 0xFF) / 255.0;
                double gg = ((argb >> 8) & 0xFF) / 255.0;
                double b = (argb & 0xFF) / 255.0;
                double lum = 0.2126 * r + 0.7152 * gg + 0.0722 * b;
                double m = useAlpha ? a : a * (1 - lum);
                mass[(oy + y) * n + (ox + x)] = (float) m;
            }
        }
        double total = 0;
        for (float m : mass) {
            total += m;
        }
        if (!(total > 1e-6)) {
            throw new DensityException("'" + path.getFileName() + "' has no dark or opaque pixels to use as mass");
        }
        grid.replace(mass);
    }

    private static BufferedImage readImage(Path path) {
        String name = path.getFileName().toString();
        try (InputStream in = Files.newInputStream(path); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            if (iis == null) {
                throw new DensityException("cannot read '" + name + "'");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new DensityException("'" + name + "' is not an image FlowLab can read (PNG, JPEG, GIF, BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_IMAGE_PIXELS) {
                    throw new DensityException("'" + name + "' is too large (" + reader.getWidth(0) + "×"
                            + reader.getHeight(0) + " pixels; at most " + MAX_IMAGE_PIXELS / 1_000_000
                            + " megapixels)");
                }
                if (pixels == 0) {
                    throw new DensityException("'" + name + "' has no pixels");
                }
                try {
                    return reader.read(0);
                } catch (OutOfMemoryError e) {
                    throw new DensityException("'" + name + "' (" + reader.getWidth(0) + "×" + reader.getHeight(0)
                            + " pixels) is too large to decode in the memory FlowLab has", e);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DensityException de) {
                throw de;
            }
            throw new DensityException("'" + name + "' is not a readable image: " + describe(e), e);
        }
    }

    /**
     * Why an image could not be read, in our words: ImageIO's messages ("Caught exception during read:", "Error
     * reading PNG image data") name its internals, not the file's problem. The cause stays attached for the log.
     */
    private static String describe(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return "it is too large to decode in the memory FlowLab has";
            }
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return "its data is damaged or incomplete";
    }

    private static boolean hasTransparency(BufferedImage img) {
        if (!img.getColorModel().hasAlpha()) {
            return false;
        }
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) >>> 24) < 250) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Loads a CSV of points ({@link CsvPoints}) and splats them onto the grid; fails when none lies inside. */
    public static void csv(DensityGrid grid, Path path) {
        csv(grid, path, note -> LOG.info("{}", note));
    }

    /** As {@link #csv(DensityGrid, Path)}; {@code notes} hears which rows were skipped and why. */
    public static void csv(DensityGrid grid, Path path, Consumer<String> notes) {
        CsvPoints read = CsvPoints.read(path);
        String note = read.note(path.getFileName().toString());
        if (note != null) {
            notes.accept(note);
        }
        float[] pts = read.xy();
        int n = pts.length / 2;
        if (read.labels() != null && read.classes().size() > 1) {
            int[] in = grid.splatLabelled(pts, read.labels(), n, DensityClass.named(read.classes()));
            for (int k = 0; k < in.length; k++) {
                if (in[k] == 0) {
                    throw new DensityException("class '" + read.classes().get(k) + "' of '" + path.getFileName()
                            + "' has no mass: none of its points lies inside the domain [" + -grid.halfWidth()
                            + ", " + grid.halfWidth() + "]²");
                }
            }
            return;
        }
        int inside = grid.splat(pts, n, 1);
        if (inside == 0) {
            throw new DensityException("none of the " + n + " points in '" + path.getFileName()
                    + "' lies inside the domain [" + -grid.halfWidth() + ", " + grid.halfWidth() + "]²");
        }
    }

    /** Reads x,y rows from a CSV file ({@link CsvPoints}) into [x0, y0, x1, y1, …]. */
    public static float[] readPoints(Path path) {
        return CsvPoints.read(path).xy();
    }
}
