package org.flowlab.app;

import org.flowlab.compute.ComputeThread;

import org.flowlab.app.document.DocumentViewModel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.flowlab.export.ExportFormat;
import org.flowlab.train.TrainingState;
import static org.flowlab.app.Fx.fx;
import static org.flowlab.app.Fx.waitFor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Sessions, recovery and export, driven through the app's view models on headless Monocle. */
@ExtendWith(ApplicationExtension.class)
class AppSessionTest {

    @TempDir
    static Path home;

    @TempDir
    Path dir;

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        System.setProperty("flowlab.home", home.toString());
        vm = FlowLabApp.forApp(ComputeThread.direct());
        view = Fx.startSmallApp(stage, vm, 500);
    }

    @AfterEach
    void stop() {
        Fx.shutDown(view, vm);
    }

    @Test
    void savedMidTrainingReopensAndContinues(FxRobot robot) {
        robot.clickOn("#trainButton");
        waitFor("training", () -> fx(() -> vm.training().stepProperty().get() >= 25));
        robot.clickOn("#pauseButton");
        waitFor("pause", () -> fx(() -> vm.training().stateProperty().get() == TrainingState.PAUSED));
        assertTrue(fx(() -> vm.document().dirtyProperty().get()), "training is unsaved work");
        Path f = dir.resolve("lesson");
        Path saved = dir.resolve("lesson.flowlab");
        fx(() -> {
            vm.playback().sdeProperty().set(true);
            vm.playback().noiseProperty().set(1.5);
            vm.playback().guidanceProperty().set(3.0);
            vm.document().saveAs(f, () -> { });
            return null;
        });
        waitFor("the save (written in the background)", () -> fx(() -> saved.equals(vm.document().fileProperty().get())
                && !vm.document().dirtyProperty().get()));
        assertTrue(Files.exists(saved));
        assertEquals("FlowLab — lesson.flowlab", fx(() -> ((Stage) view.getScene().getWindow()).getTitle()));
        long step = fx(() -> vm.training().stepProperty().get());
        int points = fx(() -> vm.training().trainHistoryProperty().get().size());
        float[] mass = fx(() -> vm.drawing().grid().copyMass());
        long[] history = fx(() -> vm.training().checkpointsProperty().get().steps());
        assertTrue(history.length > 10 && history[0] == 0, "a training history: " + history.length);

        robot.clickOn("#clearButton");
        waitFor("cleared", () -> fx(() -> vm.drawing().grid().isEmpty() && vm.document().dirtyProperty().get()));
        fx(() -> {
            vm.playback().sdeProperty().set(false);
            vm.playback().noiseProperty().set(1.0);
            vm.playback().guidanceProperty().set(1.0);
            vm.document().open(saved);
            return null;
        });
        waitFor("the session (read and rebuilt in the background)", () -> fx(() -> !vm.document().dirtyProperty().get()
                && vm.training().stateProperty().get() == TrainingState.STOPPED));
        assertArrayEquals(mass, fx(() -> vm.drawing().grid().copyMass()), "density restored");
        assertTrue(fx(() -> vm.playback().sdeProperty().get()), "the SDE sampler restored");
        assertEquals(1.5, fx(() -> vm.playback().noiseProperty().get()), "its noise level restored");
        assertEquals(3.0, fx(() -> vm.playback().guidanceProperty().get()), "the guidance scale restored");
        assertEquals(step, fx(() -> vm.training().stepProperty().get()), "step restored");
        assertEquals(points, fx(() -> vm.training().trainHistoryProperty().get().size()), "loss curve restored");
        assertArrayEquals(history, fx(() -> vm.training().checkpointsProperty().get().steps()),
                "training history restored");
        // The history slider scrubs to a checkpoint: the weights shown are that checkpoint's.
        fx(() -> {
            vm.history().positionProperty().set(3);
            return null;
        });
        assertEquals(history[3], fx(() -> vm.history().shownProperty().get().step()));
        assertEquals(history[3], fx(() -> view.chart().markedStep()), "the loss chart marks the step");
        fx(() -> {
            vm.history().latest();
            return null;
        });
        assertEquals(TrainingState.STOPPED, fx(() -> vm.training().stateProperty().get()));
        assertFalse(fx(() -> vm.document().dirtyProperty().get()));
        assertEquals("Resume", fx(() -> robot.lookup("#trainButton").queryButton().getText()));

        robot.clickOn("#trainButton");
        waitFor("more steps", () -> fx(() -> vm.training().stepProperty().get() > step + 5));
        assertTrue(fx(() -> vm.training().trainHistoryProperty().get().size()) > points, "the curve continues");
        assertEquals(step + 1, fx(() -> vm.training().trainHistoryProperty().get().step(points)),
                "the next point is the next step");
    }

    @Test
    void aCorruptSessionChangesNothing() throws Exception {
        Path bad = dir.resolve("bad.flowlab");
        Files.write(bad, new byte[]{'P', 'K', 3, 4, 1, 2, 3});
        float[] mass = fx(() -> vm.drawing().grid().copyMass());
        fx(() -> {
            vm.document().open(bad);
            return null;
        });
        waitFor("the error", () -> fx(() -> vm.notificationProperty().get() != null));
        Notification n = fx(() -> vm.notificationProperty().get());
        assertTrue(n.severity() == Notification.Severity.ERROR && n.text().contains("bad.flowlab")
                && n.text().contains("Nothing was changed"), n.text());
        assertArrayEquals(mass, fx(() -> vm.drawing().grid().copyMass()));
        assertNull(fx(() -> vm.document().fileProperty().get()));
    }

    @Test
    void exportsFromTheAppAndCancelsCleanly() throws Exception {
        waitFor("trajectories", () -> fx(() -> vm.playback().trajectoryProperty().get() != null));
        Path gif = dir.resolve("flow");
        assertTrue(fx(() -> {
            var ex = vm.export();
            ex.formatProperty().set(ExportFormat.GIF);
            ex.sizeProperty().set("160x90");
            ex.fpsProperty().set(5);
            ex.secondsProperty().set(1);
            return ex.start(gif);
        }));
        waitFor("export", () -> fx(() -> !vm.export().runningProperty().get()));
        waitFor("the success message", () -> fx(() -> vm.notificationProperty().get() != null
                && vm.notificationProperty().get().text().startsWith("Exported flow.gif")));
        assertTrue(Files.exists(dir.resolve("flow.gif")), "the extension is added");
        Path video = dir.resolve("flow.mp4");
        assertTrue(fx(() -> {
            var ex = vm.export();
            ex.formatProperty().set(ExportFormat.MP4);
            ex.sizeProperty().set("320x180");
            ex.captionProperty().set("from the app · t={t}");
            return ex.start(video);
        }));
        waitFor("video export", () -> fx(() -> !vm.export().runningProperty().get()));
        assertTrue(Files.size(video) > 1000, "an MP4 was written");
        String keep = System.getProperty("flowlab.test.keep");
        if (keep != null) {
            // Lets a person look at what the app exported: -Dflowlab.test.keep=/some/folder
            Files.createDirectories(Path.of(keep));
            Files.copy(dir.resolve("flow.gif"), Path.of(keep, "app.gif"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(video, Path.of(keep, "app.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        Path mp4 = dir.resolve("long.mp4");
        fx(() -> {
            var ex = vm.export();
            ex.formatProperty().set(ExportFormat.MP4);
            ex.sizeProperty().set("640x360");
            ex.secondsProperty().set(60);
            ex.start(mp4);
            ex.cancel();
            return null;
        });
        waitFor("cancel", () -> fx(() -> !vm.export().runningProperty().get()));
        assertFalse(Files.exists(mp4), "a cancelled export leaves no file");
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "nor a temporary file");
        }
    }

    @Test
    void thePulseAutosavesUnsavedWork() {
        fx(() -> {
            vm.drawing().beginStroke(-1, -1);
            vm.drawing().endStroke();
            return null;
        });
        long start = System.nanoTime();
        // Pulses after the interval (60 s) must write the recovery file without being asked.
        fx(() -> {
            vm.onPulse(start + DocumentViewModel.AUTOSAVE_NANOS + 1);
            return null;
        });
        waitFor("the pulse's recovery file (written in the background)", () -> fx(() -> vm.document().hasRecovery()));
        fx(() -> {
            vm.document().deleteRecovery();
            return null;
        });
    }

    @Test
    void aSaveDuringAnAutosaveLeavesNoStaleRecoveryFile() throws Exception {
        fx(() -> {
            vm.drawing().beginStroke(0.5, 0.5);
            vm.drawing().endStroke();
            vm.document().autosave();
            vm.document().deleteRecovery(); // what Save and "Don't Save" do, while the autosave may be writing
            return null;
        });
        vm.document().awaitAutosaves();
        assertFalse(fx(() -> vm.document().hasRecovery()), "the autosave that finished late removed its file");
    }

    @Test
    void autosaveKeepsUnsavedWorkForRecovery(FxRobot robot) throws Exception {
        robot.clickOn("#clearButton");
        waitFor("dirty", () -> fx(() -> vm.document().dirtyProperty().get()));
        fx(() -> {
            vm.drawing().beginStroke(1, 1);
            vm.drawing().endStroke();
            vm.document().autosave();
            return null;
        });
        waitFor("the recovery file", () -> fx(() -> vm.document().hasRecovery()));
        float[] drawn = fx(() -> vm.drawing().grid().copyMass());
        robot.clickOn("#clearButton");
        fx(() -> {
            vm.document().restoreRecovery();
            return null;
        });
        waitFor("the drawing is back", () -> java.util.Arrays.equals(drawn, fx(() -> vm.drawing().grid().copyMass())));
        waitFor("recovered work is still unsaved", () -> fx(() -> vm.document().dirtyProperty().get()
                && vm.document().fileProperty().get() == null));
        fx(() -> {
            vm.document().deleteRecovery();
            return null;
        });
        vm.document().awaitAutosaves();
        assertFalse(fx(() -> vm.document().hasRecovery()));
    }
}
