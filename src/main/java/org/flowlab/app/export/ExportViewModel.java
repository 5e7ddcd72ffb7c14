package org.flowlab.app.export;

import org.flowlab.app.BackgroundExecutor;
import org.flowlab.app.MainViewModel;
import org.flowlab.app.Notification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.flowlab.export.AnimationSettings;
import org.flowlab.export.AnimationSource;
import org.flowlab.export.ExportFormat;
import org.flowlab.export.Exports;
import org.flowlab.ode.Solvers;
import org.flowlab.ode.Trajectory;

/**
 * Export settings and the running export. Exports the trajectories on screen (same solver, particles and
 * colours) through the core exporters on a thread of their own; cancellable, with progress.
 */
public final class ExportViewModel implements AutoCloseable {

    private final MainViewModel vm;
    private final BackgroundExecutor executor = new BackgroundExecutor("flowlab-export");
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
    private Task<String> task;

    public ExportViewModel(MainViewModel vm) {
        this.vm = vm;
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

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    /** Prefills the caption and overlays from what the screen shows, e.g. "ot path · rk4 · 8 steps · t={t}". */
    public void prefill() {
        String solver = vm.playback().solverProperty().get();
        String steps = Solvers.isAdaptive(solver) ? "" : " · " + vm.playback().stepsProperty().get() + " steps";
        caption.set(vm.training().pathProperty().get().toUpperCase(Locale.ROOT) + " path · " + solver.toUpperCase(
                Locale.ROOT) + steps + " · t={t}");
        trails.set(vm.showTrailsProperty().get());
        target.set(vm.showTargetProperty().get());
        stillT.set(vm.playback().tProperty().get());
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
     * @return false when there is nothing to export yet or the settings are invalid (the user is told why)
     */
    public boolean start(Path out) {
        Trajectory tr = vm.playback().trajectoryProperty().get();
        if (tr == null) {
            vm.notify(Notification.error("Nothing to export yet: wait for the particles to be simulated."));
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
            vm.notify(Notification.error("Cannot export: " + e.getMessage()));
            return false;
        }
        var grid = vm.drawing().grid();
        AnimationSource source = new AnimationSource(tr, vm.colorByStartProperty().get()
                ? vm.playback().colorsProperty().get() : null, vm.drawing().mass(), grid.size(), grid.halfWidth(), null);
        double t = stillT.get();
        Path target = format.get() == ExportFormat.PNG_SEQUENCE ? out : withExtension(out);
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        Task<String> job = new Task<>() {
            @Override
            protected String call() throws Exception {
                started.set(true);
                try {
                    return export();
                } finally {
                    // Cancel() marks the task CANCELLED at once; the export is over only when this returns
                    // (after the sink removed its temporary file), so "running" ends here.
                    Task<String> self = this;
                    javafx.application.Platform.runLater(() -> {
                        if (task == self) {
                            running.set(false);
                        }
                    });
                }
            }

            private String export() throws Exception {
                long start = System.nanoTime();
                Task<String> self = this;
                Exports.export(target, source, settings, t, new org.flowlab.export.Animator.Progress() {
                    @Override
                    public void update(int done, int total) {
                        updateProgress(done, total);
                    }

                    @Override
                    public boolean isCancelled() {
                        return self.isCancelled();
                    }
                });
                long bytes = Files.isDirectory(target) ? folderSize(target) : Files.size(target);
                return String.format(Locale.ROOT, "Exported %s (%.1f MB) in %.1f s", target.getFileName(),
                        bytes / 1e6, (System.nanoTime() - start) / 1e9);
            }
        };
        job.setOnSucceeded(e -> finished(Notification.info(job.getValue())));
        job.setOnCancelled(e -> {
            if (!started.get()) {
                // Cancelled before its thread picked it up: call() never runs, so nothing else will end it.
                running.set(false);
            }
            finished(Notification.info("Export cancelled; no file was written."));
        });
        job.setOnFailed(e -> finished(Notification.error("Export failed: " + (job.getException().getMessage() == null
                ? job.getException().getClass().getSimpleName() : job.getException().getMessage())
                + ". No partial file was left.")));
        task = job;
        running.set(true);
        progress.unbind();
        progress.bind(job.progressProperty());
        executor.submit(job);
        return true;
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

    private void finished(Notification n) {
        progress.unbind();
        vm.notify(n);
    }

    public void cancel() {
        if (task != null) {
            task.cancel();
        }
    }

    @Override
    public void close() {
        cancel();
        executor.close();
    }
}
