package org.flowlab.app;

import static org.flowlab.app.Fx.fx;
import static org.flowlab.app.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.flowlab.app.playback.TimelineBar;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The side panel's and timeline's controls stay bound to their view models, both ways, also after garbage
 * collection (bidirectional bindings are weak). No training runs: the runner never runs anything.
 */
@ExtendWith(ApplicationExtension.class)
class ControlsPaneTest {

    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new MainViewModel(SameThreadTaskRunner.deferred(), new TestModel(),
                org.flowlab.app.training.Trainers.on(org.flowlab.compute.ComputeThread.direct()));
        stage.setScene(new Scene(new VBox(new ControlsPane(vm), new TimelineBar(vm.playback())), 900, 1100));
        stage.show();
    }

    @AfterEach
    void close() {
        fx(() -> {
            vm.close();
            return null;
        });
    }

    private static void collectGarbage() {
        for (int i = 0; i < 4; i++) {
            List<byte[]> garbage = new ArrayList<>();
            for (int k = 0; k < 64; k++) {
                garbage.add(new byte[64 * 1024]);
            }
            garbage.clear();
            System.gc();
        }
    }

    /** The model's change shows in the control, and the control's change reaches the model. */
    private static <T> void bothWays(String what, Consumer<T> setModel, Supplier<T> model, Consumer<T> setControl,
                                     Supplier<T> control, T a, T b) {
        fx(() -> {
            setModel.accept(a);
            assertEquals(a, control.get(), what + ": the control follows the view model");
            setControl.accept(b);
            assertEquals(b, model.get(), what + ": the view model follows the control");
            return null;
        });
    }

    @Test
    void everyNumericControlStaysBoundAfterGarbageCollection(FxRobot robot) {
        Spinner<Integer> width = robot.lookup("#widthSpinner").query();
        Spinner<Integer> depth = robot.lookup("#depthSpinner").query();
        ComboBox<Integer> batch = robot.lookup("#batchBox").query();
        ComboBox<Double> lr = robot.lookup("#lrBox").query();
        Spinner<Long> seed = robot.lookup("#seedSpinner").query();
        Spinner<Integer> steps = robot.lookup("#stepsSpinner").query();
        ComboBox<Integer> particles = robot.lookup("#particlesBox").query();
        ComboBox<Double> speed = robot.lookup("#speedBox").query();
        collectGarbage();

        var t = vm.training();
        var p = vm.playback();
        bothWays("width", t.widthProperty()::set, t.widthProperty()::get, width.getValueFactory()::setValue,
                width::getValue, 96, 160);
        bothWays("depth", t.depthProperty()::set, t.depthProperty()::get, depth.getValueFactory()::setValue,
                depth::getValue, 2, 4);
        bothWays("batch", t.batchProperty()::set, t.batchProperty()::get, batch::setValue, batch::getValue, 512, 64);
        bothWays("learning rate", t.learningRateProperty()::set, t.learningRateProperty()::get, lr::setValue,
                lr::getValue, 3e-3, 1e-4);
        bothWays("seed", t.seedProperty()::set, t.seedProperty()::get, seed.getValueFactory()::setValue,
                seed::getValue, 17L, 99L);
        bothWays("steps", p.stepsProperty()::set, p.stepsProperty()::get, steps.getValueFactory()::setValue,
                steps::getValue, 20, 80);
        bothWays("particles", p.particlesProperty()::set, p.particlesProperty()::get, particles::setValue,
                particles::getValue, 10_000, 2000);
        bothWays("speed", p.speedProperty()::set, p.speedProperty()::get, speed::setValue, speed::getValue, 2.0, 0.5);
    }

    @Test
    void aRestoredSeedShowsInTheSpinnerAndATypedOneReachesTheModel(FxRobot robot) {
        Spinner<Long> seed = robot.lookup("#seedSpinner").query();
        long saved = 123_456_789_012L;
        fx(() -> vm.training().restore(new WeightsSnapshot(ModelConfig.defaults(NetworkKind.MLP, saved),
                new float[0], null, 40), TrainingConfig.defaults(saved), LossHistory.View.empty(),
                LossHistory.View.empty()));
        assertEquals(saved, fx(seed::getValue), "the session's seed is shown");
        assertEquals(Long.toString(saved), fx(() -> seed.getEditor().getText()));
        assertEquals(saved, fx(() -> vm.training().seedProperty().get()), "and not clamped by the spinner");

        robot.clickOn(seed.getEditor()).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("42").type(KeyCode.ENTER);
        waitFor("the typed seed", () -> fx(() -> vm.training().seedProperty().get() == 42L));
    }
}
