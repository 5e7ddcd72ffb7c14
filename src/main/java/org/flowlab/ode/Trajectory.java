package org.flowlab.ode;

import java.util.ArrayList;
import java.util.List;

/**
 * The states of a batch at every accepted solver step, with cubic Hermite dense output so that any t
 * between the first and last recorded time can be shown smoothly.
 *
 * <p>Between recorded (t_a, x_a, v_a) and (t_b, x_b, v_b), with h = t_b − t_a and s = (t − t_a)/h:
 * x(t) = (2s³−3s²+1)·x_a + (s³−2s²+s)·h·v_a + (−2s³+3s²)·x_b + (s³−s²)·h·v_b — third-order accurate, C¹.
 * Where the solver had no derivative at a point (the fixed-step solvers' end point), the slope of the
 * quadratic through the previous point, its slope and this point stands in: v_b = 2·(x_b − x_a)/h − v_a,
 * second-order accurate, so the last segment is as smooth as the others without an extra evaluation.
 *
 * <p>States are kept as float (what the screen needs) to halve memory: 50k particles × 100 steps ≈ 80 MB.
 * Immutable once built by {@link Recorder#build()}; safe to read from any thread.
 */
public final class Trajectory {

    private final int n;
    private final int dim;
    private final double[] times;
    private final float[][] states;
    private final float[][] slopes;

    private Trajectory(int n, int dim, double[] times, float[][] states, float[][] slopes) {
        this.n = n;
        this.dim = dim;
        this.times = times;
        this.states = states;
        this.slopes = slopes;
    }

    public int particles() {
        return n;
    }

    public int dimension() {
        return dim;
    }

    /** Number of recorded points (accepted steps + 1). */
    public int points() {
        return times.length;
    }

    public double time(int k) {
        return times[k];
    }

    /** The recorded states at point k, [n × dim]; do not modify. */
    public float[] state(int k) {
        return states[k];
    }

    public double startTime() {
        return times[0];
    }

    public double endTime() {
        return times[times.length - 1];
    }

    /** Writes x(t) for all particles into out ([n × dim]); t is clamped to the recorded range; NaN is refused. */
    public void interpolate(double t, float[] out) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("cannot interpolate a trajectory at t = NaN");
        }
        int last = times.length - 1;
        if (last == 0) {
            System.arraycopy(states[0], 0, out, 0, n * dim);
            return;
        }
        t = clampToRange(t);
        int seg = segment(t, times[last] > times[0]);
        double h = times[seg + 1] - times[seg];
        double s = h == 0 ? 0 : (t - times[seg]) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        float h00 = (float) (2 * s3 - 3 * s2 + 1);
        float h10 = (float) ((s3 - 2 * s2 + s) * h);
        float h01 = (float) (-2 * s3 + 3 * s2);
        float h11 = (float) ((s3 - s2) * h);
        float[] xa = states[seg];
        float[] xb = states[seg + 1];
        float[] va = slopes[seg];
        float[] vb = slopes[seg + 1];
        int len = n * dim;
        for (int e = 0; e < len; e++) {
            out[e] = h00 * xa[e] + h10 * va[e] + h01 * xb[e] + h11 * vb[e];
        }
    }

    /**
     * Particle i's position x_i(t) into out[0 … dim): the same Hermite formula, in the same float arithmetic, as
     * {@link #interpolate(double, float[])} gives for that particle (so a drawn trace sits exactly on the cloud).
     */
    public void particle(double t, int i, float[] out) {
        hermite(t, i, out, false);
    }

    /**
     * Particle i's velocity dx_i/dt at t into out[0 … dim): the derivative of the Hermite dense output,
     * [(6s² − 6s)·x_a + (3s² − 4s + 1)·h·v_a + (6s − 6s²)·x_b + (3s² − 2s)·h·v_b] / h; at a recorded point it is
     * the recorded slope (the field's value there for the solvers that record it).
     */
    public void velocity(double t, int i, float[] out) {
        hermite(t, i, out, true);
    }

    private void hermite(double t, int i, float[] out, boolean derivative) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("cannot interpolate a trajectory at t = NaN");
        }
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("particle " + i + " of " + n);
        }
        int last = times.length - 1;
        int off = i * dim;
        if (last == 0) {
            for (int d = 0; d < dim; d++) {
                out[d] = derivative ? slopes[0][off + d] : states[0][off + d];
            }
            return;
        }
        t = clampToRange(t);
        int seg = segment(t, times[last] > times[0]);
        double h = times[seg + 1] - times[seg];
        double s = h == 0 ? 0 : (t - times[seg]) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        float[] xa = states[seg];
        float[] xb = states[seg + 1];
        float[] va = slopes[seg];
        float[] vb = slopes[seg + 1];
        if (derivative) {
            for (int d = 0; d < dim; d++) {
                int e = off + d;
                out[d] = h == 0 ? va[e] : (float) (((6 * s2 - 6 * s) * xa[e] + (6 * s - 6 * s2) * xb[e]) / h
                        + (3 * s2 - 4 * s + 1) * va[e] + (3 * s2 - 2 * s) * vb[e]);
            }
            return;
        }
        float h00 = (float) (2 * s3 - 3 * s2 + 1);
        float h10 = (float) ((s3 - 2 * s2 + s) * h);
        float h01 = (float) (-2 * s3 + 3 * s2);
        float h11 = (float) ((s3 - s2) * h);
        for (int d = 0; d < dim; d++) {
            int e = off + d;
            out[d] = h00 * xa[e] + h10 * va[e] + h01 * xb[e] + h11 * vb[e];
        }
    }

    /** Index a with t in [times[a], times[a+1]] (in the direction of integration). */
    /** t clamped to the recorded range [min(t_0, t_last), max(t_0, t_last)]. */
    private double clampToRange(double t) {
        int last = times.length - 1;
        return Math.max(Math.min(times[0], times[last]), Math.min(Math.max(times[0], times[last]), t));
    }

    private int segment(double t, boolean increasing) {
        int lo = 0;
        int hi = times.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            boolean before = increasing ? times[mid] <= t : times[mid] >= t;
            if (before) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * An {@link OdeObserver} that records every accepted point, optionally keeping only the first
     * {@code keep} components of each particle (e.g. positions when a log-density rides along).
     */
    public static final class Recorder implements OdeObserver {
        private final int n;
        private final int dim;
        private final int keep;
        private final List<Double> times = new ArrayList<>();
        private final List<float[]> states = new ArrayList<>();
        private final List<float[]> slopes = new ArrayList<>();

        public Recorder(int n, int dim) {
            this(n, dim, dim);
        }

        public Recorder(int n, int dim, int keep) {
            this.n = n;
            this.dim = dim;
            this.keep = keep;
        }

        @Override
        public void accept(double t, double[] x, double[] dxdt) {
            times.add(t);
            states.add(select(x));
            slopes.add(dxdt == null ? null : select(dxdt));
        }

        private float[] select(double[] src) {
            float[] out = new float[n * keep];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < keep; d++) {
                    out[i * keep + d] = (float) src[i * dim + d];
                }
            }
            return out;
        }

        public Trajectory build() {
            int m = times.size();
            if (m == 0) {
                throw new IllegalStateException("nothing was recorded");
            }
            double[] ts = new double[m];
            for (int k = 0; k < m; k++) {
                ts[k] = times.get(k);
            }
            float[][] xs = states.toArray(new float[0][]);
            float[][] vs = slopes.toArray(new float[0][]);
            for (int k = 0; k < m; k++) {
                if (vs[k] == null) {
                    vs[k] = k > 0 && vs[k - 1] != null ? quadraticEnd(ts, xs, vs[k - 1], k) : secant(ts, xs, k);
                }
            }
            return new Trajectory(n, keep, ts, xs, vs);
        }

        /** v_k = 2·(x_k − x_{k−1})/h − v_{k−1}: the end slope of the quadratic fitted to both points and v_{k−1}. */
        private float[] quadraticEnd(double[] ts, float[][] xs, float[] prevSlope, int k) {
            float[] v = new float[n * keep];
            double h = ts[k] - ts[k - 1];
            if (h == 0) {
                return prevSlope.clone();
            }
            for (int e = 0; e < v.length; e++) {
                v[e] = (float) (2 * (xs[k][e] - xs[k - 1][e]) / h - prevSlope[e]);
            }
            return v;
        }

        private float[] secant(double[] ts, float[][] xs, int k) {
            int a = k > 0 ? k - 1 : k;
            int b = k > 0 ? k : Math.min(k + 1, ts.length - 1);
            float[] v = new float[n * keep];
            double h = ts[b] - ts[a];
            if (h == 0) {
                return v;
            }
            for (int e = 0; e < v.length; e++) {
                v[e] = (float) ((xs[b][e] - xs[a][e]) / h);
            }
            return v;
        }
    }
}
