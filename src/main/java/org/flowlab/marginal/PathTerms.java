package org.flowlab.marginal;

import org.flowlab.flow.ProbabilityPath;

/**
 * The scalars of a path at one time t that the exact field needs, for a target whose components are isotropic
 * Gaussians N(c_i, s²·I) (s² = 0 for points).
 *
 * <p>Path: x_t = α_t·x1 + σ_t·x0, x0 ~ N(0, I). For one component the pair (x1, x_t) is jointly Gaussian with
 * x_t ~ N(α·c_i, v·I), v = σ² + α²·s²; its conditional velocity u_t(x | x1) = α'·x1 + σ'·x0 averages, given
 * x_t = x and the component, to
 * <pre>  u_i(x) = α'·c_i + κ·(x − α·c_i),   κ = (α·α'·s² + σ·σ') / v,</pre>
 * so the marginal field u_t(x) = Σ_i w_i(x)·u_i(x) = α'·m(x) + κ·(x − α·m(x)) needs only the posterior mean of the
 * centres m(x) = Σ_i w_i(x)·c_i, w_i ∝ q_i·N(x; α·c_i, v·I): κ is common to all components.
 *
 * <p>Limits: σ·σ' is finite at σ = 0 even where σ' is not (VP at t = 1: σ·σ' = −α·α'); it is then taken from the
 * derivative of σ², σ·σ' = ½·d(σ²)/dt. When v = 0 (points at σ_t = 0: OT and VP at t = 1) the weights are a
 * nearest-centre assignment and κ is taken as the limit of vanishing components, κ = α'/α (so OT gives
 * u_1(x) = x, the value every density has at t = 1): the field of a point set is singular there, and any finite
 * value is a convention. t is clamped to [0, 1].
 *
 * @param alpha      α_t
 * @param sigma      σ_t
 * @param alphaDot   α'_t
 * @param sigmaDot   σ'_t (may be −∞ at σ = 0)
 * @param variance   v = σ² + α²·s², the variance of each component's x_t (per coordinate)
 * @param kappa      κ, the slope of every component's field
 * @param spread     s², the components' own variance
 */
record PathTerms(double t, double alpha, double sigma, double alphaDot, double sigmaDot, double spread,
                 double variance, double kappa) {

    static PathTerms of(ProbabilityPath path, double t, double spread) {
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("t must be finite, got " + t);
        }
        double tc = Math.max(0, Math.min(1, t));
        double a = path.alpha(tc);
        double s = path.sigma(tc);
        double da = path.alphaDot(tc);
        double ds = path.sigmaDot(tc);
        double ssDot = s * ds;
        if (!Double.isFinite(ssDot)) {
            double h = 1e-7;
            double sh = path.sigma(tc - h);
            ssDot = 0.5 * (s * s - sh * sh) / h;
        }
        double v = s * s + a * a * spread;
        double k;
        if (v > 0) {
            k = (a * da * spread + ssDot) / v;
        } else {
            k = a > 0 ? da / a : 0;
        }
        return new PathTerms(tc, a, s, da, ds, spread, v, k);
    }

    /** The field at x given the posterior mean m of the centres: α'·m + κ·(x − α·m). */
    double velocity(double x, double m) {
        return alphaDot * m + kappa * (x - alpha * m);
    }

    /**
     * The per-coordinate variance τ² = v/α² of a component seen from x1-space (the scale of the weights in units
     * of the centres' positions); +∞ when α = 0 (all centres sit at the origin and weigh by q_i alone).
     */
    double variance1() {
        return alpha > 0 ? variance / (alpha * alpha) : Double.POSITIVE_INFINITY;
    }
}
