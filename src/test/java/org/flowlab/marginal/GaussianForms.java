package org.flowlab.marginal;

import org.flowlab.density.DensityGrid;
import org.flowlab.flow.ProbabilityPath;

/**
 * Closed forms for a Gaussian target N(m, s²·I), written out per path from its μ_t = α_t·x1 and σ_t (not through
 * {@link PathTerms}), for oracle tests.
 *
 * <p>Derivation (any affine path x_t = α·x1 + σ·x0): x_t ~ N(α·m, (α²s² + σ²)·I) and, per coordinate,
 * Cov(x1, x_t) = α·s², Cov(x0, x_t) = σ, so E[x1 | x_t = x] = m + α·s²/(α²s² + σ²)·(x − α·m) and
 * E[x0 | x_t = x] = σ/(α²s² + σ²)·(x − α·m); the field is E[α'·x1 + σ'·x0 | x] =
 * α'·m + (α·α'·s² + σ·σ')/(α²s² + σ²)·(x − α·m): affine. Per path:
 * <ul>
 *   <li>OT (α = t, σ = 1 − t): u = m + (t·s² − (1 − t))/(t²s² + (1 − t)²)·(x − t·m) (the formula);</li>
 *   <li>σ_min OT (α = t, σ = 1 − (1 − σ_min)·t, σ' = −(1 − σ_min)):
 *       u = m + (t·s² − (1 − σ_min)·σ_t)/(t²s² + σ_t²)·(x − t·m);</li>
 *   <li>VP (α_t = e^{−T(1−t)/2}, σ_t² = 1 − α_t², so σ·σ' = −α·α', α' = ½·β(1 − t)·α):
 *       u = α'·m + α·α'·(s² − 1)/(1 − α² + α²s²)·(x − α·m).</li>
 * </ul>
 * The loss floor per coordinate at t is the conditional variance of u_c = α'·x1 + σ'·x0 given x_t:
 * α'²s² + σ'² − (α·α'·s² + σ·σ')²/(α²s² + σ²).
 */
final class GaussianForms {

    static final double SIGMA_MIN = 1e-4;
    static final double BETA_MIN = 0.1;
    static final double BETA_MAX = 20;

    private GaussianForms() {
    }

    /** The closed-form field of N(m, s2·I) for one coordinate at x, written per path. */
    static double field(String path, double t, double m, double s2, double x) {
        switch (path) {
            case "ot" -> {
                return m + (t * s2 - (1 - t)) / (t * t * s2 + (1 - t) * (1 - t)) * (x - t * m);
            }
            case "sigma-min" -> {
                double st = 1 - (1 - SIGMA_MIN) * t;
                return m + (t * s2 - (1 - SIGMA_MIN) * st) / (t * t * s2 + st * st) * (x - t * m);
            }
            case "vp" -> {
                double s = 1 - t;
                double a = Math.exp(-0.5 * (BETA_MIN * s + 0.5 * (BETA_MAX - BETA_MIN) * s * s));
                double da = 0.5 * (BETA_MIN + (BETA_MAX - BETA_MIN) * s) * a;
                return da * m + a * da * (s2 - 1) / (1 - a * a + a * a * s2) * (x - a * m);
            }
            default -> throw new IllegalArgumentException(path);
        }
    }

    /** The floor per coordinate at t for N(m, s2·I): Var(u_c | x_t), from the path's own α, σ and derivatives. */
    static double floorAt(ProbabilityPath p, double t, double s2) {
        double a = p.alpha(t);
        double s = p.sigma(t);
        double da = p.alphaDot(t);
        double ds = p.sigmaDot(t);
        double cov = a * da * s2 + s * ds;
        return da * da * s2 + ds * ds - cov * cov / (a * a * s2 + s * s);
    }

    /** ∫ floorAt dt / t_max over [0, t_max] by the midpoint rule. */
    static double floor(ProbabilityPath p, double s2) {
        int n = 200_000;
        double tMax = p.tMax();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += floorAt(p, tMax * (i + 0.5) / n, s2);
        }
        return sum / n;
    }

    /** A grid with the density of N((mx, my), s²·I) at each cell centre. */
    static DensityGrid grid(int size, double halfWidth, double mx, double my, double s) {
        DensityGrid g = new DensityGrid(size, halfWidth);
        float[] mass = new float[size * size];
        double c = g.cellSize();
        for (int r = 0; r < size; r++) {
            for (int k = 0; k < size; k++) {
                double x = -halfWidth + (k + 0.5) * c - mx;
                double y = halfWidth - (r + 0.5) * c - my;
                mass[r * size + k] = (float) Math.exp(-(x * x + y * y) / (2 * s * s));
            }
        }
        g.replace(mass);
        return g;
    }
}
