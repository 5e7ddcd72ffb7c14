package org.flowlab.app.document;

import org.flowlab.app.MainViewModel;
import org.flowlab.app.Notification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingSnapshot;
import org.flowlab.format.Session;
import org.flowlab.format.SessionFile;

/**
 * The open document: which file it is, whether it has unsaved changes, Save/Open, and the recovery file that
 * autosave keeps while there are unsaved changes (removed when the user saves or discards, so it survives
 * only a crash). The recovery folder is {@code ~/.flowlab}, or the {@code flowlab.home} system property.
 */
public final class DocumentViewModel {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DocumentViewModel.class);

    public static final long AUTOSAVE_NANOS = Long.getLong("flowlab.autosaveSeconds", 60) * 1_000_000_000L;

    private final MainViewModel vm;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final Path recovery;
    private long lastAutosave = System.nanoTime();
    /** Writes recovery files off the FX thread (a session is ≈ 2 MB to compress), one at a time. */
    private final java.util.concurrent.ExecutorService autosaver =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "flowlab-autosave");
                t.setDaemon(true);
                return t;
            });
    /** Bumped by every save or discard, so an autosave that finishes afterwards removes its stale file. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private boolean restoring;

    public DocumentViewModel(MainViewModel vm) {
        this.vm = vm;
        this.recovery = org.flowlab.io.AppHome.home().resolve("recovery" + SessionFile.EXTENSION);
        ChangeListener<Object> edit = (o, a, b) -> {
            if (!restoring) {
                dirty.set(true);
            }
        };
        vm.drawing().committedVersionProperty().addListener(edit);
        vm.training().stepProperty().addListener(edit);
        vm.playback().solverProperty().addListener(edit);
        vm.playback().stepsProperty().addListener(edit);
        vm.playback().particlesProperty().addListener(edit);
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
        TrainingSnapshot t = vm.training().snapshot();
        Map<String, String> app = new HashMap<>();
        app.put("solver", vm.playback().solverProperty().get());
        app.put("steps", Integer.toString(vm.playback().stepsProperty().get()));
        app.put("particles", Integer.toString(vm.playback().particlesProperty().get()));
        app.put("showTarget", Boolean.toString(vm.showTargetProperty().get()));
        app.put("showTrails", Boolean.toString(vm.showTrailsProperty().get()));
        app.put("showField", Boolean.toString(vm.showFieldProperty().get()));
        app.put("showPairs", Boolean.toString(vm.showPairsProperty().get()));
        var grid = vm.drawing().grid();
        return new Session(grid.copyMass(), grid.size(), grid.halfWidth(), vm.drawing().sourceProperty().get(),
                vm.training().trainingConfig(), t == null ? vm.training().weightsProperty().get() : t.weights(),
                t == null ? null : t.averaged(),
                t == null ? LossHistory.View.empty() : t.trainLoss(),
                t == null ? LossHistory.View.empty() : t.validation(), app);
    }

    /** @return whether it was saved (failures are reported and change nothing) */
    public boolean saveAs(Path target) {
        Path f = target.toString().endsWith(SessionFile.EXTENSION) ? target
                : target.resolveSibling(target.getFileName() + SessionFile.EXTENSION);
        try {
            SessionFile.save(f, snapshot());
        } catch (IOException | RuntimeException e) {
            vm.notify(Notification.error("Could not save " + f.getFileName() + ": " + message(e)
                    + ". Your work is still open; try another folder."));
            return false;
        }
        file.set(f);
        dirty.set(false);
        deleteRecovery();
        vm.notify(Notification.info("Saved " + f.getFileName()));
        return true;
    }

    public boolean save() {
        return file.get() != null && saveAs(file.get());
    }

    /** Opens a session; on failure the current work stays as it was. */
    public boolean open(Path f) {
        Session s;
        try {
            s = SessionFile.load(f);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // SessionFile.load bounds what it reads (README, "What is bounded"); an OutOfMemoryError would still
            // be a file we cannot hold, not a reason to lose the open work.
            vm.notify(Notification.error("Could not open " + f.getFileName() + ": " + message(e)
                    + " Nothing was changed."));
            return false;
        }
        apply(s);
        file.set(f);
        dirty.set(false);
        return true;
    }

    private void apply(Session s) {
        restoring = true;
        try {
            vm.training().pause();
            vm.drawing().restore(s.densityMass(), s.densitySource());
            vm.training().restore(s.weights(), s.training(), s.trainLoss(), s.validationLoss());
            Map<String, String> app = s.appSettings();
            if (app.containsKey("solver")) {
                vm.playback().solverProperty().set(app.get("solver"));
            }
            parseInt(app.get("steps"), v -> vm.playback().stepsProperty().set(v));
            parseInt(app.get("particles"), v -> vm.playback().particlesProperty().set(v));
            vm.showTargetProperty().set(!"false".equals(app.get("showTarget")));
            vm.showTrailsProperty().set("true".equals(app.get("showTrails")));
            vm.showFieldProperty().set("true".equals(app.get("showField")));
            vm.showPairsProperty().set("true".equals(app.get("showPairs")));
            vm.playback().compute(s.weights());
        } finally {
            restoring = false;
        }
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
        autosaver.execute(() -> writeRecovery(s, gen));
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

    /** Waits until every autosave submitted so far has finished (tests, and before exit). */
    public void awaitAutosaves() throws Exception {
        autosaver.submit(() -> { }).get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    public boolean hasRecovery() {
        return Files.isRegularFile(recovery);
    }

    /** Restores the recovery file as an untitled document with unsaved changes. */
    public boolean restoreRecovery() {
        try {
            apply(SessionFile.load(recovery));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            vm.notify(Notification.error("The recovered work could not be opened: " + message(e)));
            return false;
        }
        file.set(null);
        dirty.set(true);
        return true;
    }

    public void deleteRecovery() {
        generation.incrementAndGet();
        try {
            Files.deleteIfExists(recovery);
        } catch (IOException e) {
            // Leaving it means the next start offers it again; harmless.
            LOG.debug("could not delete the recovery file {}", recovery, e);
        }
    }

    private static String message(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "it needs more memory than FlowLab has.";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
