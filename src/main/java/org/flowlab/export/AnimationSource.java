package org.flowlab.export;

import java.util.function.DoubleFunction;
import org.flowlab.ode.Trajectory;
import org.flowlab.render.SceneLayers;

/**
 * What an animation is made of: the particles' trajectories and colours, an optional target density, and an
 * optional evaluator of the velocity field at a time (for the field overlay).
 */
public record AnimationSource(Trajectory trajectory, int[] colors, float[] targetMass, int targetSize,
                              double halfWidth, DoubleFunction<SceneLayers.FieldSample> field) {
}
