package org.flowlab.app;

import org.flowlab.compute.ComputeThread;

import org.flowlab.app.density.DensityViewModel;
import org.flowlab.app.drawing.CanvasView;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.controlsfx.control.NotificationPane;
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
import org.testfx.util.WaitForAsyncUtils;

/** The app on headless Monocle, driven as a user would: mouse, buttons, sliders, keys. */
@ExtendWith(ApplicationExtension.class)
class AppTest {

    private MainViewModel vm;
    private MainView view;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        vm = FlowLabApp.forApp(ComputeThread.direct());
        view = Fx.startSmallApp(stage, vm, 1000);
    }

    @AfterEach
    void stop() {
        Fx.shutDown(view, vm);
    }

    private String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    @Test
    void brushStrokeChangesTheDensityAndUndoRestoresIt(FxRobot robot) {
        robot.clickOn("#clearButton");
        waitFor("clear", () -> fx(() -> vm.drawing().grid().isEmpty()));
        CanvasView canvas = robot.lookup("#canvas").queryAs(CanvasView.class);
        robot.drag(canvas, MouseButton.PRIMARY).moveBy(-80, 30).moveBy(-60, -40).release(MouseButton.PRIMARY);
        waitFor("a stroke", () -> fx(() -> vm.drawing().grid().totalMass() > 10));
        assertEquals("drawing", fx(() -> vm.drawing().sourceProperty().get()));

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor("undo", () -> fx(() -> vm.drawing().grid().isEmpty()));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor("redo", () -> fx(() -> vm.drawing().grid().totalMass() > 10));
    }

    @Test
    void trainAdvancesStepAndChartAndPauseStopsThem(FxRobot robot) {
        assertEquals("step 0", text(robot, "#stepLabel"));
        robot.clickOn("#trainButton");
        waitFor("steps", () -> fx(() -> vm.training().stepProperty().get() >= 30));
        waitFor("chart points", () -> fx(() -> view.chart().trainPoints() > 0));
        assertTrue(text(robot, "#stepLabel").matches("step [1-9][0-9]*"), text(robot, "#stepLabel"));

        robot.clickOn("#pauseButton");
        waitFor("pause", () -> fx(() -> vm.training().stateProperty().get() == TrainingState.PAUSED));
        long paused = fx(() -> vm.training().stepProperty().get());
        int points = fx(() -> view.chart().trainPoints());
        for (int i = 0; i < 10; i++) {
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(paused, fx(() -> vm.training().stepProperty().get()), "no steps while paused");
        assertEquals(points, fx(() -> view.chart().trainPoints()), "the chart holds still");
        assertEquals("Resume", fx(() -> robot.lookup("#trainButton").queryButton().getText()));

        robot.clickOn("#trainButton");
        waitFor("resume", () -> fx(() -> vm.training().stepProperty().get() > paused));
        robot.clickOn("#resetButton");
        waitFor("reset", () -> fx(() -> vm.training().stepProperty().get() == 0
                && vm.training().stateProperty().get() == TrainingState.READY));
    }

    @Test
    void movingTheTimeSliderMovesTheParticles(FxRobot robot) {
        waitFor("trajectories", () -> fx(() -> vm.playback().trajectoryProperty().get() != null
                && view.canvas().frame() != null));
        waitFor("a frame at t = 1", () -> fx(() -> vm.scene().trajectory() != null));
        WaitForAsyncUtils.waitForFxEvents();
        int[] atOne = fx(() -> view.canvas().frame().pixels().clone());
        Slider slider = robot.lookup("#tSlider").queryAs(Slider.class);
        // Click the slider's left end: t jumps towards 0.
        robot.moveTo(slider).moveBy(-slider.getWidth() / 2 + 4, 0).press(MouseButton.PRIMARY)
                .release(MouseButton.PRIMARY);
        waitFor("t near 0", () -> fx(() -> vm.playback().tProperty().get() < 0.1));
        assertTrue(text(robot, "#tLabel").startsWith("t = 0.0"), text(robot, "#tLabel"));
        waitFor("a redraw", () -> fx(() -> !Arrays.equals(atOne, view.canvas().frame().pixels())));
    }

    @Test
    void switchingTheSolverRecomputesWithNewNfe(FxRobot robot) {
        waitFor("first trajectories", () -> fx(() -> vm.playback().nfeProperty().get() == 50));
        assertEquals("NFE 50", text(robot, "#nfeLabel"));
        ComboBox<?> solver = robot.lookup("#solverBox").queryComboBox();
        scrollIntoView(robot, solver);
        robot.clickOn(solver).clickOn("rk4");
        waitFor("rk4 trajectories", () -> fx(() -> vm.playback().nfeProperty().get() == 200));
        assertEquals("NFE 200", text(robot, "#nfeLabel"));
        assertFalse(fx(() -> robot.lookup("#stepsSpinner").query().isDisabled()));
        robot.clickOn(solver).clickOn("dopri5");
        waitFor("dopri5 trajectories", () -> fx(() -> !vm.playback().computingProperty().get()
                && vm.playback().descriptionProperty().get().startsWith("dopri5")));
        assertTrue(fx(() -> robot.lookup("#stepsSpinner").query().isDisabled()), "adaptive: no step count");
    }

    /** Scrolls the side panel (which grew with the class palette) so {@code node} is on screen. */
    static void scrollIntoView(FxRobot robot, javafx.scene.Node node) {
        fx(() -> {
            javafx.scene.control.ScrollPane sp = robot.lookup(".controls").query();
            javafx.scene.Node content = sp.getContent();
            javafx.geometry.Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double range = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(range <= 0 ? 0 : Math.max(0, Math.min(1, (b.getMinY() - 40) / range)));
            sp.layout();
            return null;
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void loadingABadFileShowsAnErrorAndKeepsTheDensity(FxRobot robot) throws Exception {
        Path bad = dir.resolve("broken.png");
        Files.write(bad, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
        float[] before = fx(() -> vm.drawing().grid().copyMass());
        boolean loaded = fx(() -> vm.drawing().loadFile(bad));
        assertFalse(loaded);
        NotificationPane pane = robot.lookup("#notifications").queryAs(NotificationPane.class);
        waitFor("the error", () -> fx(pane::isShowing));
        String message = fx(pane::getText);
        assertNotNull(message);
        assertTrue(message.contains("broken.png") && message.contains("unchanged"), message);
        assertFalse(message.contains("Exception"), "no stack trace or exception names: " + message);
        assertArrayEquals(before, fx(() -> vm.drawing().grid().copyMass()));
    }

    @Test
    void learnedDensityHeatmapAndHeldOutNll(FxRobot robot) {
        robot.clickOn("#trainButton");
        waitFor("a held-out NLL point while training", () -> fx(() -> vm.density().nllProperty().get().size() > 0));
        waitFor("steps", () -> fx(() -> vm.training().stepProperty().get() >= 40));
        robot.clickOn("#pauseButton");
        waitFor("pause", () -> fx(() -> vm.training().stateProperty().get() == TrainingState.PAUSED));
        waitFor("a second NLL point at the pause", () -> fx(() -> vm.density().nllProperty().get().size() > 1));
        double nll = fx(() -> (double) vm.density().nllProperty().get().value(0));
        assertTrue(Double.isFinite(nll), "NLL " + nll);
        fx(() -> {
            vm.density().showProperty().set(true);
            return null;
        });
        waitFor("the heatmap", () -> fx(() -> vm.density().heatmapProperty().get() != null));
        var h = fx(() -> vm.density().heatmapProperty().get());
        assertEquals(DensityViewModel.GRID * DensityViewModel.GRID, h.values().length);
        float max = 0;
        for (float v : h.values()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 1e-6f, "normalised to its peak");
        waitFor("the heatmap on screen", () -> fx(() -> vm.scene().heatmap() == h));
    }

    @Test
    void trainingAnEmptyDrawingExplainsWhatToDo(FxRobot robot) {
        robot.clickOn("#clearButton");
        robot.clickOn("#trainButton");
        NotificationPane pane = robot.lookup("#notifications").queryAs(NotificationPane.class);
        waitFor("the message", () -> fx(pane::isShowing));
        assertTrue(fx(pane::getText).contains("empty"), fx(pane::getText));
        assertEquals(TrainingState.READY, fx(() -> vm.training().stateProperty().get()));
    }
}
