package org.flowlab.app.playback;

import org.flowlab.app.BackgroundExecutor;
import org.flowlab.app.Notification;

import java.util.concurrent.CancellationException;
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
import javafx.concurrent.Task;
import org.flowlab.flow.FlowSampler;
import org.flowlab.nn.Network;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.ode.Trajectory;
import org.flowlab.render.Colors;

/**
 * Particles under the learned ODE: solver settings, the computed trajectories, and the playhead t.
 * Trajectories are computed on the background executor as cancellable tasks with progress; a newer request
 * cancels an older one. While training runs, previews integrate all particles with Euler and at most
 * {@link #PREVIEW_STEPS} steps; {@link #previewNanos()} tells the scheduler how long the last one took.
 */
public final class PlaybackViewModel {

    private final ComputeThread compute;

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

    public static final int PREVIEW_STEPS = 25;
    public static final int MAX_PARTICLES = 50_000;
    /** Seconds for one pass 0 → 1 at speed 1. */
    static final double SECONDS_PER_PASS = 4.0;

    private final StringProperty solver = new SimpleStringProperty("euler");
    private final IntegerProperty steps = new SimpleIntegerProperty(50);
    private final IntegerProperty particles = new SimpleIntegerProperty(4000);
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

    private final BackgroundExecutor executor;
    private final Consumer<Notification> notify;
    private Task<Computed> running;
    private int pingPongSign = 1;
    private volatile long previewNanos;

    record Computed(FlowSampler.Result result, int[] colors, String description) {
    }

    public PlaybackViewModel(ComputeThread compute, BackgroundExecutor executor, Consumer<Notification> notify) {
        this.compute = compute;
        this.executor = executor;
        this.notify = notify;
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
    public long previewNanos() {
        return previewNanos;
    }

    public boolean isBusy() {
        return running != null && !running.isDone();
    }

    /** Full-quality trajectories with the user's solver, steps and particle count. */
    public void compute(WeightsSnapshot weights) {
        int n = Math.max(1, Math.min(MAX_PARTICLES, particles.get()));
        OdeSolver s;
        try {
            s = Solvers.create(solver.get(), Math.max(1, steps.get()));
        } catch (IllegalArgumentException e) {
            notify.accept(Notification.error(e.getMessage()));
            return;
        }
        String what = s.name() + (Solvers.isAdaptive(s.name()) ? "" : " · " + steps.get() + " steps");
        submit(weights, s, n, what);
    }

    /** A cheap preview while training runs: Euler with at most {@link #PREVIEW_STEPS} steps. */
    public void preview(WeightsSnapshot weights) {
        int n = Math.max(1, Math.min(MAX_PARTICLES, particles.get()));
        int k = Math.min(PREVIEW_STEPS, Solvers.isAdaptive(solver.get()) ? PREVIEW_STEPS : steps.get());
        submit(weights, Solvers.create("euler", Math.max(1, k)), n, "preview · euler · " + k + " steps", true);
    }

    private void submit(WeightsSnapshot weights, OdeSolver s, int n, String what) {
        submit(weights, s, n, what, false);
    }

    private void submit(WeightsSnapshot weights, OdeSolver s, int n, String what, boolean isPreview) {
        if (weights == null) {
            return;
        }
        if (running != null) {
            running.cancel();
        }
        Task<Computed> task = new Task<>() {
            @Override
            protected Computed call() {
                long started = System.nanoTime();
                Computed c = simulate();
                if (isPreview) {
                    previewNanos = System.nanoTime() - started;
                }
                return c;
            }

            private Computed simulate() {
                Network field = Network.of(compute, weights);
                double[] x0 = FlowSampler.noise(n, 1234);
                OdeObserver obs = (time, x, v) -> {
                    if (isCancelled()) {
                        throw new CancellationException();
                    }
                    updateProgress(time, 1.0);
                };
                FlowSampler.Result r = FlowSampler.sample(field, s, x0, n, true, obs);
                return new Computed(r, Colors.byStartPosition(r.noise(), n),
                        what + " · step " + weights.step());
            }
        };
        task.setOnSucceeded(e -> {
            if (running == task) {
                Computed c = task.getValue();
                colors.set(c.colors());
                trajectory.set(c.result().trajectory());
                nfe.set(c.result().stats().nfe());
                description.set(c.description());
                computing.set(false);
                running = null;
            }
        });
        task.setOnFailed(e -> {
            if (running == task) {
                computing.set(false);
                running = null;
                Throwable ex = task.getException();
                notify.accept(Notification.error("Could not simulate the particles: "
                        + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage())));
            }
        });
        task.setOnCancelled(e -> {
            if (running == task) {
                computing.set(false);
                running = null;
            }
        });
        running = task;
        computing.set(true);
        progress.unbind();
        progress.bind(task.progressProperty());
        executor.submit(task);
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
