package org.flowlab.app;

import static org.flowlab.app.Fx.fx;
import static org.flowlab.app.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.flowlab.app.drawing.CanvasView;
import org.flowlab.compute.ComputeThread;
import org.flowlab.render.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The exact-field instruments on headless Monocle: the floor on the chart, the exact arrows, the probe. */
@ExtendWith(ApplicationExtension.class)
class InstrumentsAppTest {

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        vm = FlowLabApp.forApp(ComputeThread.direct());
        view = Fx.startSmallApp(stage, vm, 1000);
    }

    @AfterEach
    void stop() {
        Fx.shutDown(view, vm);
    }

    /** Canvas pixels in the exact arrows' green (green high, red and blue well below it). */
    private int greenPixels() {
        return fx(() -> {
            Frame f = view.canvas().frame();
            int n = 0;
            for (int p : f.pixels()) {
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                if (g > 90 && g > r + 40 && g > b + 20) {
                    n++;
                }
            }
            return n;
        });
    }

    @Test
    void theFloorIsOnTheChartAndTheExactArrowsAppearWhenToggled(FxRobot robot) {
        waitFor("the floor", () -> fx(() -> view.chart().floor() > 1.2 && view.chart().floor() < 1.6));
        assertTrue(fx(() -> view.chart().floorLabel()).contains("the best any model can do"));
        String conditional = fx(() -> {
            view.chart().setConditional(true);
            String label = view.chart().floorLabel();
            view.chart().setConditional(false);
            return label;
        });
        assertTrue(conditional.startsWith("unconditional floor") && conditional.contains("knowing the class"),
                conditional);
        waitFor("the model's loss by t", () -> fx(() -> view.lossByT().showsModel()));

        fx(() -> {
            vm.colorByStartProperty().set(false);
            return null;
        });
        waitFor("a frame", () -> fx(() -> view.canvas().frame() != null));
        int before = greenPixels();
        CheckBox exact = robot.lookup("#showExact").queryAs(CheckBox.class);
        fx(() -> {
            exact.fire();
            return null;
        });
        waitFor("green arrows", () -> greenPixels() > before + 500);
        fx(() -> {
            exact.fire();
            return null;
        });
        waitFor("the arrows gone", () -> greenPixels() < before + 100);
    }

    @Test
    void theProbeDrawsTheAverageWhereTheUserClicks(FxRobot robot) {
        waitFor("a model", () -> fx(() -> vm.training().weightsProperty().get() != null));
        ToggleButton probe = robot.lookup("#probeTool").queryAs(ToggleButton.class);
        fx(() -> {
            probe.fire();
            return null;
        });
        double massBefore = fx(() -> (double) vm.drawing().grid().totalMass());
        CanvasView canvas = robot.lookup("#canvas").queryAs(CanvasView.class);
        robot.clickOn(canvas);
        waitFor("the probe", () -> fx(() -> vm.probe().probeProperty().get() != null));
        Label caption = robot.lookup("#probeCaption").queryAs(Label.class);
        waitFor("its caption", () -> fx(() -> caption.isVisible() && caption.getText().contains("exact average")));
        assertEquals(massBefore, fx(() -> (double) vm.drawing().grid().totalMass()), 1e-3, "probing does not paint");
        assertTrue(fx(() -> Math.abs(vm.probe().probeProperty().get().x()) < 0.3), "the canvas centre is x = 0");
    }

    @Test
    void theLensWindowShowsBothParticleSets(FxRobot robot) {
        waitFor("a model", () -> fx(() -> vm.training().weightsProperty().get() != null));
        javafx.scene.control.Button open = robot.lookup("#lensButton").queryAs(javafx.scene.control.Button.class);
        fx(() -> {
            open.fire();
            return null;
        });
        waitFor("the lens", () -> fx(() -> vm.lens().sampleProperty().get() != null));
        Label exactLabel = robot.lookup("#lensExactLabel").queryAs(Label.class);
        waitFor("its numbers", () -> fx(() -> exactLabel.getText().contains("mean distance to nearest")));
        fx(() -> {
            exactLabel.getScene().getWindow().hide();
            return null;
        });
        waitFor("the lens off when its window closes", () -> fx(() -> vm.lens().sampleProperty().get() == null));
    }
}
