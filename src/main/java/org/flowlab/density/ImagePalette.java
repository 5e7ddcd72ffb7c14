package org.flowlab.density;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Colour images as labelled targets: each distinct ink colour becomes a class, after a small palette quantisation.
 *
 * <p>Per pixel (already fitted to the grid): ink = alpha where the image has transparency, else
 * alpha · (1 − min(r, g, b)) — how far the colour is from white in its weakest channel, so yellow ink weighs as much
 * as black. Chroma = max(r, g, b) − min(r, g, b). Pixels of chroma ≥ {@link #COLOURED} are binned by hue (36 bins
 * of 10°); each circular run of bins holding ≥ {@link #RUN_FLOOR} of all ink is one candidate colour, kept when it
 * holds ≥ {@link #CLASS_SHARE}; the ink of low-chroma pixels with ink ≥ {@link #DARK} (black, greys) is one more
 * candidate. When fewer than
 * two candidates are kept (a grey-only or one-colour image), the image stays one class and is read exactly as
 * before. Otherwise every inked pixel goes to the nearest kept colour (by hue; low-chroma pixels to the dark class
 * when there is one), and a class's mass in a cell is that pixel's ink.
 */
final class ImagePalette {

    static final double COLOURED = 0.25;
    /** Low-chroma pixels count as dark ink from this much ink up (paler ones are edges of coloured strokes). */
    static final double DARK = 0.35;
    static final double RUN_FLOOR = 0.002;
    static final double CLASS_SHARE = 0.03;
    private static final int BINS = 36;

    private ImagePalette() {
    }

    /** Loads {@code scaled} (centred on the grid) as colour classes; false when it has fewer than two. */
    static boolean colourClasses(DensityGrid grid, BufferedImage scaled, boolean useAlpha, String name) {
        int tw = scaled.getWidth();
        int th = scaled.getHeight();
        int pixels = tw * th;
        float[] ink = new float[pixels];
        float[] hue = new float[pixels];
        boolean[] coloured = new boolean[pixels];
        double[] bins = new double[BINS];
        double total = 0;
        double dark = 0;
        for (int p = 0; p < pixels; p++) {
            int argb = scaled.getRGB(p % tw, p / tw);
            double a = ((argb >>> 24) & 0xFF) / 255.0;
            double r = ((argb >> 16) & 0xFF) / 255.0;
            double g = ((argb >> 8) & 0xFF) / 255.0;
            double b = (argb & 0xFF) / 255.0;
            double max = Math.max(r, Math.max(g, b));
            double min = Math.min(r, Math.min(g, b));
            double m = useAlpha ? a : a * (1 - min);
            ink[p] = (float) m;
            total += m;
            if (m <= 0) {
                continue;
            }
            hue[p] = max - min > 0.02 ? (float) hue(r, g, b, max, min) : -1;
            if (max - min >= COLOURED) {
                coloured[p] = true;
                bins[Math.min(BINS - 1, (int) (hue[p] / (360.0 / BINS)))] += m;
            } else if (m >= DARK) {
                dark += m;      // black or grey ink; pale tints (anti-aliased edges) vote for no candidate
            }
        }
        if (!(total > 1e-6)) {
            return false;
        }
        // Runs of consecutive (circular) bins above the floor: one candidate colour each.
        List<double[]> runs = new ArrayList<>();     // {first bin, last bin (may exceed BINS: wraps), weight}
        boolean[] used = new boolean[BINS];
        int start = 0;
        while (start < BINS && bins[start] >= RUN_FLOOR * total) {
            start++;    // begin scanning after a gap so a run across 0° is not split
        }
        if (start == BINS) {
            return false;   // every hue present: a photograph, not a palette
        }
        for (int i = 1; i <= BINS; i++) {
            int b = (start + i) % BINS;
            if (bins[b] >= RUN_FLOOR * total && !used[b]) {
                double w = 0;
                int j = b;
                int len = 0;
                while (bins[j % BINS] >= RUN_FLOOR * total && len < BINS) {
                    used[j % BINS] = true;
                    w += bins[j % BINS];
                    j++;
                    len++;
                }
                runs.add(new double[]{b, b + len - 1, w});
            }
        }
        List<double[]> kept = new ArrayList<>();
        for (double[] run : runs) {
            if (run[2] >= CLASS_SHARE * total) {
                kept.add(run);
            }
        }
        boolean darkClass = dark >= CLASS_SHARE * total;
        int classes = kept.size() + (darkClass ? 1 : 0);
        if (classes < 2) {
            return false;
        }
        if (classes > DensityClass.MAX) {
            throw new DensityException("'" + name + "' has " + classes + " ink colours; FlowLab handles at most "
                    + DensityClass.MAX + " classes (use fewer colours)");
        }
        // Mean hue of each kept run (circular mean of its pixels), then the pixels' classes.
        double[] sx = new double[kept.size()];
        double[] sy = new double[kept.size()];
        double[][] rgb = new double[classes][3];
        double[] weight = new double[classes];
        int[] cls = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            cls[p] = -1;
            if (ink[p] <= 0) {
                continue;
            }
            if (coloured[p]) {
                int bin = Math.min(BINS - 1, (int) (hue[p] / (360.0 / BINS)));
                for (int k = 0; k < kept.size(); k++) {
                    double[] run = kept.get(k);
                    for (int q = (int) run[0]; q <= (int) run[1]; q++) {
                        if (q % BINS == bin) {
                            cls[p] = k;
                        }
                    }
                }
                if (cls[p] >= 0) {
                    double rad = Math.toRadians(hue[p]);
                    sx[cls[p]] += ink[p] * Math.cos(rad);
                    sy[cls[p]] += ink[p] * Math.sin(rad);
                }
            }
        }
        double[] centre = new double[kept.size()];
        for (int k = 0; k < centre.length; k++) {
            centre[k] = (Math.toDegrees(Math.atan2(sy[k], sx[k])) + 360) % 360;
        }
        // Classes in reading order: the colour met first (row by row from the top left) is class 0.
        int[] first = new int[kept.size()];
        java.util.Arrays.fill(first, Integer.MAX_VALUE);
        for (int p = pixels - 1; p >= 0; p--) {
            if (cls[p] >= 0) {
                first[cls[p]] = p;
            }
        }
        Integer[] order = new Integer[kept.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(k -> first[k]));
        int[] rank = new int[kept.size()];
        double[] sorted = new double[kept.size()];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
            sorted[r] = centre[order[r]];
        }
        for (int p = 0; p < pixels; p++) {
            if (cls[p] >= 0) {
                cls[p] = rank[cls[p]];
            }
        }
        centre = sorted;
        int n = grid.size();
        float[][] layers = new float[classes][n * n];
        int ox = (n - tw) / 2;
        int oy = (n - th) / 2;
        for (int p = 0; p < pixels; p++) {
            if (ink[p] <= 0) {
                continue;
            }
            int k = cls[p];
            if (k < 0) {
                if (darkClass && !coloured[p] && (ink[p] >= DARK || hue[p] < 0)) {
                    k = kept.size();
                } else {
                    // A pixel between palette colours (anti-aliasing, a pale tint, a minor colour): the nearest
                    // hue; a colourless one goes to the first colour when there is no dark class.
                    k = hue[p] >= 0 ? nearest(centre, hue[p]) : 0;
                }
            }
            int argb = scaled.getRGB(p % tw, p / tw);
            rgb[k][0] += ink[p] * ((argb >> 16) & 0xFF);
            rgb[k][1] += ink[p] * ((argb >> 8) & 0xFF);
            rgb[k][2] += ink[p] * (argb & 0xFF);
            weight[k] += ink[p];
            layers[k][(oy + p / tw) * n + (ox + p % tw)] = ink[p];
        }
        List<DensityClass> named = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            int colour = weight[k] > 0 ? ((int) Math.round(rgb[k][0] / weight[k]) << 16)
                    | ((int) Math.round(rgb[k][1] / weight[k]) << 8) | (int) Math.round(rgb[k][2] / weight[k])
                    : DensityClass.PALETTE[k];
            String base = k < kept.size() ? hueName(centre[k]) : "black";
            String label = base;
            for (int d = 2; seen.contains(label); d++) {
                label = base + " " + d;
            }
            seen.add(label);
            named.add(new DensityClass(label, colour));
        }
        grid.replaceLabelled(named, layers);
        return true;
    }

    private static int nearest(double[] centre, double h) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int k = 0; k < centre.length; k++) {
            double d = Math.abs(h - centre[k]) % 360;
            d = Math.min(d, 360 - d);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    /** Hue in degrees [0, 360) of an RGB colour with chroma max − min &gt; 0. */
    static double hue(double r, double g, double b, double max, double min) {
        double c = max - min;
        double h;
        if (max == r) {
            h = ((g - b) / c) % 6;
        } else if (max == g) {
            h = (b - r) / c + 2;
        } else {
            h = (r - g) / c + 4;
        }
        h *= 60;
        return h < 0 ? h + 360 : h;
    }

    static String hueName(double h) {
        if (h < 15 || h >= 345) {
            return "red";
        }
        if (h < 45) {
            return "orange";
        }
        if (h < 70) {
            return "yellow";
        }
        if (h < 165) {
            return "green";
        }
        if (h < 195) {
            return "cyan";
        }
        if (h < 255) {
            return "blue";
        }
        if (h < 290) {
            return "purple";
        }
        return "magenta";
    }
}
