package org.flowlab.render;

import org.flowlab.ode.Trajectory;

/**
 * What one frame shows. All fields may be null/false to leave a layer out.
 *
 * @param targetMass     the target density to tint underneath ([size × size], row 0 at the top), or null
 * @param targetSize     its grid size
 * @param targetHalfWidth its domain half width
 * @param trajectory     particle trajectories; the particles are drawn at {@code t}
 * @param t              time in [0, 1]
 * @param colors         one colour per particle, or null for the default colour
 * @param trails         draw each particle's recent path (a subset of particles, fading)
 * @param field          arrows of the velocity field at t, or null
 * @param pairs          conditional straight paths x0 → x1 to draw with their point at t, or null
 * @param particleRadius dot radius in pixels
 */
public record SceneLayers(float[] targetMass, int targetSize, double targetHalfWidth, Trajectory trajectory, double t,
                          int[] colors, boolean trails, FieldSample field, PairSample pairs, double particleRadius,
                          Heatmap heatmap) {

    /** A scalar field on a size × size grid over [−L, L]² (row 0 at the top), drawn with a colour map. */
    public record Heatmap(float[] values, int size, double halfWidth) {
    }

    public SceneLayers(float[] targetMass, int targetSize, double targetHalfWidth, Trajectory trajectory, double t,
                       int[] colors, boolean trails, FieldSample field, PairSample pairs, double particleRadius) {
        this(targetMass, targetSize, targetHalfWidth, trajectory, t, colors, trails, field, pairs, particleRadius,
                null);
    }

    /** Velocities v(p, t) at grid positions p: positions and vectors both [m × 2]. */
    public record FieldSample(float[] positions, float[] vectors, double t) {
    }

    /** Independent (x0, x1) pairs, each [m × 2], whose straight paths x_t = (1 − t)x0 + t·x1 are drawn. */
    public record PairSample(float[] x0, float[] x1) {
    }
}
