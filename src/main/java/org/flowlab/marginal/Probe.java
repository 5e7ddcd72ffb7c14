package org.flowlab.marginal;

import java.util.List;

/**
 * Why the marginal field is an average, at one point x and time t: the components of the target whose conditional
 * paths pass through x at t, each with its posterior weight w_i(x) and conditional velocity, and their weighted
 * average, which is the exact marginal velocity u_t(x).
 *
 * @param t           the time (clamped to [0, 1])
 * @param x           the probed point, x coordinate
 * @param y           the probed point, y coordinate
 * @param ux          u_t(x) = Σ_i w_i·u_i over all components (not only the listed ones), x component
 * @param uy          y component
 * @param paths       the heaviest components, by decreasing weight
 * @param shownWeight Σ w_i over the listed paths (1 when all are listed)
 * @param components  how many components have a positive weight at x
 */
public record Probe(double t, double x, double y, double ux, double uy, List<ConditionalPath> paths,
                    double shownWeight, int components) {

    public Probe {
        paths = List.copyOf(paths);
    }

    /**
     * One component's conditional path through x at t, averaged over the component given x_t = x:
     * x1 = E[x1 | x_t = x, i] (the cell's centre pulled by α·s²/v·(x − α·c_i); the point itself for points),
     * x0 = E[x0 | x_t = x, i] = σ/v·(x − α·c_i), so that α·x1 + σ·x0 = x (the path passes through x at t),
     * and its conditional velocity u_i = α'·x1 + σ'·x0 = α'·c_i + κ·(x − α·c_i).
     * At σ_t = 0 on a point set x0 is reported as 0 (the path's noise is not determined there).
     *
     * @param weight w_i(x) ∝ q_i·N(x; α·c_i, v·I), normalised over all components
     */
    public record ConditionalPath(double x0x, double x0y, double x1x, double x1y, double ux, double uy,
                                  double weight) {
    }
}
