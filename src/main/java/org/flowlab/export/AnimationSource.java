package org.flowlab.export;

import java.util.function.DoubleFunction;
import org.flowlab.ode.Trajectory;
import org.flowlab.render.SceneLayers;

/**
 * What an animation is made of: the particles' trajectories and colours, an optional target density, an
 * optional evaluator of the velocity field at a time (for the field overlay), the indices of traced particles
 * (or null) and a warped grid (or null).
 */
public record AnimationSource(Trajectory trajectory, int[] colors, float[] targetMass, int targetSize,
                              double halfWidth, DoubleFunction<SceneLayers.FieldSample> field, int[] traced,
                              SceneLayers.WarpedGrid warpedGrid) {

    public AnimationSource(Trajectory trajectory, int[] colors, float[] targetMass, int targetSize, double halfWidth,
                           DoubleFunction<SceneLayers.FieldSample> field) {
        this(trajectory, colors, targetMass, targetSize, halfWidth, field, null, null);
    }

    /** The lesson instruments of a frame, or null when there are none. */
    public SceneLayers.Instruments instruments() {
        return traced == null && warpedGrid == null ? null
                : new SceneLayers.Instruments(null, null, null, traced, warpedGrid, null, null);
    }
}
