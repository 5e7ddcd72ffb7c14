package org.flowlab.metrics;

import org.flowlab.flow.FlowSampler;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.OdeStats;
import org.flowlab.ode.Solvers;
import org.flowlab.ode.VectorField;

/**
 * How straight a flow's own trajectories are, measured on n of them from x0 ~ N(0, I) (seeded), integrated with
 * RK4 on a uniform grid t_k = k/K, k = 0 … K.
 *
 * <ul>
 *   <li><b>Straightness</b> (Liu, Gong &amp; Liu 2022, rectified flow): S = ∫₀¹ E‖(x1 − x0) − v(x_t, t)‖² dt, with
 *       x_t the ODE solution and x1 its end point. S = 0 exactly when every trajectory is a straight segment
 *       run at constant speed — then one Euler step x0 + v(x0, 0) is exact. Units: squared domain units. The
 *       integral is the trapezoid rule over the grid (v at t = 1 costs one more evaluation).</li>
 *   <li><b>Length excess</b>: E[L] / E‖x1 − x0‖ − 1, with L = ∫₀¹ ‖v(x_t, t)‖ dt the arc length (trapezoid rule):
 *       how much longer the paths are than their chords; 0 for straight paths whatever their speed.</li>
 *   <li><b>Mean turning</b>: E Σ_k |∠(v_k, v_{k+1})|, the total angle in radians through which each particle's
 *       velocity turns (its total curvature ∫|κ| ds for a planar path, resolved at the grid); 0 for straight
 *       paths, ω for a rotation at angular speed ω.</li>
 * </ul>
 *
 * @param straightness S as above
 * @param lengthExcess E[L] / E‖x1 − x0‖ − 1
 * @param meanTurning  mean total turning of the velocity, radians
 * @param nfe          network evaluations spent (4K + 1)
 */
public record Straightness(double straightness, double lengthExcess, double meanTurning, int nfe) {

    /** Default grid: RK4 × 32 (129 evaluations) resolves S of the two-moons models to 3 digits. */
    public static final int DEFAULT_STEPS = 32;
    public static final int DEFAULT_PARTICLES = 2000;

    /**
     * Measures a field on the trajectories from the given starting points.
     *
     * @param x0    starting points [n × 2]; not modified
     * @param steps K, the RK4 grid (≥ 1)
     */
    public static Straightness measure(VectorField field, double[] x0, int n, int steps) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one trajectory");
        }
        int len = 2 * n;
        double[][] v = new double[steps + 1][];
        int[] k = {0};
        OdeSolver rk4 = Solvers.create("rk4", steps);
        double[] x = x0.clone();
        OdeStats stats = rk4.integrate(field, x, n, 0, 1, (t, state, dxdt) -> {
            if (dxdt != null && k[0] < steps) {
                v[k[0]++] = dxdt.clone();
            }
        });
        double[] last = new double[len];
        field.evaluate(1.0, x, n, last);
        v[steps] = last;
        double h = 1.0 / steps;
        double s = 0;
        double arc = 0;
        double chord = 0;
        double turning = 0;
        for (int i = 0; i < n; i++) {
            double cx = x[2 * i] - x0[2 * i];
            double cy = x[2 * i + 1] - x0[2 * i + 1];
            chord += Math.hypot(cx, cy);
            for (int g = 0; g <= steps; g++) {
                double w = (g == 0 || g == steps) ? 0.5 * h : h;
                double vx = v[g][2 * i];
                double vy = v[g][2 * i + 1];
                double dx = cx - vx;
                double dy = cy - vy;
                s += w * (dx * dx + dy * dy);
                arc += w * Math.hypot(vx, vy);
                if (g > 0) {
                    double px = v[g - 1][2 * i];
                    double py = v[g - 1][2 * i + 1];
                    turning += Math.abs(Math.atan2(px * vy - py * vx, px * vx + py * vy));
                }
            }
        }
        double lengthExcess = chord > 0 ? arc / chord - 1 : 0;
        return new Straightness(s / n, lengthExcess, turning / n, stats.nfe() + 1);
    }

    /** On n trajectories from the noise {@link FlowSampler#noise} draws with {@code seed}. */
    public static Straightness measure(VectorField field, int n, long seed, int steps) {
        return measure(field, FlowSampler.noise(n, seed), n, steps);
    }

    /** One line, e.g. "straightness 0.1234 (length excess 0.021, mean turning 0.35 rad; 129 NFE)". */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "straightness %.4f (length excess %.4f, mean turning %.3f rad; "
                + "%d NFE)", straightness, lengthExcess, meanTurning, nfe);
    }
}
