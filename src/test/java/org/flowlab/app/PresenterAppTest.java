package org.flowlab.app;

import static org.flowlab.app.Fx.fx;
import static org.flowlab.app.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.flowlab.app.present.Shortcuts;
import org.flowlab.compute.ComputeThread;
import org.flowlab.train.TrainingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Presenter mode on headless Monocle, driven from the keyboard as a teacher would; Help lists the keys. */
@ExtendWith(ApplicationExtension.class)
class PresenterAppTest {

    private MainViewModel vm;
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = FlowLabApp.forApp(ComputeThread.direct());
        view = Fx.startSmallApp(stage, vm, 500);
    }

    @AfterEach
    void stop() {
        Fx.shutDown(view, vm);
    }

    private boolean present(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).tryQuery().isPresent());
    }

    private String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private void enter(FxRobot robot) {
        robot.type(KeyCode.F11);
        waitFor("presenter mode", () -> fx(() -> vm.presenter().activeProperty().get()));
        waitFor("the presenter layer", () -> present(robot, "#presenterTime"));
    }

    @Test
    void f11ShowsTheCanvasAloneWithLargeCaptionsAndEscLeaves(FxRobot robot) {
        waitFor("first trajectories", () -> fx(() -> vm.playback().nfeProperty().get() == 50));
        assertTrue(present(robot, "#trainButton"));
        enter(robot);
        assertTrue(fx(() -> stage.isFullScreen()), "full screen");
        assertFalse(present(robot, "#trainButton"), "no control panel");
        assertFalse(present(robot, "#statusBar"), "no status bar");
        assertTrue(present(robot, "#canvas"), "the canvas is shown");
        assertEquals("t = 1.00", text(robot, "#presenterTime"));
        waitFor("setup caption", () -> text(robot, "#presenterSetup").equals("OT path · euler · 50 steps · NFE 50"));
        assertEquals("untrained (step 0)", text(robot, "#presenterStep"));
        double canvasWidth = fx(() -> view.canvas().getWidth());
        assertTrue(canvasWidth > 1000, "the canvas takes the window: " + canvasWidth);

        robot.type(KeyCode.ESCAPE);
        waitFor("left", () -> fx(() -> !vm.presenter().activeProperty().get()));
        waitFor("controls back", () -> present(robot, "#trainButton"));
        assertFalse(present(robot, "#presenterTime"));
        assertFalse(fx(() -> stage.isFullScreen()));
        assertTrue(fx(() -> view.canvas().getScene() != null), "the canvas is back in the window");

        robot.clickOn("#presentButton");
        waitFor("the button enters too", () -> fx(() -> vm.presenter().activeProperty().get()));
        robot.type(KeyCode.F11);
        waitFor("F11 leaves too", () -> fx(() -> !vm.presenter().activeProperty().get()));
    }

    @Test
    void spaceAndArrowsDriveThePlayheadAndShiftArrowsTheHistory(FxRobot robot) {
        List<Integer> history = new CopyOnWriteArrayList<>();
        fx(() -> {
            vm.presenter().historyStepProperty().set(history::add);
            return null;
        });
        enter(robot);
        robot.type(KeyCode.SPACE);
        waitFor("playing", () -> fx(() -> vm.playback().playingProperty().get()));
        robot.type(KeyCode.SPACE);
        waitFor("paused", () -> fx(() -> !vm.playback().playingProperty().get()));

        fx(() -> {
            vm.playback().tProperty().set(0.5);
            return null;
        });
        robot.type(KeyCode.LEFT);
        waitFor("t back one step", () -> fx(() -> Math.abs(vm.playback().tProperty().get() - 0.45) < 1e-9));
        waitFor("its caption", () -> text(robot, "#presenterTime").equals("t = 0.45"));
        robot.type(KeyCode.RIGHT).type(KeyCode.RIGHT);
        waitFor("t two steps on", () -> fx(() -> Math.abs(vm.playback().tProperty().get() - 0.55) < 1e-9));

        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).type(KeyCode.LEFT).type(KeyCode.LEFT).release(KeyCode.SHIFT);
        waitFor("history steps", () -> history.size() == 3);
        assertEquals(List.of(1, -1, -1), history);
        assertEquals(0.55, fx(() -> vm.playback().tProperty().get()), 1e-9, "Shift+arrows leave t alone");
        assertTrue(fx(() -> vm.presenter().activeProperty().get()));
    }

    @Test
    void tTrainsAndPausesRResetsAndOOpensTheOverlaysMenu(FxRobot robot) {
        enter(robot);
        robot.type(KeyCode.T);
        waitFor("training", () -> fx(() -> vm.training().stepProperty().get() >= 5));
        waitFor("the step caption follows the shown weights",
                () -> text(robot, "#presenterStep").startsWith("training step "));
        robot.type(KeyCode.T);
        waitFor("paused", () -> fx(() -> vm.training().stateProperty().get() == TrainingState.PAUSED));
        robot.type(KeyCode.R);
        waitFor("reset", () -> fx(() -> vm.training().stepProperty().get() == 0
                && vm.training().stateProperty().get() == TrainingState.READY));

        assertFalse(fx(() -> vm.showTrailsProperty().get()));
        robot.type(KeyCode.O);
        waitFor("overlays menu", () -> fx(() -> view.presenter().overlaysMenu().isShowing()));
        robot.clickOn("Particle trails");
        waitFor("trails on", () -> fx(() -> vm.showTrailsProperty().get()));
        assertTrue(fx(() -> vm.presenter().activeProperty().get()), "still presenting");
    }

    @Test
    void helpListsEveryShortcutAndTheStatusLineIsShort(FxRobot robot) {
        waitFor("backend known", () -> !text(robot, "#backendLabel").isEmpty());
        assertTrue(text(robot, "#backendLabel").matches("CPU · \\d+ threads?"), text(robot, "#backendLabel"));
        robot.type(KeyCode.F1);
        waitFor("the shortcuts", () -> present(robot, "#shortcutsTable"));
        List<String> shown = fx(() -> robot.lookup("#shortcutsTable").queryAs(GridPane.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList());
        for (Shortcuts.Shortcut s : Shortcuts.ALL) {
            assertTrue(shown.contains(s.keys()) && shown.contains(s.action()), s + " in " + shown);
        }
        for (String keys : List.of("F11", "Space", "← / →", "Shift+← / Shift+→", "T", "R", "O", "Esc")) {
            assertTrue(shown.contains(keys), keys);
        }
    }
}
