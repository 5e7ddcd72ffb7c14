package org.flowlab.flow;

/**
 * The variance-preserving diffusion path of Lipman et al. (eq. 19), time reversed so t = 1 is data:
 * with T(s) = ∫₀ˢ β(r) dr = β_min·s + ½(β_max − β_min)·s² and s = 1 − t,
 * α_t = exp(−½·T(1 − t)), σ_t = √(1 − α_t²).
 * Then α'_t = ½·β(1 − t)·α_t and σ'_t = −α_t·α'_t / σ_t, which diverges at t = 1: training draws
 * t ≤ {@link #tMax()}. At t = 0, α ≈ e^{−5} — noise, not exactly N(0, I). Its trajectories curve, so
 * few-step solvers do worse on it than on the straight OT path.
 */
public final class VariancePreservingPath implements ProbabilityPath {

    private final double betaMin;
    private final double betaMax;

    public VariancePreservingPath(double betaMin, double betaMax) {
        if (!(betaMin > 0 && betaMax >= betaMin)) {
            throw new IllegalArgumentException("need 0 < beta_min ≤ beta_max");
        }
        this.betaMin = betaMin;
        this.betaMax = betaMax;
    }

    @Override
    public String id() {
        return "vp";
    }

    @Override
    public double tMax() {
        return 1 - 1e-3;
    }

    private double integratedBeta(double s) {
        return betaMin * s + 0.5 * (betaMax - betaMin) * s * s;
    }

    private double beta(double s) {
        return betaMin + (betaMax - betaMin) * s;
    }

    @Override
    public double alpha(double t) {
        return Math.exp(-0.5 * integratedBeta(1 - t));
    }

    @Override
    public double sigma(double t) {
        double a = alpha(t);
        return Math.sqrt(Math.max(0, 1 - a * a));
    }

    @Override
    public double alphaDot(double t) {
        return 0.5 * beta(1 - t) * alpha(t);
    }

    @Override
    public double sigmaDot(double t) {
        double s = sigma(t);
        return s == 0 ? Double.NEGATIVE_INFINITY : -alpha(t) * alphaDot(t) / s;
    }
}
