package org.flowlab.likelihood;

import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.VectorField;

/**
 * The model's density by the instantaneous change of variables. Along dx/dt = v(x, t),
 * d/dt log p_t(x_t) = −div v(x_t, t), hence
 * <pre>  log p_t(x) = log N(x_0; 0, I) − ∫_0^t div v(x_s, s) ds,</pre>
 * where x_s solves the ODE backward from x_t = x. We integrate the augmented state (x, a) from s = t down to 0
 * with dx/ds = v and da/ds = −div v, a(t) = 0, so a(0) = ∫_0^t div v ds and log p_t(x) = log N(x_0) − a(0).
 * Any {@link OdeSolver} works (fixed step or adaptive; the error control then covers a too).
 */
public final class LogDensity {

    static final double LOG_2PI = Math.log(2 * Math.PI);

    private LogDensity() {
    }

    /** (x, y, a) ↦ (v, −div v): the augmented field. */
    static VectorField augmented(DivergenceField f) {
        return new VectorField() {
            private double[] pos = new double[0];
            private double[] vel = new double[0];
            private double[] div = new double[0];

            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public void evaluate(double t, double[] z, int n, double[] out) {
                if (pos.length != 2 * n) {
                    pos = new double[2 * n];
                    vel = new double[2 * n];
                    div = new double[n];
                }
                for (int i = 0; i < n; i++) {
                    pos[2 * i] = z[3 * i];
                    pos[2 * i + 1] = z[3 * i + 1];
                }
                f.velocityAndDivergence(t, pos, n, vel, div);
                for (int i = 0; i < n; i++) {
                    out[3 * i] = vel[2 * i];
                    out[3 * i + 1] = vel[2 * i + 1];
                    out[3 * i + 2] = -div[i];
                }
            }
        };
    }

    /** log p_t at n points ([n × 2]); natural log. */
    public static double[] logDensity(DivergenceField f, OdeSolver solver, double[] points, int n, double t) {
        return logDensity(f, solver, points, n, t, OdeObserver.NONE);
    }

    /** As {@link #logDensity(DivergenceField, OdeSolver, double[], int, double)}, observing the backward solve. */
    public static double[] logDensity(DivergenceField f, OdeSolver solver, double[] points, int n, double t,
                                      OdeObserver observer) {
        if (!(t >= 0 && t <= 1)) {
            // A NaN used to skip the integration and return log N(x; 0, I) as if t were 0.
            throw new IllegalArgumentException("t must be in [0, 1], got " + t);
        }
        double[] z = new double[3 * n];
        for (int i = 0; i < n; i++) {
            z[3 * i] = points[2 * i];
            z[3 * i + 1] = points[2 * i + 1];
        }
        if (t > 0) {
            solver.integrate(augmented(f), z, n, t, 0, observer);
        }
        double[] logp = new double[n];
        for (int i = 0; i < n; i++) {
            double x = z[3 * i];
            double y = z[3 * i + 1];
            logp[i] = -LOG_2PI - 0.5 * (x * x + y * y) - z[3 * i + 2];
        }
        return logp;
    }

    /** Mean negative log-likelihood in nats per point of the model's p_1 on the given points. */
    public static double meanNll(DivergenceField f, OdeSolver solver, float[] points) {
        int n = points.length / 2;
        double[] p = new double[2 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = points[i];
        }
        double[] logp = logDensity(f, solver, p, n, 1.0);
        double s = 0;
        for (double l : logp) {
            s -= l;
        }
        return s / n;
    }

    /**
     * log p_t on a size × size grid of cell centres over [−L, L]², row 0 at the top (y = L), like
     * {@link org.flowlab.density.DensityGrid}.
     */
    public static double[] grid(DivergenceField f, OdeSolver solver, int size, double halfWidth, double t,
                                OdeObserver observer) {
        double[] pts = new double[2 * size * size];
        double cell = 2 * halfWidth / size;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                int k = row * size + col;
                pts[2 * k] = -halfWidth + (col + 0.5) * cell;
                pts[2 * k + 1] = halfWidth - (row + 0.5) * cell;
            }
        }
        return logDensity(f, solver, pts, size * size, t, observer);
    }
}
