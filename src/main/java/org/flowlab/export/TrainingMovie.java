package org.flowlab.export;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.flowlab.flow.FlowSampler;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Trajectory;
import org.flowlab.ode.VectorField;
import org.flowlab.render.FlowScene;
import org.flowlab.render.Frame;
import org.flowlab.render.SceneLayers;

/**
 * The learning movie: the flow at one fixed t, frame after frame over the checkpoints of training. Checkpoint c
 * is shown for {@link #hold()} frames, so frame k shows checkpoint ⌊k / hold⌋: the same noise x0 ([n × 2])
 * integrated with the same solver from t = 0 to 1 under that checkpoint's weights, exactly what
 * {@link FlowSampler#sample(VectorField, OdeSolver, double[], int, boolean, org.flowlab.ode.OdeObserver)} gives for
 * it, drawn at t. Trajectories are integrated lazily on the render thread, one checkpoint at a time (memory: one
 * trajectory, n × (steps + 1) points). The caption's "{step}" becomes the checkpoint's training step, "{t}" the
 * time.
 */
public final class TrainingMovie implements FrameSource {

    private final List<WeightsSnapshot> checkpoints;
    private final Function<WeightsSnapshot, VectorField> fields;
    private final OdeSolver solver;
    private final double[] x0;
    private final int n;
    private final int[] colors;
    private final float[] targetMass;
    private final int targetSize;
    private final double halfWidth;
    private final double t;
    private final AnimationSettings settings;
    private final int hold;
    private int cachedIndex = -1;
    private Trajectory cached;

    /**
     * @param checkpoints the weights to show, oldest first (at least one)
     * @param fields      how weights become a velocity field (a network on a compute thread, or a test's field)
     * @param x0          the particles' noise, [n × 2]
     * @param colors      one colour per particle, or null
     * @param targetMass  the target density drawn underneath when the settings ask for it, or null
     * @param t           the fixed time shown, in [0, 1]
     * @param settings    size, rate, overlays, caption; {@code fps × seconds} frames in all, at least one per
     *                    checkpoint
     */
    public TrainingMovie(List<WeightsSnapshot> checkpoints, Function<WeightsSnapshot, VectorField> fields,
                         OdeSolver solver, double[] x0, int n, int[] colors, float[] targetMass, int targetSize,
                         double halfWidth, double t, AnimationSettings settings) {
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("a learning movie needs at least one checkpoint");
        }
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t must be in [0, 1], got " + t);
        }
        if (x0.length != 2 * n) {
            throw new IllegalArgumentException("x0 must hold " + n + " points");
        }
        this.checkpoints = List.copyOf(checkpoints);
        this.fields = fields;
        this.solver = solver;
        this.x0 = x0.clone();
        this.n = n;
        this.colors = colors;
        this.targetMass = targetMass;
        this.targetSize = targetSize;
        this.halfWidth = halfWidth;
        this.t = t;
        this.settings = settings;
        this.hold = holdFor(settings.frameCount(), checkpoints.size());
    }

    /** Frames per checkpoint: round(frames / checkpoints), at least 1. */
    public static int holdFor(int frames, int checkpoints) {
        return Math.max(1, (int) Math.round(frames / (double) Math.max(1, checkpoints)));
    }

    /** The caption template when the user gives none; a given one without "{step}" gets " · step {step}". */
    public static String caption(String given) {
        if (given == null || given.isBlank()) {
            return "training step {step} · t = {t}";
        }
        return given.contains("{step}") ? given : given + " · step {step}";
    }

    @Override
    public int frames() {
        return checkpoints.size() * hold;
    }

    public int hold() {
        return hold;
    }

    public int checkpoints() {
        return checkpoints.size();
    }

    /** The checkpoint frame k shows. */
    public int checkpointOf(int frame) {
        return frame / hold;
    }

    /** The training step frame k shows. */
    public long stepOf(int frame) {
        return checkpoints.get(checkpointOf(frame)).step();
    }

    @Override
    public double halfWidth() {
        return halfWidth;
    }

    /** The particles' trajectories under checkpoint c (the last one is cached: consecutive frames share it). */
    public synchronized Trajectory trajectory(int c) {
        if (c != cachedIndex) {
            FlowSampler.Result r = FlowSampler.sample(fields.apply(checkpoints.get(c)), solver, x0, n, true,
                    org.flowlab.ode.OdeObserver.NONE);
            cached = r.trajectory();
            cachedIndex = c;
        }
        return cached;
    }

    @Override
    public void render(FlowScene scene, Frame frame, int k) {
        int c = checkpointOf(k);
        Trajectory tr = trajectory(c);
        double radius = SceneLayers.dotRadius(n, frame.width(), frame.height());
        SceneLayers layers = new SceneLayers(settings.target() ? targetMass : null, targetSize, halfWidth, tr, t,
                colors, settings.trails(), null, null, radius);
        scene.render(frame, layers);
        String text = caption(settings.caption());
        Animator.caption(frame, text.replace("{step}", Long.toString(checkpoints.get(c).step()))
                .replace("{t}", String.format(Locale.ROOT, "%.2f", t)));
    }
}
