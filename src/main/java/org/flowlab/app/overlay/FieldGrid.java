package org.flowlab.app.overlay;

import org.flowlab.app.ModelFields;
import org.flowlab.flow.FlowSampler;
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
