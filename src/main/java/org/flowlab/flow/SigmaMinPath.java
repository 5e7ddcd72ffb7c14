package org.flowlab.flow;

/**
 * Lipman et al.'s OT path with a floor σ_min at the data: μ_t = t·x1, σ_t = 1 − (1 − σ_min)·t,
 * so x_t = t·x1 + σ_t·x0 and u_t = x1 − (1 − σ_min)·x0. At t = 1 the conditional is N(x1, σ_min²·I).
 */
public final class SigmaMinPath implements ProbabilityPath {

    public static final double DEFAULT_SIGMA_MIN = 1e-4;
    private final double sigmaMin;

    public SigmaMinPath(double sigmaMin) {
        if (!(sigmaMin >= 0 && sigmaMin < 1)) {
            throw new IllegalArgumentException("sigma_min must be in [0, 1)");
        }
        this.sigmaMin = sigmaMin;
    }

    public double sigmaMin() {
        return sigmaMin;
    }

    @Override
    public String id() {
        return "sigma-min";
    }

    @Override
    public double alpha(double t) {
        return t;
    }

    @Override
    public double sigma(double t) {
        return 1 - (1 - sigmaMin) * t;
    }

    @Override
    public double alphaDot(double t) {
        return 1;
    }

    @Override
    public double sigmaDot(double t) {
        return -(1 - sigmaMin);
    }
}
