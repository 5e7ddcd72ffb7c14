package org.flowlab.flow;

/**
 * The score ∇log p_t(x) of a Gaussian path's marginals, read off its marginal velocity v(x, t).
 *
 * <p>On an affine path x_t = α_t·x1 + σ_t·x0 with x0 ~ N(0, I), both the velocity and the score are conditional
 * expectations given x_t = x: v = α'·E[x1|x] + σ'·E[x0|x] and ∇log p_t(x) = −E[x0|x]/σ_t (Tweedie). Eliminating
 * E[x1|x] = (x − σ·E[x0|x])/α gives
 * <pre>
 *   σ_t·∇log p_t(x) = (α'_t·x − α_t·v) / (α_t·σ'_t − α'_t·σ_t).
 * </pre>
 * Per path (σ_t·∇log p_t is what the SDE sampler uses: it stays bounded where σ_t → 0):
 * <ul>
 *   <li><b>OT</b> (α = t, σ = 1 − t; the denominator is −1): σ_t·∇log p_t = t·v − x, i.e.
 *       ∇log p_t(x) = (t·v(x, t) − x) / (1 − t).</li>
 *   <li><b>σ_min</b> (α = t, σ = 1 − (1 − σ_min)·t; the denominator is −1 again): ∇log p_t(x) =
 *       (t·v(x, t) − x) / (1 − (1 − σ_min)·t).</li>
 *   <li><b>VP</b> (α = e^{−T(1−t)/2}, σ = √(1 − α²), α' = ½β(1 − t)·α, σ' = −α·α'/σ; the denominator is
 *       −α'/σ): ∇log p_t(x) = (α·v − α'·x)/α' = 2·v(x, t)/β(1 − t) − x.</li>
 * </ul>
 * At t = 0 each gives −x, the score of N(0, I) (exactly for OT and σ_min; VP starts at α_0 = e^{−5}). The
 * formulas hold for the exact marginal velocity; with a trained network they are as good as the network.
 */
public final class Scores {

    private Scores() {
    }

    /** σ_t·∇log p_t(x) for n points: x and v [n × 2] (v = v(x, t)), into out [n × 2]. */
    public static void scaledScore(ProbabilityPath path, double t, double[] x, double[] v, int n, double[] out) {
        double a = path.alpha(t);
        double s = path.sigma(t);
        double da = path.alphaDot(t);
        double ds = path.sigmaDot(t);
        // σ' = −∞ (VP at t = 1) with σ = 0: the denominator is −∞ and σ·∇log p = 0, its limit.
        double den = Double.isInfinite(ds) ? Double.NEGATIVE_INFINITY : a * ds - da * s;
        for (int e = 0; e < 2 * n; e++) {
            out[e] = Double.isInfinite(den) ? 0 : (da * x[e] - a * v[e]) / den;
        }
    }

    /** ∇log p_t(x) = scaledScore / σ_t; infinite where σ_t = 0 (t = 1 on OT and VP). */
    public static void score(ProbabilityPath path, double t, double[] x, double[] v, int n, double[] out) {
        scaledScore(path, t, x, v, n, out);
        double s = path.sigma(t);
        for (int e = 0; e < 2 * n; e++) {
            out[e] /= s;
        }
    }
}
