package org.flowlab.flow;

import java.util.List;
import java.util.Locale;

/**
 * A conditional probability path between noise x0 ~ N(0, I) (t = 0) and data x1 (t = 1) of the affine form
 * x_t = α(t)·x1 + σ(t)·x0, whose conditional velocity for the pair is u_t = α'(t)·x1 + σ'(t)·x0.
 * Flow matching regresses v(x_t, t) on u_t.
 */
public interface ProbabilityPath {

    /** Short name, as used by the CLI ("ot", "sigma-min", "vp"). */
    String id();

    double alpha(double t);

    double sigma(double t);

    double alphaDot(double t);

    double sigmaDot(double t);

    /** Training draws t ~ U(0, tMax()); below 1 where u_t is singular at t = 1. */
    default double tMax() {
        return 1.0;
    }

    /**
     * For a batch of pairs writes x_t and u_t ([n × 2] each) with per-sample times t[i].
     * Arrays are [x, y] interleaved; xt and ut must not alias the inputs.
     */
    default void pointAndTarget(float[] x0, float[] x1, float[] t, int n, float[] xt, float[] ut) {
        for (int i = 0; i < n; i++) {
            double ti = t[i];
            double a = alpha(ti);
            double s = sigma(ti);
            double da = alphaDot(ti);
            double ds = sigmaDot(ti);
            for (int d = 0; d < 2; d++) {
                int e = 2 * i + d;
                xt[e] = (float) (a * x1[e] + s * x0[e]);
                ut[e] = (float) (da * x1[e] + ds * x0[e]);
            }
        }
    }

    List<String> IDS = List.of("ot", "sigma-min", "vp");

    /** A path by its id, with default parameters (σ_min = 1e-4; VP β from 0.1 to 20). */
    static ProbabilityPath byId(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "ot", "linear" -> new LinearPath();
            case "sigma-min", "sigmamin", "lipman" -> new SigmaMinPath(SigmaMinPath.DEFAULT_SIGMA_MIN);
            case "vp", "diffusion" -> new VariancePreservingPath(0.1, 20);
            default -> throw new IllegalArgumentException(
                    "unknown path '" + id + "'; choose one of " + String.join(", ", IDS));
        };
    }
}
