package org.flowlab.app.density;

import org.flowlab.app.TaskRunner;
import org.flowlab.likelihood.DivergenceField;
import org.flowlab.likelihood.LogDensity;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.render.SceneLayers;

/** What the density lanes run: log p_t on a grid for the heatmap, and the mean NLL of held-out points. */
final class DensityMaps {

    private DensityMaps() {
    }

    /** Midpoint with 8 steps: 16 evaluations of (v, div v) per point, ≈ 1e-3 nats on trained models. */
    static OdeSolver solver() {
        return Solvers.create("midpoint", 8);
    }

    /** p_t/max p_t with gamma ½ on a size² grid over [−L, L]², so both peaks and shoulders read. */
    static SceneLayers.Heatmap heatmap(DivergenceField f, int size, double halfWidth, double t,
                                       TaskRunner.Progress progress) {
        double[] logp = LogDensity.grid(f, solver(), size, halfWidth, t, (time, z, v) -> {
            progress.checkCancelled();
            progress.progress((t - time) / Math.max(1e-9, t));
        });
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logp) {
            if (Double.isFinite(l)) {
                max = Math.max(max, l);
            }
        }
        float[] u = new float[logp.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = Double.isFinite(logp[i]) ? (float) Math.exp(0.5 * (logp[i] - max)) : 0f;
        }
        return new SceneLayers.Heatmap(u, size, halfWidth);
    }

    /** Mean negative log-likelihood in nats of the model's p_1 at the points ([n × 2]). */
    static double meanNll(DivergenceField f, float[] points) {
        return LogDensity.meanNll(f, solver(), points);
    }
}
