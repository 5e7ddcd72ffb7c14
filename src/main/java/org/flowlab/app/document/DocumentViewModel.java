package org.flowlab.app.document;

import org.flowlab.app.Notification;
import org.flowlab.app.TaskRunner;
import org.flowlab.app.drawing.DrawingViewModel;
import org.flowlab.app.playback.PlaybackViewModel;
import org.flowlab.app.training.TrainingViewModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import org.flowlab.density.Preset;
import org.flowlab.format.Session;
import org.flowlab.format.SessionFile;
import org.flowlab.io.AppHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingSnapshot;

/**
 * The open document: which file it is, whether it has unsaved changes, Save/Open, and the recovery file that
 * autosave keeps while there are unsaved changes (removed when the user saves or discards, so it survives
 * only a crash). The recovery folder is {@code ~/.flowlab}, or the {@code flowlab.home} system property.
 * Files are read and written off the FX thread: saving and opening in lanes of the task runner, recovery
 * files on a thread of their own (in order, so a deletion follows the autosave before it).
 */
public final class DocumentViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentViewModel.class);

    public static final long AUTOSAVE_NANOS = Long.getLong("flowlab.autosaveSeconds", 60) * 1_000_000_000L;
    static final String SAVE_LANE = "save";
    static final String OPEN_LANE = "open";

    private final TaskRunner runner;
    private final DrawingViewModel drawing;
    private final TrainingViewModel training;
    private final PlaybackViewModel playback;
    private final Map<String, BooleanProperty> viewSwitches;
    private final Consumer<Notification> notify;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final Path recovery;
    private long lastAutosave = System.nanoTime();
    /**
     * Writes and deletes recovery files off the FX thread (a session is ≈ 2 MB to compress), one at a time. Not
     * a daemon: after {@link #close()} the JVM waits for the last deletion, so a clean exit leaves no recovery file.
     */
    private final ExecutorService autosaver = Executors.newSingleThreadExecutor(r -> new Thread(r, "flowlab-autosave"));
    /** Bumped by every save or discard, so an autosave that finishes afterwards removes its stale file. */
    private final AtomicLong generation = new AtomicLong();
    /** Counts edits, so a save that finishes after another edit leaves the document unsaved. */
    private long edits;
    private boolean restoring;

    /**
     * @param viewSwitches the view's on/off switches saved with the session, by their key in it ("showTrails")
     */
    public DocumentViewModel(TaskRunner runner, DrawingViewModel drawing, TrainingViewModel training,
                             PlaybackViewModel playback, Map<String, BooleanProperty> viewSwitches,
                             Consumer<Notification> notify) {
        this.runner = runner;
        this.drawing = drawing;
        this.training = training;
        this.playback = playback;
        this.viewSwitches = viewSwitches;
        this.notify = notify;
        Path dir = AppHome.home();
        this.recovery = dir.resolve("recovery" + SessionFile.EXTENSION);
        ChangeListener<Object> edit = (o, a, b) -> {
            edits++;
            if (!restoring) {
                dirty.set(true);
            }
        };
        drawing.committedVersionProperty().addListener(edit);
        training.stepProperty().addListener(edit);
        playback.solverProperty().addListener(edit);
        playback.stepsProperty().addListener(edit);
        playback.particlesProperty().addListener(edit);
        playback.sdeProperty().addListener(edit);
        playback.noiseProperty().addListener(edit);
        playback.generateProperty().addListener(edit);
        playback.guidanceProperty().addListener(edit);
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public Path recoveryFile() {
        return recovery;
    }

    /** "FlowLab — moons.flowlab •" (the dot marks unsaved changes). */
    public StringBinding title() {
        return Bindings.createStringBinding(() -> "FlowLab — "
                        + (file.get() == null ? "untitled" : file.get().getFileName().toString())
                        + (dirty.get() ? " •" : ""),
                file, dirty);
    }

    /** The state worth saving now, read from the latest training snapshot (never from the training network). */
    public Session snapshot() {
        TrainingSnapshot t = training.snapshot();
        Map<String, String> app = new HashMap<>();
        app.put("solver", playback.solverProperty().get());
        app.put("steps", Integer.toString(playback.stepsProperty().get()));
        app.put("particles", Integer.toString(playback.particlesProperty().get()));
        app.put("sampler", playback.sdeProperty().get() ? "sde" : "ode");
        app.put("sdeNoise", Double.toString(playback.noiseProperty().get()));
        app.put("generateClass", Integer.toString(playback.generateProperty().get()));
        app.put("guidance", Double.toString(playback.guidanceProperty().get()));
        viewSwitches.forEach((key, p) -> app.put(key, Boolean.toString(p.get())));
        var grid = drawing.grid();
        var weights = t == null ? training.weightsProperty().get() : t.weights();
        float[][] layers = drawing.classLayers();
        float[] flat = null;
        if (layers != null) {
            int cells = grid.size() * grid.size();
            flat = new float[layers.length * cells];
            for (int k = 0; k < layers.length; k++) {
                System.arraycopy(layers[k], 0, flat, k * cells, cells);
            }
        }
        return new Session(grid.copyMass(), grid.size(), grid.halfWidth(), drawing.sourceProperty().get(),
                training.trainingConfig(), weights,
                t == null ? null : t.averaged(),
                t == null ? LossHistory.View.empty() : t.trainLoss(),
                t == null ? LossHistory.View.empty() : t.validation(), app,
                t == null ? null : t.checkpoints(),
                layers == null ? null : grid.classes(), flat,
                weights == null ? null : drawing.classSet(weights.config().classes()));
    }

    /**
     * Saves in the background (failures are reported and change nothing); {@code then} runs on the FX thread
     * once the file is written.
     */
    public void saveAs(Path target, Runnable then) {
        Path f = target.toString().endsWith(SessionFile.EXTENSION) ? target
                : target.resolveSibling(target.getFileName() + SessionFile.EXTENSION);
        Session s = snapshot();
        long editsSaved = edits;
        runner.submit(SAVE_LANE, p -> {
            SessionFile.save(f, s);
            return f;
        }, saved -> {
            file.set(saved);
            dirty.set(edits != editsSaved);
            deleteRecovery();
            notify.accept(Notification.info("Saved " + saved.getFileName()));
            then.run();
        }, e -> notify.accept(Notification.error("Could not save " + f.getFileName() + ": " + message(e)
                + ". Your work is still open; try another folder.")));
    }

    /** Saves to the document's file, if it has one; {@code then} runs once it is written. */
    public void save(Runnable then) {
        if (file.get() != null) {
            saveAs(file.get(), then);
        }
    }

    /** A fresh untitled document: the two-moons preset, a fresh model, nothing unsaved. */
    public void newDocument() {
        restoring = true;
        training.pause();
        drawing.loadPreset(Preset.MOONS);
        training.reset().whenStopped(() -> {
            restoring = false;
            file.set(null);
            dirty.set(false);
        });
    }

    /** Opens a session in the background; on failure the current work stays as it was. */
    public void open(Path f) {
        runner.submit(OPEN_LANE, p -> SessionFile.load(f), s -> apply(s, () -> {
            file.set(f);
            dirty.set(false);
        }), e -> notify.accept(Notification.error("Could not open " + f.getFileName() + ": " + message(e)
                + " Nothing was changed.")));
    }

    /** Shows the session; {@code then} runs once the training state is restored too (built in the background). */
    private void apply(Session s, Runnable then) {
        restoring = true;
        training.pause();
        drawing.restore(s.densityMass(), s.densityClasses(), s.classLayers(), s.densitySource());
        Map<String, String> app = s.appSettings();
        if (app.containsKey("solver")) {
            playback.solverProperty().set(app.get("solver"));
        }
        parseInt(app.get("steps"), v -> playback.stepsProperty().set(v));
        parseInt(app.get("particles"), v -> playback.particlesProperty().set(v));
        playback.sdeProperty().set("sde".equals(app.get("sampler")));
        parseInt(app.get("generateClass"), v -> playback.generateProperty().set(Math.max(-1,
                Math.min(org.flowlab.nn.ModelConfig.MAX_CLASSES - 1, v))));
        if (app.containsKey("guidance")) {
            try {
                double w = Double.parseDouble(app.get("guidance"));
                if (w >= 0 && w <= PlaybackViewModel.MAX_GUIDANCE) {
                    playback.guidanceProperty().set(w);
                }
            } catch (NumberFormatException ignored) {
                // a hand-edited value: keep the current guidance scale
            }
        }
        if (app.containsKey("sdeNoise")) {
            try {
                double g = Double.parseDouble(app.get("sdeNoise"));
                if (g >= 0 && g <= PlaybackViewModel.MAX_NOISE) {
                    playback.noiseProperty().set(g);
                }
            } catch (NumberFormatException ignored) {
                // a hand-edited value: keep the current noise level
            }
        }
        viewSwitches.forEach((key, p) -> {
            if (app.containsKey(key)) {
                p.set(Boolean.parseBoolean(app.get(key)));
            }
        });
        training.restore(s.weights(), s.training(), s.trainLoss(), s.validationLoss(), s.checkpoints()).whenStopped(() -> {
            restoring = false;
            then.run();
        });
    }

    private static void parseInt(String v, java.util.function.IntConsumer set) {
        try {
            if (v != null) {
                set.accept(Integer.parseInt(v));
            }
        } catch (NumberFormatException e) {
            // A hand-edited setting; keep the current value.
            LOG.debug("ignoring the unreadable setting '{}'", v);
        }
    }

    /** Called once per pulse: writes the recovery file every minute while there are unsaved changes. */
    public void onPulse(long now) {
        if (dirty.get() && now - lastAutosave > AUTOSAVE_NANOS) {
            lastAutosave = now;
            autosave();
        }
    }

    /**
     * Takes a snapshot on the calling (FX) thread and writes the recovery file in the background; errors are
     * silent (autosave must never interrupt the user).
     */
    public void autosave() {
        Session s = snapshot();
        long gen = generation.get();
        inBackground(() -> writeRecovery(s, gen));
    }

    /** Writes the recovery file on the calling thread (for the shutdown hook, where nothing runs later). */
    public void autosaveNow() {
        writeRecovery(snapshot(), generation.get());
    }

    private void writeRecovery(Session s, long gen) {
        try {
            SessionFile.save(recovery, s);
            if (generation.get() != gen) {
                Files.deleteIfExists(recovery);
            }
        } catch (IOException | RuntimeException e) {
            // A full disk or a read-only home: the next autosave tries again.
            LOG.warn("autosave to {} failed; unsaved work is not backed up until a later autosave succeeds",
                    recovery, e);
        }
    }

    /** Waits until every recovery-file write and deletion submitted so far has finished (tests). */
    public void awaitAutosaves() throws Exception {
        autosaver.submit(() -> { }).get(60, TimeUnit.SECONDS);
    }

    public boolean hasRecovery() {
        return Files.isRegularFile(recovery);
    }

    /** Restores the recovery file (read in the background) as an untitled document with unsaved changes. */
    public void restoreRecovery() {
        runner.submit(OPEN_LANE, p -> SessionFile.load(recovery), s -> apply(s, () -> {
            file.set(null);
            dirty.set(true);
        }), e -> notify.accept(Notification.error("The recovered work could not be opened: " + message(e))));
    }

    /** Removes the recovery file in the background (after any autosave still writing it). */
    public void deleteRecovery() {
        generation.incrementAndGet();
        inBackground(() -> {
            try {
                Files.deleteIfExists(recovery);
            } catch (IOException e) {
                // Leaving it means the next start offers it again; harmless.
                LOG.debug("could not delete the recovery file {}", recovery, e);
            }
        });
    }

    private static String message(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            // SessionFile bounds what it reads (README, "What is bounded"); this would still be a file FlowLab
            // cannot hold, reported like any other, with the open work untouched.
            return "it needs more memory than FlowLab has.";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void inBackground(Runnable r) {
        if (!autosaver.isShutdown()) {
            autosaver.execute(r);
        }
    }

    /** Lets the recovery thread finish what it was given, then end. */
    public void close() {
        autosaver.shutdown();
    }
}
