package org.flowlab.app.overlay;

import org.flowlab.app.ModelFields;
import org.flowlab.flow.FlowSampler;
import org.flowlab.nn.Condition;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.VectorField;
import org.flowlab.render.SceneLayers;

/**
 * What the field lane runs: v(·, t) at the centres of a g × g grid. Keeps the field of the last weights it saw,
 * so scrubbing t does not rebuild the network; use it from one thread (the lane's) only.
 */
final class FieldGrid {

    private final ModelFields fields;
    private WeightsSnapshot weights;
    private VectorField field;

    FieldGrid(ModelFields fields) {
        this.fields = fields;
    }

    SceneLayers.FieldSample sample(WeightsSnapshot w, double t, double half, int g) {
        if (w != weights) {
            field = fields.velocity(w);
            weights = w;
        }
        return sample(field, t, half, g);
    }

    /**
     * Classifier-free guidance for class y at scale w, on the same grid: v(x, t, ∅), v(x, t, y) and
     * v∅ + w·(v_y − v∅) (each from the model through {@link ModelFields#velocity(WeightsSnapshot, Condition)}).
     */
    SceneLayers.GuidanceFields guided(WeightsSnapshot w, double t, double half, int g, int label, double scale) {
        SceneLayers.FieldSample none = sample(fields.velocity(w, Condition.of(Condition.NULL, 1.0)), t, half, g);
        SceneLayers.FieldSample cond = sample(fields.velocity(w, Condition.of(label, 1.0)), t, half, g);
        float[] v = new float[none.vectors().length];
        for (int e = 0; e < v.length; e++) {
            double v0 = none.vectors()[e];
            v[e] = (float) (v0 + scale * (cond.vectors()[e] - v0));
        }
        return new SceneLayers.GuidanceFields(none, cond, new SceneLayers.FieldSample(none.positions(), v, t), label,
                scale);
    }

    private static SceneLayers.FieldSample sample(VectorField field, double t, double half, int g) {
        double[] pos = new double[2 * g * g];
        double spacing = 2 * half / g;
        for (int j = 0; j < g; j++) {
            for (int i = 0; i < g; i++) {
                int k = j * g + i;
                pos[2 * k] = -half + (i + 0.5) * spacing;
                pos[2 * k + 1] = -half + (j + 0.5) * spacing;
            }
        }
        double[] v = new double[pos.length];
        field.evaluate(t, pos, g * g, v);
        return new SceneLayers.FieldSample(FlowSampler.toFloat(pos), FlowSampler.toFloat(v), t);
    }
}
