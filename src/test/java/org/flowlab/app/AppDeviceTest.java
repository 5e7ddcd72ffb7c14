package org.flowlab.app;

import static org.flowlab.app.Fx.fx;
import static org.flowlab.app.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.stage.Stage;
import org.flowlab.compute.ComputeThread;
import org.flowlab.train.TrainingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The whole app in the device mode CUDA uses, forced on the CPU: training, the sample previews, the held-out
 * NLL and the density heatmap all reach the networks through the one device thread. A path that touched a
 * network from its own thread would throw there and its result would never arrive.
 */
@ExtendWith(ApplicationExtension.class)
class AppDeviceTest {

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        vm = FlowLabApp.forApp(ComputeThread.serial(ComputeThread.THREAD_NAME));
        view = Fx.startSmallApp(stage, vm, 500);
    }

    @AfterEach
    void stop() {
        Fx.shutDown(view, vm);
    }

    @Test
    void trainingSamplingAndDensityShareTheDeviceThread(FxRobot robot) {
        robot.clickOn("#trainButton");
        waitFor("steps", () -> fx(() -> vm.training().stepProperty().get() >= 40));
        waitFor("a preview of trained weights while training",
                () -> fx(() -> vm.training().stateProperty().get() == TrainingState.RUNNING
                        && vm.playback().descriptionProperty().get().startsWith("preview")
                        && !vm.playback().descriptionProperty().get().endsWith("step 0")));
        waitFor("a held-out NLL point", () -> fx(() -> vm.density().nllProperty().get().size() > 0));
        robot.clickOn("#pauseButton");
        waitFor("pause", () -> fx(() -> vm.training().stateProperty().get() == TrainingState.PAUSED));
        fx(() -> {
            vm.density().showProperty().set(true);
            return null;
        });
        waitFor("the heatmap", () -> fx(() -> vm.density().heatmapProperty().get() != null));
        double nll = fx(() -> (double) vm.density().nllProperty().get().value(0));
        assertTrue(Double.isFinite(nll), "NLL " + nll);
        assertTrue(fx(() -> vm.training().stateProperty().get() != TrainingState.FAILED));
    }
}
