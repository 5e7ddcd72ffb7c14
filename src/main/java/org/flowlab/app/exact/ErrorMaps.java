package org.flowlab.app.exact;

import java.util.SplittableRandom;
import org.flowlab.app.ModelFields;
import org.flowlab.density.PointSampler;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.marginal.MarginalField;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.VectorField;
import org.flowlab.render.SceneLayers;

/**
 * What the error lane runs: |v_θ − u_t| / |u_t| at the centres of an s × s grid (row 0 at the top), clamped to
 * [0, 1]; each cell's opacity follows p_t there (a histogram of {@value #DENSITY_SAMPLES} samples x_t =
 * α_t·x1 + σ_t·x0, √(p / (5 % of its peak)) capped at 1), so regions the training never visits fade out —
 * late in t the target's density is negligible almost everywhere and the relative error there means nothing.
 * Keeps the network of the last weights; one thread (the lane's) only.
 */
final class ErrorMaps {

    static final int DENSITY_SAMPLES = 60_000;

    private final ModelFields fields;
    private final ExactInputs.Cache exact = new ExactInputs.Cache();
    private WeightsSnapshot weights;
    private VectorField network;

    ErrorMaps(ModelFields fields) {
        this.fields = fields;
    }

    SceneLayers.ErrorMap map(WeightsSnapshot w, float[] mass, int gridSize, PointSampler data, double t,
                             double half, int s) {
        if (w != weights) {
            network = fields.velocity(w);
            weights = w;
        }
        MarginalField u = exact.field(mass, gridSize, half, ExactInputs.pathOf(w));
        double cell = 2 * half / s;
        double[] xs = new double[s];
        double[] ys = new double[s];
        for (int k = 0; k < s; k++) {
            xs[k] = -half + (k + 0.5) * cell;
            ys[k] = half - (k + 0.5) * cell;
        }
        double[] exactV = new double[2 * s * s];
        u.evaluateLattice(t, xs, ys, exactV);
        double[] pos = new double[2 * s * s];
        for (int r = 0; r < s; r++) {
            for (int c = 0; c < s; c++) {
                pos[2 * (r * s + c)] = xs[c];
                pos[2 * (r * s + c) + 1] = ys[r];
            }
        }
        double[] learned = new double[2 * s * s];
        network.evaluate(t, pos, s * s, learned);
        float[] values = new float[s * s];
        double rms = 0;
        for (int i = 0; i < s * s; i++) {
            rms += exactV[2 * i] * exactV[2 * i] + exactV[2 * i + 1] * exactV[2 * i + 1];
        }
        double eps = 1e-6 + 0.02 * Math.sqrt(rms / (s * s));
        for (int i = 0; i < s * s; i++) {
            double err = Math.hypot(learned[2 * i] - exactV[2 * i], learned[2 * i + 1] - exactV[2 * i + 1]);
            double norm = Math.hypot(exactV[2 * i], exactV[2 * i + 1]);
            values[i] = (float) Math.min(1, err / Math.max(norm, eps));
        }
        return new SceneLayers.ErrorMap(values, opacity(data, u.path(), t, half, s), s, half, t);
    }

    /** √(p_t / (0.05·max p_t)), capped at 1, from a histogram of x_t smoothed over 3 × 3 cells. */
    static float[] opacity(PointSampler data, ProbabilityPath path, double t, double half, int s) {
        SplittableRandom rng = new SplittableRandom(7);
        float[] x1 = data.sample(DENSITY_SAMPLES, rng);
        double a = path.alpha(t);
        double sg = path.sigma(t);
        double[] count = new double[s * s];
        for (int i = 0; i < DENSITY_SAMPLES; i++) {
            double x = a * x1[2 * i] + sg * rng.nextGaussian();
            double y = a * x1[2 * i + 1] + sg * rng.nextGaussian();
            int c = (int) Math.floor((x + half) / (2 * half) * s);
            int r = (int) Math.floor((half - y) / (2 * half) * s);
            if (c >= 0 && c < s && r >= 0 && r < s) {
                count[r * s + c]++;
            }
        }
        double[] smooth = new double[s * s];
        double max = 0;
        for (int r = 0; r < s; r++) {
            for (int c = 0; c < s; c++) {
                double sum = 0;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int rr = r + dr;
                        int cc = c + dc;
                        if (rr >= 0 && rr < s && cc >= 0 && cc < s) {
                            sum += count[rr * s + cc];
                        }
                    }
                }
                smooth[r * s + c] = sum;
                max = Math.max(max, sum);
            }
        }
        float[] out = new float[s * s];
        for (int i = 0; i < s * s; i++) {
            out[i] = max > 0 ? (float) Math.min(1, Math.sqrt(smooth[i] / (0.05 * max))) : 0f;
        }
        return out;
    }
}
