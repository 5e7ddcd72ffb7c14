package org.flowlab.app.present;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flowlab.app.Notification;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.app.playback.PlaybackViewModel;
import org.flowlab.app.training.Trainers;
import org.flowlab.app.training.TrainingViewModel;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.testing.Fixtures;
import org.flowlab.train.TrainingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Presenter mode's state and keys on the same-thread runner: analytic particles, a small real trainer. */
class PresenterViewModelTest {

    private final List<Notification> notes = new ArrayList<>();
    private final LongProperty targetVersion = new SimpleLongProperty();
    private final ObjectProperty<WeightsSnapshot> shown = new SimpleObjectProperty<>();
    private TestModel model;
    private PlaybackViewModel playback;
    private TrainingViewModel training;
    private PresenterViewModel p;

    @BeforeEach
    void create() {
        model = new TestModel();
        SameThreadTaskRunner runner = SameThreadTaskRunner.immediate();
        playback = new PlaybackViewModel(runner, model, model.inputs(), notes::add);
        playback.particlesProperty().set(100);
        training = new TrainingViewModel(runner, Trainers.on(ComputeThread.direct()), targetVersion,
                TestModel::moons, notes::add);
        training.widthProperty().set(16);
        training.depthProperty().set(1);
        training.batchProperty().set(64);
        p = new PresenterViewModel(playback, training, shown);
    }

    @AfterEach
    void close() {
        training.close();
    }

    private static WeightsSnapshot at(long step, String path) {
        return new WeightsSnapshot(ModelConfig.defaults(NetworkKind.MLP, 0).withPath(path), new float[]{1f, 0, 0},
                null, step);
    }

    @Test
    void captionsFollowTheShownModelAndThePlayback() {
        model.weights.set(TestModel.weights(1200, 1f));
        shown.set(at(1200, "vp"));
        assertEquals("VP path · euler · 50 steps · NFE 50", p.setupCaption().get());
        assertEquals("training step 1 200", p.stepCaption().get());
        assertEquals("t = 1.00", p.timeCaption().get());

        playback.solverProperty().set("rk4");
        playback.tProperty().set(0.35);
        shown.set(at(0, "ot"));
        assertEquals("OT path · rk4 · 50 steps · NFE 200", p.setupCaption().get());
        assertEquals("t = 0.35", p.timeCaption().get());
        assertEquals("untrained (step 0)", p.stepCaption().get());
    }

    @Test
    void arrowsStepTOntoMultiplesOfTheStepWithinZeroAndOneAndPausePlaying() {
        playback.playingProperty().set(true);
        p.stepTime(-1);
        assertFalse(playback.playingProperty().get(), "stepping pauses");
        assertEquals(0.95, playback.tProperty().get(), 1e-12);
        p.stepTime(+1);
        assertEquals(1.0, playback.tProperty().get(), 1e-12);
        p.stepTime(+1);
        assertEquals(1.0, playback.tProperty().get(), 1e-12, "never past 1");

        playback.tProperty().set(0.33);
        p.stepTime(+1);
        assertEquals(0.35, playback.tProperty().get(), 1e-12, "from between multiples: the next one");
        playback.tProperty().set(0.33);
        p.stepTime(-1);
        assertEquals(0.30, playback.tProperty().get(), 1e-12);
        playback.tProperty().set(0.02);
        p.stepTime(-1);
        p.stepTime(-1);
        assertEquals(0.0, playback.tProperty().get(), 1e-12, "never below 0");
        for (int i = 0; i < 20; i++) {
            p.stepTime(+1);
        }
        assertEquals(1.0, playback.tProperty().get(), 1e-12, "twenty steps cross [0, 1] without drift");
    }

    @Test
    void spaceTogglesPlayingAndEscLeaves() {
        p.togglePlay();
        assertTrue(playback.playingProperty().get());
        p.togglePlay();
        assertFalse(playback.playingProperty().get());
        p.toggle();
        assertTrue(p.activeProperty().get());
        p.leave();
        assertFalse(p.activeProperty().get());
        p.leave();
        assertFalse(p.activeProperty().get());
    }

    @Test
    void historyStepsGoToTheHookAndDoNothingWithoutOne() {
        p.stepHistory(+1);   // no history yet: nothing happens, nothing throws
        List<Integer> calls = new ArrayList<>();
        p.historyStepProperty().set(calls::add);
        p.stepHistory(+1);
        p.stepHistory(-3);
        assertEquals(List.of(1, -1), calls);
        p.historyStepProperty().set(null);
        p.stepHistory(+1);
        assertEquals(2, calls.size());
    }

    @Test
    void tTrainsAndPausesAndRResets() {
        training.initialiseWeights();
        p.toggleTraining();
        Fixtures.await(() -> {
            training.poll();
            return training.stepProperty().get() >= 3;
        }, "training steps");
        p.toggleTraining();
        Fixtures.await(() -> {
            training.poll();
            return training.stateProperty().get() == TrainingState.PAUSED;
        }, "paused");
        p.reset();
        training.poll();
        assertEquals(0, training.stepProperty().get());
        assertEquals(TrainingState.READY, training.stateProperty().get());
    }

    @Test
    void solverPartDropsOnlyTheTrailingStep() {
        assertEquals("preview · euler · 25 steps",
                PresenterViewModel.solverShown("preview · euler · 25 steps · step 300", "rk4"));
        assertEquals("rk4", PresenterViewModel.solverShown("", "rk4"));
        assertEquals("σ_min OT path", PresenterViewModel.pathLabel("sigma-min"));
    }
}
