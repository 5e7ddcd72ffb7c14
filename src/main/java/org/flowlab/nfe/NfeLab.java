package org.flowlab.nfe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowlab.flow.FlowSampler;
import org.flowlab.metrics.SlicedWasserstein;
import org.flowlab.ode.OdeException;
import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.ode.VectorField;

/**
 * What a sampler's number of function evaluations (NFE) buys: the same noise x0 (n particles, seeded) is carried
 * to t = 1 by each solver setting, and each result is compared with
 * <ul>
 *   <li>a fine <b>reference</b> solve of the same ODE from the same noise (Dopri5, rtol = atol =
 *       {@value #REFERENCE_TOLERANCE}): the <b>endpoint error</b> E‖x_1 − x_1^ref‖ in domain units — the solver's
 *       own error, which falls like NFE^(−p) for a fixed-step method of order p;</li>
 *   <li>the <b>target</b> (samples of the data, optional): SW₂ ({@link SlicedWasserstein}, 256 projections, seed
 *       0) — what a user sees, which stops improving once the solver error is below the model's own error.</li>
 * </ul>
 * NFE is counted by the solver (fixed steps: steps × stages; adaptive: every evaluation, rejected steps and the
 * first-step heuristic included). Fields are any {@link VectorField}: a network or a closed form.
 *
 * <p>Runs on the caller's thread; a {@link Progress} may throw {@link java.util.concurrent.CancellationException}
 * between settings to stop.
 */
public final class NfeLab {

    public static final double REFERENCE_TOLERANCE = 1e-8;

    /** One solver setting: a fixed-step solver with {@code steps}, or an adaptive one with rtol = atol = tolerance. */
    public record Setting(String solver, int steps, double tolerance) {

        public static Setting fixed(String solver, int steps) {
            if (Solvers.isAdaptive(solver)) {
                throw new IllegalArgumentException(solver + " is adaptive: give it a tolerance, not steps");
            }
            Solvers.create(solver, Math.max(1, steps));
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be at least 1, got " + steps);
            }
            return new Setting(solver, steps, Double.NaN);
        }

        public static Setting adaptive(String solver, double tolerance) {
            if (!Solvers.isAdaptive(solver)) {
                throw new IllegalArgumentException(solver + " is a fixed-step solver: give it steps");
            }
            if (!(tolerance > 0) || tolerance >= 1) {
                throw new IllegalArgumentException("tolerances must be in (0, 1), got " + tolerance);
            }
            return new Setting(solver, 0, tolerance);
        }

        public boolean adaptive() {
            return steps == 0;
        }

        OdeSolver create() {
            return adaptive() ? Solvers.create(solver, 0, tolerance, tolerance) : Solvers.create(solver, steps);
        }

        /** "rk4 × 8" or "dopri5 tol 1e-05". */
        public String label() {
            return adaptive() ? solver + " tol " + String.format(Locale.ROOT, "%.0e", tolerance) : solver + " × " + steps;
        }
    }

    /**
     * One row of the table. An adaptive setting that could not finish (its step cap) has nfe −1 and NaN errors.
     *
     * @param endpointError E‖x_1 − x_1^ref‖ over the particles
     * @param sw2           SW₂ to the target samples, NaN without a target
     */
    public record Row(String model, Setting setting, int nfe, double endpointError, double sw2) {
    }

    /** A model's rows, with its reference solve's NFE and SW₂ (the best this model can do). */
    public record Result(String model, int referenceNfe, double referenceSw2, List<Row> rows) {
    }

    /** Called after each setting (and after the reference, with done = 0). */
    @FunctionalInterface
    public interface Progress {
        void completed(int done, int total);
    }

    private NfeLab() {
    }

    /** Every fixed-step solver at every step count, then every adaptive one at every tolerance, in order given. */
    public static List<Setting> settings(List<String> solvers, int[] steps, double[] tolerances) {
        List<Setting> out = new ArrayList<>();
        for (String s : solvers) {
            String name = s.trim().toLowerCase(Locale.ROOT);
            Solvers.create(name, 1);   // unknown names fail here, with the list of choices
            if (Solvers.isAdaptive(name)) {
                for (double tol : tolerances) {
                    out.add(Setting.adaptive(name, tol));
                }
            } else {
                for (int k : steps) {
                    out.add(Setting.fixed(name, k));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no solver settings: give fixed-step solvers steps, adaptive ones "
                    + "tolerances");
        }
        return out;
    }

    /**
     * Runs every setting on the field from the same n noise points drawn with {@code seed}.
     *
     * @param target data samples [m × 2] for SW₂, or null
     */
    public static Result run(String model, VectorField field, List<Setting> settings, int n, long seed,
                             float[] target, Progress progress) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 particles, got " + n);
        }
        double[] x0 = FlowSampler.noise(n, seed);
        OdeSolver reference = Solvers.create("dopri5", 0, REFERENCE_TOLERANCE, REFERENCE_TOLERANCE);
        FlowSampler.Result ref = FlowSampler.sample(field, reference, x0, n, false, OdeObserver.NONE);
        double refSw2 = target == null ? Double.NaN : SlicedWasserstein.distance(ref.samples(), target);
        progress.completed(0, settings.size());
        List<Row> rows = new ArrayList<>();
        for (Setting s : settings) {
            Row row;
            try {
                FlowSampler.Result r = FlowSampler.sample(field, s.create(), x0, n, false, OdeObserver.NONE);
                double err = 0;
                for (int i = 0; i < n; i++) {
                    err += Math.hypot(r.samples()[2 * i] - ref.samples()[2 * i],
                            r.samples()[2 * i + 1] - ref.samples()[2 * i + 1]);
                }
                double sw = target == null ? Double.NaN : SlicedWasserstein.distance(r.samples(), target);
                row = new Row(model, s, r.stats().nfe(), err / n, sw);
            } catch (OdeException e) {
                row = new Row(model, s, -1, Double.NaN, Double.NaN);
            }
            rows.add(row);
            progress.completed(rows.size(), settings.size());
        }
        return new Result(model, ref.stats().nfe(), refSw2, List.copyOf(rows));
    }

    public static final String CSV_HEADER = "model,solver,setting,steps,tolerance,nfe,endpoint_error,sw2";

    /** The rows as CSV with {@link #CSV_HEADER} (what the app's "copy as CSV" and {@code flowlab nfe} write). */
    public static String csv(List<Result> results) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (Result r : results) {
            for (Row row : r.rows()) {
                Setting s = row.setting();
                b.append(quote(row.model())).append(',').append(s.solver()).append(',').append(quote(s.label()))
                        .append(',').append(s.adaptive() ? "" : Integer.toString(s.steps()))
                        .append(',').append(s.adaptive() ? String.format(Locale.ROOT, "%g", s.tolerance()) : "")
                        .append(',').append(row.nfe())
                        .append(',').append(number(row.endpointError()))
                        .append(',').append(number(row.sw2())).append('\n');
            }
        }
        return b.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6e", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * The least-squares slope of log(error) against log(NFE) over a fixed-step solver's rows whose error lies in
     * [lo, hi] — its observed order, negated (Euler ≈ −1, RK4 ≈ −4). NaN with fewer than two such rows.
     */
    public static double slope(List<Row> rows, String solver, double lo, double hi) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (Row r : rows) {
            if (r.setting().solver().equals(solver) && !r.setting().adaptive() && r.endpointError() >= lo
                    && r.endpointError() <= hi) {
                double x = Math.log(r.nfe());
                double y = Math.log(r.endpointError());
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                m++;
            }
        }
        return m < 2 ? Double.NaN : (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }
}
