package org.flowlab.nn;

import org.flowlab.train.TrainingConfig;

import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.io.Budgets;

/**
 * Everything that determines a velocity network's architecture and its initial weights.
 *
 * @param kind            MLP or U-Net
 * @param widths          hidden layer widths in order (MLP: e.g. 256,256,256; U-Net: 64,128,256,128,64,
 *                        an odd-length palindrome so each decoder level can concatenate its encoder mirror)
 * @param fourierFeatures F: t enters as [sin(2π·w_k·t), cos(2π·w_k·t)]_{k&lt;F}, w_k ~ N(0, scale²) fixed by the
 *                        seed; 0 (MLP only) feeds t as a raw input
 * @param fourierScale    standard deviation of the Fourier frequencies w_k
 * @param pathId          the probability path the network is trained for ("ot", "sigma-min", "vp")
 * @param seed            weight-initialisation and Fourier-frequency seed
 * @param classes         K, the number of classes of a class-conditional network (2 … {@link #MAX_CLASSES}), or 0
 *                        for an unconditional one (everything FlowLab trained before classes existed). A
 *                        conditional network takes a one-hot row c ∈ {0, 1}^{K+1} as extra input; index K is the
 *                        null class ∅ that label dropout trains, so the same network also gives v(x, t, ∅)
 */
public record ModelConfig(NetworkKind kind, int[] widths, int fourierFeatures, double fourierScale, String pathId,
                          long seed, int classes) {

    /** At most this many classes (issue 15): a palette a person can tell apart. */
    public static final int MAX_CLASSES = 8;

    /** An unconditional network (classes = 0). */
    public ModelConfig(NetworkKind kind, int[] widths, int fourierFeatures, double fourierScale, String pathId,
                       long seed) {
        this(kind, widths, fourierFeatures, fourierScale, pathId, seed, 0);
    }

    public ModelConfig {
        if (classes != 0 && (classes < 2 || classes > MAX_CLASSES)) {
            throw new IllegalArgumentException("a class-conditional network has 2 to " + MAX_CLASSES
                    + " classes, got " + classes);
        }
        if (widths.length == 0) {
            throw new IllegalArgumentException("a network needs at least one hidden layer");
        }
        if (widths.length > Budgets.MAX_LAYERS) {
            throw new Budgets.Exceeded("a network of " + widths.length + " hidden layers is deeper than FlowLab's "
                    + "limit of " + Budgets.MAX_LAYERS);
        }
        for (int w : widths) {
            if (w < 1 || w > 4096) {
                throw new IllegalArgumentException("layer widths must be in [1, 4096], got " + w);
            }
        }
        if (kind == NetworkKind.UNET) {
            if (widths.length % 2 == 0) {
                throw new IllegalArgumentException("U-Net widths need an odd count (encoder, bottleneck, decoder)");
            }
            if (fourierFeatures < 1) {
                throw new IllegalArgumentException("the U-Net needs Fourier time features");
            }
        }
        if (fourierFeatures < 0 || fourierFeatures > 512) {
            throw new IllegalArgumentException("Fourier features must be in [0, 512]");
        }
        if (!(fourierScale > 0 && fourierScale <= 1000)) {
            throw new IllegalArgumentException("the Fourier scale must be in (0, 1000], got " + fourierScale);
        }
        requireSize(kind, widths, fourierFeatures, classes);
        ProbabilityPath.byId(pathId);
        widths = widths.clone();
    }

    /**
     * The one size limit of networks, checked before anything is allocated, wherever a config comes from (the
     * options of {@code train}, the app, a file's header): parameters at most {@link Budgets#MAX_PARAMETERS},
     * and a pass of {@link Budgets#EVALUATION_ROWS} rows within {@link Budgets#MAX_ACTIVATIONS}.
     */
    private static void requireSize(NetworkKind kind, int[] widths, int fourierFeatures, int classes) {
        int widest = Arrays.stream(widths).max().orElse(0);
        String net = widths.length + " hidden layer" + (widths.length == 1 ? "" : "s") + " up to " + widest
                + " wide";
        long params = Networks.parameterCount(kind, widths, fourierFeatures, classes);
        if (params > Budgets.MAX_PARAMETERS) {
            throw new Budgets.Exceeded("a network of " + net + " has " + Budgets.count(params)
                    + " parameters, more than FlowLab's limit of " + Budgets.count(Budgets.MAX_PARAMETERS)
                    + " (8 layers of 1024 have 7,353,346)");
        }
        long perRow = Networks.activationsPerRow(kind, widths);
        if (perRow * Budgets.EVALUATION_ROWS > Budgets.MAX_ACTIVATIONS) {
            throw new Budgets.Exceeded("a network of " + net + " has " + Budgets.count(perRow)
                    + " hidden values per point, more than FlowLab's limit of "
                    + Budgets.count(Budgets.MAX_ACTIVATIONS / Budgets.EVALUATION_ROWS));
        }
    }

    /** Parameters of this network, by arithmetic (see {@link Networks#parameterCount}). */
    public long parameterCount() {
        return Networks.parameterCount(this);
    }

    /** Activation values per row of a forward pass, by arithmetic (see {@link Networks#activationsPerRow}). */
    public long activationsPerRow() {
        return Networks.activationsPerRow(this);
    }

    /** The reference MLP: 3 × 256 SiLU on [x, y, t], OT path. */
    public static ModelConfig referenceMlp(long seed) {
        return new ModelConfig(NetworkKind.MLP, new int[]{256, 256, 256}, 0, 1.0, "ot", seed);
    }

    /** The tutorial's U-Net: 64-128-256-128-64 with 16 Fourier frequencies of scale 3. */
    public static ModelConfig referenceUNet(long seed) {
        return new ModelConfig(NetworkKind.UNET, new int[]{64, 128, 256, 128, 64}, 16, 3.0, "ot", seed);
    }

    /** Default MLP width (3 hidden layers): measured fastest to quality (see {@link TrainingConfig#defaults}). */
    public static final int DEFAULT_MLP_WIDTH = 128;
    public static final int DEFAULT_MLP_DEPTH = 3;

    /** The app's and {@code train}'s starting network: 3 × 128 SiLU MLP, or the reference U-Net. */
    public static ModelConfig defaults(NetworkKind kind, long seed) {
        if (kind == NetworkKind.MLP) {
            int[] w = new int[DEFAULT_MLP_DEPTH];
            java.util.Arrays.fill(w, DEFAULT_MLP_WIDTH);
            return new ModelConfig(NetworkKind.MLP, w, 0, 1.0, "ot", seed);
        }
        return referenceUNet(seed);
    }

    public ProbabilityPath path() {
        return ProbabilityPath.byId(pathId);
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    public ModelConfig withPath(String id) {
        return new ModelConfig(kind, widths, fourierFeatures, fourierScale, id, seed, classes);
    }

    public ModelConfig withWidths(int[] w) {
        return new ModelConfig(kind, w, fourierFeatures, fourierScale, pathId, seed, classes);
    }

    /** The same network conditioned on K classes (0 = unconditional). */
    public ModelConfig withClasses(int k) {
        return new ModelConfig(kind, widths, fourierFeatures, fourierScale, pathId, seed, k);
    }

    /** True for a class-conditional network. */
    public boolean conditional() {
        return classes > 0;
    }

    /** Width of the one-hot class input: K + 1 (the null class last), 0 when unconditional. */
    public int classInputs() {
        return classes == 0 ? 0 : classes + 1;
    }

    /** A human summary, e.g. "MLP 256-256-256, OT path". */
    public String describe() {
        return kind.name().replace("UNET", "U-Net") + " "
                + Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining("-"))
                + (fourierFeatures > 0 ? ", " + fourierFeatures + " Fourier features" : "")
                + ", " + pathId + " path" + (classes > 0 ? ", " + classes + " classes" : "");
    }

    public void store(Properties p, String prefix) {
        p.setProperty(prefix + "net", kind.id());
        p.setProperty(prefix + "widths", Arrays.stream(widths).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")));
        p.setProperty(prefix + "fourierFeatures", Integer.toString(fourierFeatures));
        p.setProperty(prefix + "fourierScale", Double.toString(fourierScale));
        p.setProperty(prefix + "path", pathId);
        p.setProperty(prefix + "seed", Long.toString(seed));
        if (classes > 0) {
            // Only conditional models carry the key, so unconditional files are written exactly as before.
            p.setProperty(prefix + "classes", Integer.toString(classes));
        }
    }

    /** @throws IllegalArgumentException when a key is missing or malformed */
    public static ModelConfig load(Properties p, String prefix) {
        try {
            NetworkKind kind = NetworkKind.byId(required(p, prefix + "net"));
            int[] widths = Arrays.stream(required(p, prefix + "widths").split(","))
                    .map(String::trim).mapToInt(Integer::parseInt).toArray();
            int ff = Integer.parseInt(required(p, prefix + "fourierFeatures"));
            double fs = Double.parseDouble(required(p, prefix + "fourierScale"));
            String path = required(p, prefix + "path").toLowerCase(Locale.ROOT);
            long seed = Long.parseLong(required(p, prefix + "seed"));
            // Files from before classes have no key: unconditional.
            int classes = Integer.parseInt(p.getProperty(prefix + "classes", "0").strip());
            return new ModelConfig(kind, widths, ff, fs, path, seed, classes);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed model settings: " + notANumber(e), e);
        }
    }

    /** "“abc” is not a number", from Java's "For input string: \"abc\"". */
    public static String notANumber(NumberFormatException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int q = m.indexOf('"');
        int r = q < 0 ? -1 : m.indexOf('"', q + 1);
        return (r > q ? m.substring(q, r + 1) : "a value") + " is not a number in range";
    }

    /** The value of a required setting; IllegalArgumentException naming the key when absent. */
    public static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing setting '" + key + "'");
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelConfig c && kind == c.kind && Arrays.equals(widths, c.widths)
                && fourierFeatures == c.fourierFeatures && Double.compare(fourierScale, c.fourierScale) == 0
                && pathId.equals(c.pathId) && seed == c.seed && classes == c.classes;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(widths) * 31 + kind.hashCode() + pathId.hashCode() + Long.hashCode(seed) + 7 * classes;
    }

    @Override
    public String toString() {
        return describe() + ", seed " + seed;
    }
}
