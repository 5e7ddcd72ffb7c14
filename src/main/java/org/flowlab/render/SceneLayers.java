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
 * @param heatmap        a scalar map under everything (the learned density), or null
 * @param instruments    the exact-field instruments (exact arrows, error map, probe), or null
 */
public record SceneLayers(float[] targetMass, int targetSize, double targetHalfWidth, Trajectory trajectory, double t,
                          int[] colors, boolean trails, FieldSample field, PairSample pairs, double particleRadius,
                          Heatmap heatmap, Instruments instruments) {

    public SceneLayers(float[] targetMass, int targetSize, double targetHalfWidth, Trajectory trajectory, double t,
                       int[] colors, boolean trails, FieldSample field, PairSample pairs, double particleRadius,
                       Heatmap heatmap) {
        this(targetMass, targetSize, targetHalfWidth, trajectory, t, colors, trails, field, pairs, particleRadius,
                heatmap, null);
    }

    /**
     * What explains the learned field, each part optional (null).
     *
     * @param exactField the exact marginal field u_t at t, drawn in {@link Colors#EXACT_ARROW}
     * @param errorMap   |v_θ − u_t| / |u_t| at t, in [0, 1], with a per-cell opacity (faded where p_t is negligible)
     * @param probe      the conditional paths through one point and their average
     */
    public record Instruments(FieldSample exactField, ErrorMap errorMap, ProbeSample probe, int[] traced,
                              WarpedGrid warpedGrid, ClassLayers classes, GuidanceFields guidance) {

        public Instruments(FieldSample exactField, ErrorMap errorMap, ProbeSample probe) {
            this(exactField, errorMap, probe, null, null, null, null);
        }
    }

    /**
     * The image of a regular grid under the flow map φ_t: {@code lines} polylines of {@code pointsPerLine} points
     * each (point j of line l is particle l·pointsPerLine + j of {@code points}), laid out in noise space at t = 0
     * and carried by the ODE; drawn at the frame's t.
     */
    public record WarpedGrid(Trajectory points, int lines, int pointsPerLine) {
        public WarpedGrid {
            if (points.particles() != lines * pointsPerLine) {
                throw new IllegalArgumentException("a warped grid of " + lines + " × " + pointsPerLine
                        + " points needs as many particles, got " + points.particles());
            }
        }
    }

    /**
     * A labelled target drawn class by class: layer k ([size × size], row 0 at the top, the same identity as long
     * as the target is unchanged) tinted with rgb[k] (0xRRGGBB) instead of the single target tint.
     */
    public record ClassLayers(float[][] layers, int[] rgb) {
    }

    /**
     * Classifier-free guidance at t for one class y, three fields on the same grid: the unconditional v(x, t, ∅),
     * the conditional v(x, t, y) and the guided v∅ + w·(v_y − v∅) — drawn in {@link Colors#UNCONDITIONAL_ARROW},
     * {@link Colors#CONDITIONAL_ARROW} and {@link Colors#GUIDED_ARROW} on one length scale.
     */
    public record GuidanceFields(FieldSample unconditional, FieldSample conditional, FieldSample guided, int label,
                                 double guidance) {
    }

    /** Values in [0, 1] and opacities in [0, 1] on a size × size grid over [−L, L]² (row 0 at the top). */
    public record ErrorMap(float[] values, float[] opacity, int size, double halfWidth, double t) {
    }

    /**
     * The probe at (x, y) and t: the heaviest conditional paths through the point (x0 → x1, their conditional
     * velocities u_i and posterior weights w_i), their weighted average over all components u = (ux, uy), and
     * the network's prediction (NaN when there is no model).
     */
    public record ProbeSample(double x, double y, double t, float[] x0, float[] x1, float[] u, float[] weight,
                              double ux, double uy, double vx, double vy) {
    }

    /** A scalar field on a size × size grid over [−L, L]² (row 0 at the top), drawn with a colour map. */
    public record Heatmap(float[] values, int size, double halfWidth) {
    }

    public SceneLayers(float[] targetMass, int targetSize, double targetHalfWidth, Trajectory trajectory, double t,
                       int[] colors, boolean trails, FieldSample field, PairSample pairs, double particleRadius) {
        this(targetMass, targetSize, targetHalfWidth, trajectory, t, colors, trails, field, pairs, particleRadius,
                null);
    }

    /** Above this many particles dots are drawn smaller, so dense clouds keep their structure. */
    public static final int DENSE_PARTICLES = 15_000;

    /**
     * The dot radius in pixels for {@code particles} particles at screen scale: 1.4, or 1.0 above
     * {@link #DENSE_PARTICLES}. The one place that rule lives; the app's canvas, the exporters and the CLI use it.
     */
    public static double dotRadius(int particles) {
        return particles > DENSE_PARTICLES ? 1.0 : 1.4;
    }

    /**
     * {@link #dotRadius(int)} grown with the picture: × min(width, height) / 720 for pictures larger than
     * 720 pixels on their short side, so a 4K frame shows the same dots as a 720p one (never smaller).
     */
    public static double dotRadius(int particles, int width, int height) {
        return dotRadius(particles) * Math.max(1, Math.min(width, height) / 720.0);
    }

    /** Velocities v(p, t) at grid positions p: positions and vectors both [m × 2]. */
    public record FieldSample(float[] positions, float[] vectors, double t) {
    }

    /** Independent (x0, x1) pairs, each [m × 2], whose straight paths x_t = (1 − t)x0 + t·x1 are drawn. */
    public record PairSample(float[] x0, float[] x1) {
    }
}
