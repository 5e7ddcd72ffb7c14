package org.flowlab.flow;

import org.flowlab.ode.VectorField;

/**
 * The closed form of a Gaussian path toward a Gaussian target N(μ, diag(s²)) with the independent coupling:
 * x_t = α_t·x1 + σ_t·x0 has marginals N(m_t, diag(var_t)), m_t = α_t·μ, var_t = α_t²·s² + σ_t², carried by the
 * affine marginal field v(x, t) = α'_t·μ + (α_t·α'_t·s² + σ_t·σ'_t)/var_t · (x − m_t) (per coordinate), whose
 * score is −(x − m_t)/var_t. For VP, σ·σ' = −α·α' (finite at t = 1, where σ' alone is not).
 */
public final class GaussianTarget {

    public final ProbabilityPath path;
    public final double[] mu;
    public final double[] s;

    public GaussianTarget(ProbabilityPath path, double[] mu, double[] s) {
        this.path = path;
        this.mu = mu.clone();
        this.s = s.clone();
    }

    public double mean(int d, double t) {
        return path.alpha(t) * mu[d];
    }

    public double variance(int d, double t) {
        double a = path.alpha(t);
        double sg = path.sigma(t);
        return a * a * s[d] * s[d] + sg * sg;
    }

    /** σ_t·σ'_t, finite everywhere. */
    private double sigmaSigmaDot(double t) {
        if (path instanceof VariancePreservingPath) {
            return -path.alpha(t) * path.alphaDot(t);
        }
        return path.sigma(t) * path.sigmaDot(t);
    }

    /** The exact marginal velocity field. */
    public VectorField field() {
        return new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] x, int n, double[] out) {
                double a = path.alpha(t);
                double da = path.alphaDot(t);
                double ss = sigmaSigmaDot(t);
                for (int d = 0; d < 2; d++) {
                    double rate = (a * da * s[d] * s[d] + ss) / variance(d, t);
                    double m = mean(d, t);
                    for (int i = 0; i < n; i++) {
                        out[2 * i + d] = da * mu[d] + rate * (x[2 * i + d] - m);
                    }
                }
            }
        };
    }

    /** The exact score −(x − m_t)/var_t at one point, coordinate d. */
    public double score(double x, int d, double t) {
        return -(x - mean(d, t)) / variance(d, t);
    }
}
