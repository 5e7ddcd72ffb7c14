package org.flowlab.app.playback;

import org.flowlab.app.ModelFields;
import org.flowlab.app.ModelInputs;
import org.flowlab.app.Notification;
import org.flowlab.app.Seeds;
import org.flowlab.app.TaskRunner;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.flowlab.density.ClassSet;
import org.flowlab.flow.FlowSampler;
import org.flowlab.nn.Condition;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.ode.Trajectory;

/**
 * Particles under the learned ODE: solver settings, the computed trajectories, and the playhead t.
 * Trajectories are computed in the {@value #LANE} lane of the task runner, cancellable, with progress; a newer
 * request replaces an older one. When training is not running, new weights and new solver settings recompute
 * them with the user's solver. While training runs, {@link #onPulse} schedules previews (Euler, at most
 * {@link #PREVIEW_STEPS} steps) every max(1 s, {@value #PREVIEW_PACE} × the last preview's duration), so previews of
 * many particles or of a large network take at most about a ninth of the time from training (with 2× they took a
 * quarter of a core in the app at 3 × 256 while training ran at a quarter of {@code bench}'s steps/s). The particles start from noise drawn from the
 * user's training seed ({@link Seeds#PARTICLES}).
 */
public final class PlaybackViewModel {

    public enum Direction {
        NOISE_TO_DATA("Noise → data"), DATA_TO_NOISE("Data → noise"), PING_PONG("Ping-pong");

        private final String label;

        Direction(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final String LANE = "particles";
    static final long PREVIEW_INTERVAL_NANOS = 1_000_000_000L;
    public static final int PREVIEW_STEPS = 25;
    /** Previews run at most every PREVIEW_PACE × the last one's duration (and at most once a second). */
    static final int PREVIEW_PACE = 8;
    public static final int MAX_PARTICLES = 50_000;
    /** The largest SDE noise level G the slider offers (g(t) = G·√σ_t). */
    public static final double MAX_NOISE = 3.0;
    /** Mixed with the particles' seed for the SDE's Brownian increments (same seed, same stochastic paths). */
    static final long BROWNIAN = 0x4252_4F57L;
    /** Seconds for one pass 0 → 1 at speed 1. */
    static final double SECONDS_PER_PASS = 4.0;

    private final StringProperty solver = new SimpleStringProperty("euler");
    private final IntegerProperty steps = new SimpleIntegerProperty(50);
    private final IntegerProperty particles = new SimpleIntegerProperty(4000);
    private final BooleanProperty sde = new SimpleBooleanProperty(false);
    private final DoubleProperty noise = new SimpleDoubleProperty(1.0);
    private final DoubleProperty t = new SimpleDoubleProperty(1.0);
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private final DoubleProperty speed = new SimpleDoubleProperty(1.0);
    private final BooleanProperty loop = new SimpleBooleanProperty(true);
    private final ObjectProperty<Direction> direction = new SimpleObjectProperty<>(Direction.NOISE_TO_DATA);
    private final ObjectProperty<Trajectory> trajectory = new SimpleObjectProperty<>();
    private final ObjectProperty<int[]> colors = new SimpleObjectProperty<>();
    private final IntegerProperty nfe = new SimpleIntegerProperty();
    private final BooleanProperty computing = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty description = new SimpleStringProperty("");
    /** Conditional models: which class the particles are ({@link #ALL_CLASSES} = every class by its mass). */
    private final IntegerProperty generate = new SimpleIntegerProperty(ALL_CLASSES);
    /** Conditional models: the guidance scale w ∈ [0, {@link #MAX_GUIDANCE}] of v∅ + w·(v_y − v∅). */
    private final DoubleProperty guidance = new SimpleDoubleProperty(1.0);
    /** The classes of a conditional model of K classes (names, colours, masses), or null. */
    private java.util.function.IntFunction<ClassSet> classes = k -> null;

    public static final int ALL_CLASSES = -1;
    public static final double MAX_GUIDANCE = 8;

    private final TaskRunner runner;
    private final ModelFields fields;
    private final ModelInputs model;
    private final Consumer<Notification> notify;
    private TaskRunner.Handle running;
    private int pingPongSign = 1;
    private long previewNanos;
    private long lastPulse = -1;
    private long lastPreview;

    public PlaybackViewModel(TaskRunner runner, ModelFields fields, ModelInputs model, Consumer<Notification> notify) {
        this.runner = runner;
        this.fields = fields;
        this.model = model;
        this.notify = notify;
        model.weights().addListener((o, a, b) -> recomputeIfIdle());
        model.training().addListener((o, was, now) -> {
            if (!now) {
                compute();
            }
        });
        solver.addListener((o, a, b) -> recomputeIfIdle());
        steps.addListener((o, a, b) -> recomputeIfIdle());
        particles.addListener((o, a, b) -> recomputeIfIdle());
        generate.addListener((o, a, b) -> recomputeIfConditional());
        guidance.addListener((o, a, b) -> recomputeIfConditional());
        sde.addListener((o, a, b) -> recomputeIfIdle());
        noise.addListener((o, a, b) -> {
            if (sde.get()) {
                recomputeIfIdle();
            }
        });
    }

    /** False: the ODE with the user's solver; true: the SDE with the same marginals (Euler–Maruyama, {@link #steps}). */
    public BooleanProperty sdeProperty() {
        return sde;
    }

    /** G ≥ 0, the SDE's noise level g(t) = G·√σ_t (0 = Euler on the ODE); values outside [0, MAX_NOISE] are clamped. */
    public DoubleProperty noiseProperty() {
        return noise;
    }

    /** Where the classes of a conditional model come from (the app: the density's). */
    public void setClasses(java.util.function.IntFunction<ClassSet> classes) {
        this.classes = classes;
    }

    public IntegerProperty generateProperty() {
        return generate;
    }

    public DoubleProperty guidanceProperty() {
        return guidance;
    }

    /** The shown model's classes, or null when it is unconditional. */
    public ClassSet classes() {
        WeightsSnapshot w = model.weights().getValue();
        return w == null || !w.config().conditional() ? null : classes.apply(w.config().classes());
    }

    /**
     * The condition of n particles: {@link Condition#NONE} for an unconditional model; for a conditional one the
     * chosen class, or every class drawn in proportion to its mass (labels from the user's seed), at the guidance
     * scale.
     */
    public Condition condition(int n) {
        ClassSet cs = classes();
        if (cs == null) {
            return Condition.NONE;
        }
        double w = Math.max(0, Math.min(MAX_GUIDANCE, guidance.get()));
        int k = generate.get();
        if (k >= 0 && k < cs.size()) {
            return Condition.of(k, w);
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(
                Seeds.derive(model.seed().getAsLong(), Seeds.PARTICLES) ^ 0xC1A55E5L);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            double acc = 0;
            int c = 0;
            for (; c < cs.size() - 1; c++) {
                acc += cs.share(c);
                if (u < acc) {
                    break;
                }
            }
            y[i] = c;
        }
        return Condition.perRow(y, w);
    }

    private void recomputeIfConditional() {
        WeightsSnapshot w = model.weights().getValue();
        if (w != null && w.config().conditional()) {
            recomputeIfIdle();
        }
    }

    public StringProperty solverProperty() {
        return solver;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public IntegerProperty particlesProperty() {
        return particles;
    }

    public DoubleProperty tProperty() {
        return t;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public DoubleProperty speedProperty() {
        return speed;
    }

    public BooleanProperty loopProperty() {
        return loop;
    }

    public ObjectProperty<Direction> directionProperty() {
        return direction;
    }

    public ObjectProperty<Trajectory> trajectoryProperty() {
        return trajectory;
    }

    public ObjectProperty<int[]> colorsProperty() {
        return colors;
    }

    public IntegerProperty nfeProperty() {
        return nfe;
    }

    public BooleanProperty computingProperty() {
        return computing;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    /** Wall-clock duration of the last completed preview (0 before the first). */
    long previewNanos() {
        return previewNanos;
    }

    /** True while a simulation is queued or running. */
    public boolean isBusy() {
        return running != null && !running.isDone();
    }

    private void recomputeIfIdle() {
        if (!model.training().get()) {
            compute();
        }
    }

    /** Full-quality trajectories of the current weights with the user's solver, steps and particle count. */
    void compute() {
        if (sde.get()) {
            submitSde(Math.max(1, steps.get()), "", false);
            return;
        }
        OdeSolver s;
        try {
            s = Solvers.create(solver.get(), Math.max(1, steps.get()));
        } catch (IllegalArgumentException e) {
            notify.accept(Notification.error(e.getMessage()));
            return;
        }
        submit(s, s.name() + (Solvers.isAdaptive(s.name()) ? "" : " · " + steps.get() + " steps"), false);
    }

    /** A cheap preview while training runs: Euler with at most {@link #PREVIEW_STEPS} steps. */
    void preview() {
        int k = Math.min(PREVIEW_STEPS, Solvers.isAdaptive(solver.get()) && !sde.get() ? PREVIEW_STEPS : steps.get());
        if (sde.get()) {
            submitSde(Math.max(1, k), "preview · ", true);
            return;
        }
        submit(Solvers.create("euler", Math.max(1, k)), "preview · euler · " + k + " steps", true);
    }

    private void submit(OdeSolver s, String what, boolean isPreview) {
        submit(what, isPreview, (w, c, x0, n, description) -> p -> ParticleSimulation.run(field(w, c), s, x0, n,
                description, p));
    }

    /** Euler–Maruyama with K steps; same noise x0 as the ODE, Brownian increments from the particles' seed. */
    private void submitSde(int k, String prefix, boolean isPreview) {
        double g = Math.max(0, Math.min(MAX_NOISE, Double.isFinite(noise.get()) ? noise.get() : 0));
        long seed = Seeds.derive(model.seed().getAsLong(), BROWNIAN);
        String what = prefix + "SDE · Euler–Maruyama · " + k + " steps · noise " + String.format(java.util.Locale.ROOT,
                "%.2f", g);
        submit(what, isPreview, (w, c, x0, n, description) -> p -> ParticleSimulation.runSde(field(w, c),
                w.config().path(), g, k, x0, n, seed, description, p));
    }

    /** Builds the background work for given weights, condition (class and guidance), noise and description. */
    private interface Simulation {
        TaskRunner.Work<ParticleSimulation.Result> of(WeightsSnapshot w, Condition c, double[] x0, int n,
                                                      String description);
    }

    /** The field the particles follow: the model's, guided for its class when it is conditional. */
    private org.flowlab.ode.VectorField field(WeightsSnapshot w, Condition c) {
        return c == Condition.NONE ? fields.velocity(w) : fields.velocity(w, c);
    }

    private void submit(String what, boolean isPreview, Simulation work) {
        WeightsSnapshot w = model.weights().getValue();
        if (w == null) {
            return;
        }
        int n = Math.max(1, Math.min(MAX_PARTICLES, particles.get()));
        double[] x0 = FlowSampler.noise(n, Seeds.derive(model.seed().getAsLong(), Seeds.PARTICLES));
        Condition c = condition(n);
        ClassSet cs = classes();
        String description = what + " · step " + w.step() + describe(c, cs);
        computing.set(true);
        TaskRunner.Handle h = runner.submit(LANE, work.of(w, c, x0, n, description),
                r -> {
                    colors.set(cs == null ? r.colors() : classColours(c, cs, n));
                    trajectory.set(r.trajectory());
                    nfe.set(r.nfe());
                    this.description.set(r.description());
                    if (isPreview) {
                        previewNanos = r.nanos();
                    }
                },
                e -> notify.accept(Notification.error("Could not simulate the particles: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
        running = h;
        progress.unbind();
        progress.bind(h.progressProperty());
        h.whenStopped(() -> {
            if (running == h) {
                computing.set(false);
            }
        });
    }

    private static String describe(Condition c, ClassSet cs) {
        if (cs == null) {
            return "";
        }
        String what = c.perRow() != null ? "all classes" : "class " + cs.get(c.label()).name();
        return " · " + what + String.format(java.util.Locale.ROOT, " · guidance %.2g", c.guidance());
    }

    /** Each particle in its class's colour. */
    static int[] classColours(Condition c, ClassSet cs, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = 0xFF000000 | cs.get(c.labelOf(i)).rgb();
        }
        return out;
    }

    /** Once per pulse: moves the playhead by the wall-clock time since the last pulse and schedules previews. */
    public void onPulse(long nowNanos) {
        if (lastPulse >= 0) {
            advance(Math.min(0.1, (nowNanos - lastPulse) / 1e9));
        }
        lastPulse = nowNanos;
        WeightsSnapshot w = model.weights().getValue();
        long interval = Math.max(PREVIEW_INTERVAL_NANOS, PREVIEW_PACE * previewNanos);
        if (model.training().get() && w != null && w.step() > 0 && nowNanos - lastPreview >= interval && !isBusy()) {
            lastPreview = nowNanos;
            preview();
        }
    }

    public void togglePlay() {
        if (!playing.get() && !loop.get() && atEnd()) {
            t.set(direction.get() == Direction.DATA_TO_NOISE ? 1 : 0);
        }
        playing.set(!playing.get());
    }

    private boolean atEnd() {
        return switch (direction.get()) {
            case NOISE_TO_DATA -> t.get() >= 1;
            case DATA_TO_NOISE -> t.get() <= 0;
            case PING_PONG -> false;
        };
    }

    /** Advances the playhead by wall-clock seconds; call once per pulse. */
    public void advance(double seconds) {
        if (!playing.get()) {
            return;
        }
        double dt = seconds * speed.get() / SECONDS_PER_PASS;
        double next;
        switch (direction.get()) {
            case NOISE_TO_DATA -> {
                next = t.get() + dt;
                if (next > 1) {
                    next = loop.get() ? 0 : 1;
                    playing.set(loop.get());
                }
            }
            case DATA_TO_NOISE -> {
                next = t.get() - dt;
                if (next < 0) {
                    next = loop.get() ? 1 : 0;
                    playing.set(loop.get());
                }
            }
            default -> {
                next = t.get() + pingPongSign * dt;
                if (next > 1 || next < 0) {
                    pingPongSign = -pingPongSign;
                    next = Math.max(0, Math.min(1, next));
                }
            }
        }
        t.set(next);
    }
}
