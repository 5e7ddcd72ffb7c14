package org.flowlab.app.export;

import org.flowlab.app.Notification;
import org.flowlab.app.TaskRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.flowlab.export.AnimationSettings;
import org.flowlab.export.AnimationSource;
import org.flowlab.export.Animator;
import org.flowlab.export.ExportFormat;
import org.flowlab.export.Exports;
import org.flowlab.ode.Solvers;
import org.flowlab.ode.Trajectory;

/**
 * Export settings and the running export. Exports the trajectories on screen (same solver, particles and
 * colours) through the core exporters in the {@value #LANE} lane; cancellable, with progress. "Running" ends
 * when the export has stopped (after a cancelled one removed its temporary file), not when cancel is pressed.
 */
public final class ExportViewModel {

    static final String LANE = "export";

    /**
     * What the screen shows now, which an export copies.
     *
     * @param trajectory the particles' trajectories, or null before the first simulation
     * @param colors     one colour per particle, or null for the default colour
     */
    public record Screen(Trajectory trajectory, int[] colors, float[] mass, int gridSize, double halfWidth,
                         String solver, int steps, String pathId, double t, boolean trails, boolean target,
                         org.flowlab.render.SceneLayers.Instruments instruments) {

        public Screen(Trajectory trajectory, int[] colors, float[] mass, int gridSize, double halfWidth,
                      String solver, int steps, String pathId, double t, boolean trails, boolean target) {
            this(trajectory, colors, mass, gridSize, halfWidth, solver, steps, pathId, t, trails, target, null);
        }

        /**
         * The on-screen instruments valid for an export at {@code exportT}: traced particles, the warped grid and
         * the class colours of the target hold for every t; the fields computed at the screen's t (exact field,
         * error map, probe, the guidance arrows) only for a still at that same t.
         */
        org.flowlab.render.SceneLayers.Instruments instrumentsFor(boolean still, double exportT) {
            var i = instruments;
            if (i == null) {
                return null;
            }
            boolean atScreenT = still && Math.abs(exportT - t) < 1e-9;
            return new org.flowlab.render.SceneLayers.Instruments(atScreenT ? i.exactField() : null,
                    atScreenT ? i.errorMap() : null, atScreenT ? i.probe() : null, i.traced(), i.warpedGrid(),
                    i.classes(), atScreenT ? i.guidance() : null);
        }
    }

    /**
     * What the learning movie ("over training") needs.
     *
     * @param checkpoints the training history, oldest first, ending on the latest shown weights
     * @param fields      how weights become a velocity field (called in the export's background work)
     * @param x0          the on-screen particles' noise, [n × 2]
     */
    public record Movie(java.util.List<org.flowlab.nn.WeightsSnapshot> checkpoints,
                        java.util.function.Function<org.flowlab.nn.WeightsSnapshot, org.flowlab.ode.VectorField> fields,
                        String solver, int steps, double[] x0, int n, int[] colors) {
    }

    /** Shown beside the choice in the dialog. */
    public static final String OVER_TRAINING_EXPLANATION = "Over training: the learning movie. The flow at the fixed "
            + "t below, one frame group per checkpoint of training (same noise, same solver), the step in the caption.";

    private final TaskRunner runner;
    private final Supplier<Screen> screen;
    private final Supplier<Movie> movie;
    /** False: frames over t (one model); true: frames over the training history at the fixed t. */
    private final BooleanProperty overTraining = new SimpleBooleanProperty(false);
    private final Consumer<Notification> notify;
    private final ObjectProperty<ExportFormat> format = new SimpleObjectProperty<>(ExportFormat.MP4);
    private final StringProperty size = new SimpleStringProperty("1280x720");
    private final DoubleProperty fps = new SimpleDoubleProperty(30);
    private final DoubleProperty seconds = new SimpleDoubleProperty(6);
    private final ObjectProperty<AnimationSettings.Direction> direction =
            new SimpleObjectProperty<>(AnimationSettings.Direction.FORWARD);
    private final BooleanProperty trails = new SimpleBooleanProperty(false);
    private final BooleanProperty target = new SimpleBooleanProperty(true);
    private final StringProperty caption = new SimpleStringProperty("");
    private final DoubleProperty stillT = new SimpleDoubleProperty(1.0);
    private final DoubleProperty fromT = new SimpleDoubleProperty(0.0);
    private final DoubleProperty toT = new SimpleDoubleProperty(1.0);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private TaskRunner.Handle export;

    public ExportViewModel(TaskRunner runner, Supplier<Screen> screen, Consumer<Notification> notify) {
        this(runner, screen, () -> null, notify);
    }

    /** @param movie what the learning movie needs now (null: no training history to export) */
    public ExportViewModel(TaskRunner runner, Supplier<Screen> screen, Supplier<Movie> movie,
                           Consumer<Notification> notify) {
        this.runner = runner;
        this.screen = screen;
        this.movie = movie;
        this.notify = notify;
    }

    public ObjectProperty<ExportFormat> formatProperty() {
        return format;
    }

    public StringProperty sizeProperty() {
        return size;
    }

    public DoubleProperty fpsProperty() {
        return fps;
    }

    public DoubleProperty secondsProperty() {
        return seconds;
    }

    public ObjectProperty<AnimationSettings.Direction> directionProperty() {
        return direction;
    }

    public BooleanProperty trailsProperty() {
        return trails;
    }

    public BooleanProperty targetProperty() {
        return target;
    }

    public StringProperty captionProperty() {
        return caption;
    }

    public DoubleProperty stillTProperty() {
        return stillT;
    }

    public DoubleProperty fromTProperty() {
        return fromT;
    }

    public DoubleProperty toTProperty() {
        return toT;
    }

    public BooleanProperty overTrainingProperty() {
        return overTraining;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    /** Prefills the caption and overlays from what the screen shows, e.g. "OT path · RK4 · 8 steps · t={t}". */
    public void prefill() {
        Screen now = screen.get();
        String steps = Solvers.isAdaptive(now.solver()) ? "" : " · " + now.steps() + " steps";
        caption.set(now.pathId().toUpperCase(Locale.ROOT) + " path · " + now.solver().toUpperCase(Locale.ROOT) + steps
                + " · t={t}");
        trails.set(now.trails());
        target.set(now.target());
        stillT.set(now.t());
    }

    /** The file extension the chosen format writes ("" for a folder of frames). */
    public String extension() {
        return switch (format.get()) {
            case MP4 -> ".mp4";
            case GIF -> ".gif";
            case PNG_STILL -> ".png";
            case SVG_STILL -> ".svg";
            case PNG_SEQUENCE -> "";
        };
    }

    /**
     * Starts exporting to {@code out}; the result or error is reported as a notification.
     *
     * @return false when there is nothing to export yet, an export is running or the settings are invalid (the
     *         user is told why)
     */
    public boolean start(Path out) {
        Screen now = screen.get();
        if (running.get()) {
            notify.accept(Notification.error("An export is running: wait for it or cancel it first."));
            return false;
        }
        if (now.trajectory() == null) {
            notify.accept(Notification.error("Nothing to export yet: wait for the particles to be simulated."));
            return false;
        }
        AnimationSettings settings;
        try {
            int[] wh = AnimationSettings.parseSize(size.get());
            settings = AnimationSettings.defaults().withSize(wh[0], wh[1]).withTiming(fps.get(), seconds.get())
                    .withRange(fromT.get(), toT.get()).withDirection(direction.get())
                    .withOverlays(trails.get(), false, target.get())
                    .withCaption(caption.get() == null || caption.get().isBlank() ? null : caption.get());
            if (format.get() == ExportFormat.MP4 && (wh[0] % 2 != 0 || wh[1] % 2 != 0)) {
                throw new IllegalArgumentException("MP4 needs an even width and height");
            }
        } catch (IllegalArgumentException e) {
            notify.accept(Notification.error("Cannot export: " + e.getMessage()));
            return false;
        }
        double t = stillT.get();
        AnimationSource source = new AnimationSource(now.trajectory(), now.colors(), now.mass(), now.gridSize(),
                now.halfWidth(), null, null, null, now.instrumentsFor(format.get().isStill(), t));
        Path file = format.get() == ExportFormat.PNG_SEQUENCE ? out : withExtension(out);
        TaskRunner.Work<String> work;
        if (overTraining.get()) {
            Movie m = movie.get();
            if (m == null || m.checkpoints().isEmpty()) {
                notify.accept(Notification.error("No training history yet: train first, then export the learning "
                        + "movie."));
                return false;
            }
            if (format.get().isStill()) {
                notify.accept(Notification.error("The learning movie is an animation: choose MP4, GIF or PNG frames."));
                return false;
            }
            AnimationSettings ms = settings.withCaption(org.flowlab.export.TrainingMovie.caption(settings.caption()));
            work = p -> exportMovie(file, m, now, ms, t, p);
        } else {
            work = p -> export(file, source, settings, t, p);
        }
        running.set(true);
        TaskRunner.Handle h = runner.submit(LANE, work,
                done -> notify.accept(Notification.info(done)),
                e -> notify.accept(Notification.error("Export failed: " + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()) + ". No partial file was left.")));
        export = h;
        progress.unbind();
        progress.bind(h.progressProperty());
        h.whenStopped(() -> {
            if (h.isCancelled()) {
                notify.accept(Notification.info("Export cancelled; no file was written."));
            }
            if (export == h) {
                running.set(false);
                progress.unbind();
            }
        });
        return true;
    }

    /** In the export lane: writes the file, returns what to tell the user. */
    private static String export(Path file, AnimationSource source, AnimationSettings settings, double t,
                                 TaskRunner.Progress p) throws Exception {
        long start = System.nanoTime();
        Exports.export(file, source, settings, t, new Animator.Progress() {
            @Override
            public void update(int done, int total) {
                p.progress(done / (double) Math.max(1, total));
            }

            @Override
            public boolean isCancelled() {
                return p.isCancelled();
            }
        });
        long bytes = Files.isDirectory(file) ? folderSize(file) : Files.size(file);
        return String.format(Locale.ROOT, "Exported %s (%.1f MB) in %.1f s", file.getFileName(), bytes / 1e6,
                (System.nanoTime() - start) / 1e9);
    }

    /** In the export lane: the learning movie at the fixed t. */
    private static String exportMovie(Path file, Movie m, Screen now, AnimationSettings settings, double t,
                                      TaskRunner.Progress p) throws Exception {
        long start = System.nanoTime();
        org.flowlab.export.TrainingMovie movie = new org.flowlab.export.TrainingMovie(m.checkpoints(), m.fields(),
                Solvers.create(m.solver(), m.steps()), m.x0(), m.n(), m.colors(), now.mass(), now.gridSize(),
                now.halfWidth(), t, settings);
        Animator.animate(movie, settings, Exports.sinkFor(file, ExportFormat.forPath(file.toString())),
                new Animator.Progress() {
                    @Override
                    public void update(int done, int total) {
                        p.progress(done / (double) Math.max(1, total));
                    }

                    @Override
                    public boolean isCancelled() {
                        return p.isCancelled();
                    }
                });
        long bytes = Files.isDirectory(file) ? folderSize(file) : Files.size(file);
        return String.format(Locale.ROOT, "Exported the learning movie %s (%d checkpoints, %.1f MB) in %.1f s",
                file.getFileName(), movie.checkpoints(), bytes / 1e6, (System.nanoTime() - start) / 1e9);
    }

    private Path withExtension(Path out) {
        String ext = extension();
        return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext) ? out
                : out.resolveSibling(out.getFileName() + ext);
    }

    private static long folderSize(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    public void cancel() {
        if (export != null) {
            export.cancel();
        }
    }
}
