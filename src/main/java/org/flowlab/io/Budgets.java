package org.flowlab.io;

import java.util.Locale;

/**
 * Every limit FlowLab puts on what one file or one command may ask of the machine, in one place, so that the
 * writer and the reader of a file share them and each command checks its work the same way before it starts
 * (README, "What is bounded"). Pure arithmetic: no dependency on any other FlowLab package.
 *
 * <p>Sizes of networks are checked where a configuration is made ({@code nn.ModelConfig}, {@code
 * train.TrainingConfig}), so nothing can describe a network beyond them: not the options of {@code train}, not
 * the app, not the header of a file. Work is checked by the commands with {@link #requireWork}; a new command
 * that integrates or evaluates a network (e.g. {@code nfe}, {@code reflow}) calls it with its own rows and
 * evaluations before it starts, and caps adaptive solvers with {@link #adaptiveStepCap}.
 */
public final class Budgets {

    /** Hidden layers of a network. */
    public static final int MAX_LAYERS = 64;
    /** Parameters of a network: 2²³ ≈ 8.4 M (32 MB of weights). The app's largest, 8 × 1024, has 7.35 M. */
    public static final long MAX_PARAMETERS = 1L << 23;
    /**
     * Activation values of one pass through a network, rows × hidden values per row: 2²⁷ (512 MB of floats). A
     * network is evaluated {@link #EVALUATION_ROWS} rows at a time, so its hidden values per row are at most
     * 8192 (the app's 8 × 1024 is exactly there); a training batch or validation set may be larger only for a
     * smaller network.
     */
    public static final long MAX_ACTIVATIONS = 1L << 27;
    /** Rows of one forward pass when a network evaluates many points (the chunk size of {@code nn.Network}). */
    public static final int EVALUATION_ROWS = 16_384;

    /**
     * Network work of one command in multiply-adds: rows × evaluations × (parameters × passes): 2·10¹³, about
     * 12 minutes on the 2-core reference machine (≈ 2.7·10¹⁰ multiply-adds/s while sampling).
     */
    public static final double MAX_WORK = 2e13;
    /** Forward passes one evaluation with the exact divergence costs (measured: 120² densities, RK4 × 10). */
    public static final int DIVERGENCE_PASSES = 12;
    /** Solver working memory: rows × dimension × (stages + 4) doubles, at most 1 GB. */
    public static final long MAX_SOLVER_BYTES = 1L << 30;
    /** Recorded trajectory points (particles × (steps + 1)) of an animation: 2²⁵, 512 MB as floats with slopes. */
    public static final long MAX_TRAJECTORY_POINTS = 1L << 25;
    /** Drawing work of an animation: frames × (pixels + particles × trail length): 2·10¹⁰. */
    public static final double MAX_FRAME_WORK = 2e10;

    /** Bytes of a model or session file once inflated, all entries together: 512 MB. */
    public static final long MAX_FILE_BYTES = 512L << 20;
    /** Bytes of a properties entry. */
    public static final long MAX_PROPERTIES_BYTES = 64L << 10;
    /** Entries of a model or session zip. */
    public static final int MAX_ZIP_ENTRIES = 64;
    /** Points of each loss history a session keeps (one per step: 2²⁴ ≈ 16.8 M steps). */
    public static final int MAX_HISTORY_POINTS = 1 << 24;
    /** Cells per side of a session's density grid. */
    public static final int MAX_DENSITY_SIZE = 4096;

    private Budgets() {
    }

    /** A limit was exceeded: the message says which, by how much, and what to change. */
    public static final class Exceeded extends IllegalArgumentException {
        public Exceeded(String message) {
            super(message);
        }
    }

    /**
     * Refuses network work beyond {@link #MAX_WORK}.
     *
     * @param what        what the work is, for the message ("sampling 10000 particles with rk4 × 100")
     * @param rows        points evaluated together (particles, grid cells)
     * @param evaluations evaluations of the field per row (the solver's NFE, or its cap)
     * @param passCost    multiply-adds of one row through the network: parameters × passes per evaluation
     * @param hint        what to reduce, e.g. "use fewer --steps or a smaller --n"
     */
    public static void requireWork(String what, long rows, long evaluations, double passCost, String hint) {
        double work = (double) rows * evaluations * passCost;
        if (!(work <= MAX_WORK)) {
            throw new Exceeded(what + " is " + scientific(work) + " multiply-adds, more than FlowLab's budget of "
                    + scientific(MAX_WORK) + " for one command (about 12 minutes here); " + hint);
        }
    }

    /** Refuses solver state beyond {@link #MAX_SOLVER_BYTES}: rows × dimension × (stages + 4) doubles. */
    public static void requireSolverMemory(String what, long rows, int dimension, int stages, String hint) {
        double bytes = 8.0 * rows * dimension * (stages + 4);
        if (!(bytes <= MAX_SOLVER_BYTES)) {
            throw new Exceeded(what + " needs " + bytes((long) Math.min(Long.MAX_VALUE, bytes))
                    + " of solver state, more than " + bytes(MAX_SOLVER_BYTES) + "; " + hint);
        }
    }

    /**
     * The most steps an adaptive solver may take on {@code rows} rows within {@link #MAX_WORK} (and at most
     * {@code cap}): a dopri5 solve over a huge batch stops with a clear message instead of running for hours.
     */
    public static int adaptiveStepCap(long rows, int stages, double passCost, int cap) {
        double steps = MAX_WORK / ((double) Math.max(1, rows) * Math.max(1, stages) * Math.max(1, passCost));
        return (int) Math.max(1, Math.min(cap, steps));
    }

    /** "64 KB", "1.5 MB", "512 MB", "3 bytes": sizes as people read them (binary units). */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + (n == 1 ? " byte" : " bytes");
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    /** "2·10¹³"-style numbers for messages: 2.0e13 → "2.0e13". */
    public static String scientific(double v) {
        if (!Double.isFinite(v)) {
            return "more than " + String.format(Locale.ROOT, "%.1e", Double.MAX_VALUE);
        }
        return String.format(Locale.ROOT, "%.1e", v).replace("e+", "e");
    }

    /** 12345678 → "12,345,678". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
