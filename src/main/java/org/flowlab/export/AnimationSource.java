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
                              SceneLayers.WarpedGrid warpedGrid, SceneLayers.Instruments onScreen) {

    public AnimationSource(Trajectory trajectory, int[] colors, float[] targetMass, int targetSize, double halfWidth,
                           DoubleFunction<SceneLayers.FieldSample> field) {
        this(trajectory, colors, targetMass, targetSize, halfWidth, field, null, null, null);
    }

    public AnimationSource(Trajectory trajectory, int[] colors, float[] targetMass, int targetSize, double halfWidth,
                           DoubleFunction<SceneLayers.FieldSample> field, int[] traced,
                           SceneLayers.WarpedGrid warpedGrid) {
        this(trajectory, colors, targetMass, targetSize, halfWidth, field, traced, warpedGrid, null);
    }

    /**
     * The instruments of every frame, or null when there are none: the traced particles and the warped grid, plus
     * what the app had on screen ({@code onScreen}: the app passes only layers valid for the frames it exports).
     */
    public SceneLayers.Instruments instruments() {
        if (onScreen == null) {
            return traced == null && warpedGrid == null ? null
                    : new SceneLayers.Instruments(null, null, null, traced, warpedGrid, null, null);
        }
        return new SceneLayers.Instruments(onScreen.exactField(), onScreen.errorMap(), onScreen.probe(),
                traced != null ? traced : onScreen.traced(), warpedGrid != null ? warpedGrid : onScreen.warpedGrid(),
                onScreen.classes(), onScreen.guidance());
    }
}
