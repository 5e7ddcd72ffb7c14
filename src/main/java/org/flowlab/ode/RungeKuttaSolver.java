package org.flowlab.ode;

import java.util.Arrays;

/**
 * Explicit Runge–Kutta integration from a {@link ButcherTableau}: either a fixed number of equal steps,
 * or adaptive steps controlled by the tableau's embedded error estimate.
 *
 * <p>Adaptive control (Hairer, Nørsett &amp; Wanner, II.4): with y the propagated and ŷ the embedded solution,
 * err = RMS over all components of (y − ŷ) / (atol + rtol·max(|x|, |y|)). A step is accepted when err ≤ 1;
 * the next step is h·clamp(0.9·err^(−1/(q+1)), 0.2, 10), q the embedded order (never grown after a rejection).
 * The RMS runs over the whole batch, so all particles share one step sequence — what a batched torchdiffeq
 * solve does too.
 *
 * <p>Instances are immutable and thread-safe; buffers are allocated per call.
 */
public final class RungeKuttaSolver implements OdeSolver {

    /** The tightest tolerance double precision can meet over the unit interval (a few hundred ulps). */
    public static final double MIN_TOLERANCE = 1e-12;

    private final ButcherTableau tableau;
    private final int steps;
    private final double rtol;
    private final double atol;
    private final double initialStep;
    private final int maxSteps;

    private RungeKuttaSolver(ButcherTableau tableau, int steps, double rtol, double atol, double initialStep,
                             int maxSteps) {
        this.tableau = tableau;
        this.steps = steps;
        this.rtol = rtol;
        this.atol = atol;
        this.initialStep = initialStep;
        this.maxSteps = maxSteps;
    }

    /** {@code steps} equal steps over [t0, t1]; NFE = steps × stages. */
    public static RungeKuttaSolver fixed(ButcherTableau tableau, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        return new RungeKuttaSolver(tableau, steps, 0, 0, 0, 0);
    }

    /**
     * Adaptive steps for an embedded pair.
     *
     * @param initialStep first |h|; ≤ 0 picks it from the field (Hairer's heuristic, one extra NFE)
     * @param maxSteps    cap on accepted + rejected steps; exceeding it throws {@link OdeException}
     */
    public static RungeKuttaSolver adaptive(ButcherTableau tableau, double rtol, double atol, double initialStep,
                                            int maxSteps) {
        if (!tableau.adaptive()) {
            throw new IllegalArgumentException(tableau.name() + " has no embedded error estimate");
        }
        if (!(rtol >= MIN_TOLERANCE && rtol <= 1) || !(atol >= MIN_TOLERANCE && atol <= 1)) {
            throw new IllegalArgumentException("rtol and atol must be in [1e-12, 1]: double precision cannot meet "
                    + "tighter tolerances (got rtol " + rtol + ", atol " + atol + ")");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1");
        }
        return new RungeKuttaSolver(tableau, 0, rtol, atol, initialStep, maxSteps);
    }

    public ButcherTableau tableau() {
        return tableau;
    }

    public boolean isAdaptive() {
        return steps == 0;
    }

    /**
     * The most field evaluations one integration can take: steps × stages for a fixed step; for an adaptive pair
     * its step cap × (stages + 1) plus the first two (what work budgets are checked against).
     */
    public long maxEvaluations() {
        return isAdaptive() ? (long) maxSteps * (tableau.stages() + 1) + 2 : (long) steps * tableau.stages();
    }

    @Override
    public String name() {
        return tableau.name();
    }

    @Override
    public OdeStats integrate(VectorField field, double[] x, int n, double t0, double t1, OdeObserver observer) {
        if (n == 0) {
            return new OdeStats(0, 0, 0);
        }
        return isAdaptive()
                ? integrateAdaptive(field, x, n, t0, t1, observer)
                : integrateFixed(field, x, n, t0, t1, observer);
    }

    private OdeStats integrateFixed(VectorField field, double[] x, int n, double t0, double t1, OdeObserver observer) {
        int len = n * field.dimension();
        int s = tableau.stages();
        double[][] k = new double[s][len];
        double[] stage = new double[len];
        double h = (t1 - t0) / steps;
        int nfe = 0;
        for (int step = 0; step < steps; step++) {
            double t = t0 + step * h;
            field.evaluate(t, x, n, k[0]);
            nfe++;
            observer.accept(t, x, k[0]);
            for (int i = 1; i < s; i++) {
                stageState(x, k, tableau.a()[i], h, stage, len);
                field.evaluate(t + tableau.c()[i] * h, stage, n, k[i]);
                nfe++;
            }
            combine(x, k, tableau.b(), h, x, len);
        }
        checkFinite(x, len, t1);
        observer.accept(t1, x, null);
        return new OdeStats(nfe, steps, 0);
    }

    private OdeStats integrateAdaptive(VectorField field, double[] x, int n, double t0, double t1,
                                       OdeObserver observer) {
        int len = n * field.dimension();
        int s = tableau.stages();
        double[][] k = new double[s][len];
        double[] stage = new double[len];
        double[] next = new double[len];
        double direction = Math.signum(t1 - t0);
        double span = Math.abs(t1 - t0);
        int nfe = 0;
        int accepted = 0;
        int rejected = 0;
        if (span == 0) {
            return new OdeStats(0, 0, 0);
        }
        field.evaluate(t0, x, n, k[0]);
        nfe++;
        observer.accept(t0, x, k[0]);

        double h = initialStep;
        if (!(h > 0)) {
            h = initialStepHeuristic(field, x, n, t0, direction, k[0], stage, k[1]);
            nfe++;
        }
        h = Math.min(h, span);
        double t = t0;
        double exponent = -1.0 / (tableau.errorOrder() + 1);
        boolean lastRejected = false;
        while (direction * (t1 - t) > 1e-12 * Math.max(1, span)) {
            if (accepted + rejected >= maxSteps) {
                throw new OdeException(name() + " reached its cap of " + maxSteps + " steps at t=" + t
                        + "; loosen rtol/atol or raise the cap");
            }
            double remaining = Math.abs(t1 - t);
            boolean last = h >= remaining * (1 - 1e-12);
            double hs = direction * (last ? remaining : h);
            for (int i = 1; i < s; i++) {
                stageState(x, k, tableau.a()[i], hs, stage, len);
                field.evaluate(t + tableau.c()[i] * hs, stage, n, k[i]);
                nfe++;
            }
            if (tableau.fsal()) {
                // Last stage was evaluated at x + h·Σ b·k, which is the new point.
                System.arraycopy(stage, 0, next, 0, len);
            } else {
                combine(x, k, tableau.b(), hs, next, len);
            }
            double err = errorNorm(x, next, k, hs, len);
            if (!Double.isFinite(err)) {
                if (!allFinite(next, len) || !allFinite(k[s - 1], len)) {
                    throw new OdeException(name() + ": non-finite state at t=" + t);
                }
                // The state is fine; the error estimate overflowed its scale: the tolerances cannot be met.
                throw new OdeException(name() + ": cannot meet rtol " + rtol + " and atol " + atol + " at t=" + t
                        + " (the error estimate overflowed); loosen rtol/atol");
            }
            if (err <= 1) {
                t = last ? t1 : t + hs;
                System.arraycopy(next, 0, x, 0, len);
                if (tableau.fsal()) {
                    double[] tmp = k[0];
                    k[0] = k[s - 1];
                    k[s - 1] = tmp;
                } else {
                    field.evaluate(t, x, n, k[0]);
                    nfe++;
                }
                accepted++;
                observer.accept(t, x, k[0]);
                double factor = err == 0 ? 10 : Math.min(10, Math.max(0.2, 0.9 * Math.pow(err, exponent)));
                if (lastRejected) {
                    factor = Math.min(1, factor);
                }
                h = Math.abs(hs) * factor;
                lastRejected = false;
            } else {
                rejected++;
                h = Math.abs(hs) * Math.max(0.2, 0.9 * Math.pow(err, exponent));
                lastRejected = true;
            }
        }
        return new OdeStats(nfe, accepted, rejected);
    }

    /** stage = x + h·Σ_j a[j]·k_j. */
    private static void stageState(double[] x, double[][] k, double[] a, double h, double[] stage, int len) {
        System.arraycopy(x, 0, stage, 0, len);
        for (int j = 0; j < a.length; j++) {
            double w = h * a[j];
            if (w == 0) {
                continue;
            }
            double[] kj = k[j];
            for (int e = 0; e < len; e++) {
                stage[e] += w * kj[e];
            }
        }
    }

    /** out = x + h·Σ_i b_i·k_i (out may alias x). */
    private static void combine(double[] x, double[][] k, double[] b, double h, double[] out, int len) {
        if (out != x) {
            System.arraycopy(x, 0, out, 0, len);
        }
        for (int i = 0; i < b.length; i++) {
            double w = h * b[i];
            if (w == 0) {
                continue;
            }
            double[] ki = k[i];
            for (int e = 0; e < len; e++) {
                out[e] += w * ki[e];
            }
        }
    }

    private double errorNorm(double[] x, double[] next, double[][] k, double h, int len) {
        double[] ew = tableau.errorWeights();
        double sum = 0;
        for (int e = 0; e < len; e++) {
            double err = 0;
            for (int i = 0; i < ew.length; i++) {
                err += ew[i] * k[i][e];
            }
            err *= h;
            double scale = atol + rtol * Math.max(Math.abs(x[e]), Math.abs(next[e]));
            double r = err / scale;
            sum += r * r;
        }
        return Math.sqrt(sum / len);
    }

    /** Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.4: a first step of the right scale. One NFE. */
    private double initialStepHeuristic(VectorField field, double[] x, int n, double t0, double direction,
                                        double[] f0, double[] probe, double[] f1) {
        int len = x.length == 0 ? 0 : n * field.dimension();
        double d0 = 0;
        double d1 = 0;
        for (int e = 0; e < len; e++) {
            double scale = atol + rtol * Math.abs(x[e]);
            d0 += (x[e] / scale) * (x[e] / scale);
            d1 += (f0[e] / scale) * (f0[e] / scale);
        }
        d0 = Math.sqrt(d0 / len);
        d1 = Math.sqrt(d1 / len);
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        for (int e = 0; e < len; e++) {
            probe[e] = x[e] + direction * h0 * f0[e];
        }
        field.evaluate(t0 + direction * h0, probe, n, f1);
        double d2 = 0;
        for (int e = 0; e < len; e++) {
            double scale = atol + rtol * Math.abs(x[e]);
            double r = (f1[e] - f0[e]) / scale;
            d2 += r * r;
        }
        d2 = Math.sqrt(d2 / len) / h0;
        double m = Math.max(d1, d2);
        double h1 = m <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / m, 1.0 / (tableau.order() + 1));
        Arrays.fill(f1, 0);
        return Math.min(100 * h0, h1);
    }

    private static boolean allFinite(double[] x, int len) {
        for (int e = 0; e < len; e++) {
            if (!Double.isFinite(x[e])) {
                return false;
            }
        }
        return true;
    }

    private void checkFinite(double[] x, int len, double t) {
        for (int e = 0; e < len; e++) {
            if (!Double.isFinite(x[e])) {
                throw new OdeException(name() + ": non-finite state at t=" + t);
            }
        }
    }
}
