package org.flowlab.app.playback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowlab.app.Notification;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.flow.FlowSampler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The playback view model on the same-thread runner, with analytic fields instead of networks. */
class PlaybackViewModelTest {

    private TestModel model;
    private final List<Notification> notes = new ArrayList<>();
    private SameThreadTaskRunner runner = SameThreadTaskRunner.immediate();
    private PlaybackViewModel p;

    @BeforeEach
    void create() {
        build(SameThreadTaskRunner.immediate());
    }

    /** A fresh model and view model (listeners of an earlier one would react too). */
    private void build(SameThreadTaskRunner r) {
        model = new TestModel();
        runner = r;
        p = new PlaybackViewModel(runner, model, model.inputs(), notes::add);
        p.particlesProperty().set(200);
    }

    @Test
    void newWeightsWhileIdleAreSimulatedWithTheUsersSolver() {
        model.weights.set(TestModel.weights(3, 1f));
        assertEquals(200, p.trajectoryProperty().get().particles());
        assertEquals(50, p.nfeProperty().get(), "euler, 50 steps");
        assertEquals("euler · 50 steps · step 3", p.descriptionProperty().get());
        assertEquals(200, p.colorsProperty().get().length);
        assertFalse(p.computingProperty().get());

        p.solverProperty().set("rk4");
        assertEquals(200, p.nfeProperty().get(), "a new solver recomputes: rk4, 4 evaluations per step");
        p.stepsProperty().set(10);
        assertEquals(40, p.nfeProperty().get());
    }

    @Test
    void aNewerRequestReplacesTheOlderOnesResult() {
        build(SameThreadTaskRunner.deferred());
        List<String> shown = new ArrayList<>();
        p.descriptionProperty().addListener((o, a, b) -> shown.add(b));
        model.weights.set(TestModel.weights(1, 1f));
        assertTrue(p.computingProperty().get());
        assertTrue(p.isBusy());
        model.weights.set(TestModel.weights(2, 2f));
        runner.runPending();
        assertEquals(List.of("euler · 50 steps · step 2"), shown, "only the newer request is shown");
        assertEquals(1, model.velocities.get(), "the replaced request never ran");
        assertFalse(p.computingProperty().get());
        assertFalse(p.isBusy());
    }

    @Test
    void aCancelledRequestNeverDelivers() {
        build(SameThreadTaskRunner.deferred());
        model.weights.set(TestModel.weights(1, 1f));
        runner.close();
        runner.runPending();
        assertNull(p.trajectoryProperty().get());
        assertFalse(p.computingProperty().get(), "no longer busy once it stopped");
    }

    @Test
    void whileTrainingRunsOnlyPreviewsAreComputedAndStoppingComputesTheFullSolver() {
        build(SameThreadTaskRunner.deferred());
        model.training.set(true);
        model.weights.set(TestModel.weights(5, 1f));
        p.solverProperty().set("rk4");
        assertEquals(0, runner.pendingCount(), "no full-quality simulation while training");

        p.onPulse(0);
        p.onPulse(2_000_000_000L);
        assertEquals(1, runner.pendingCount(), "a preview after a second");
        runner.runPending();
        assertTrue(p.descriptionProperty().get().startsWith("preview · euler · 25 steps"),
                p.descriptionProperty().get());
        p.onPulse(2_100_000_000L);
        assertEquals(0, runner.pendingCount(), "not again within the interval");

        model.training.set(false);
        runner.runPending();
        assertEquals("rk4 · 50 steps · step 5", p.descriptionProperty().get());
    }

    @Test
    void theParticlesStartFromNoiseOfTheUsersSeed() {
        model.seed.set(1);
        model.weights.set(TestModel.weights(1, 1f));
        float[] seed1 = p.trajectoryProperty().get().state(0);
        model.weights.set(TestModel.weights(2, 1f));
        assertArrayEquals(seed1, p.trajectoryProperty().get().state(0), "same seed, same particles");

        model.seed.set(2);
        p.compute();
        float[] seed2 = p.trajectoryProperty().get().state(0);
        assertFalse(Arrays.equals(seed1, seed2), "another seed, other particles");
        assertFalse(Arrays.equals(FlowSampler.toFloat(FlowSampler.noise(200, 2)), seed2),
                "not the trainer's own stream for that seed");
    }

    @Test
    void anUnknownSolverIsReported() {
        model.weights.set(TestModel.weights(1, 1f));
        p.solverProperty().set("nonsense");
        assertEquals(1, notes.size());
        assertEquals(Notification.Severity.ERROR, notes.get(0).severity());
    }

    @Test
    void playingMovesTheHeadAndStopsAtTheEndWithoutLoop() {
        p.tProperty().set(0);
        p.loopProperty().set(false);
        p.togglePlay();
        p.advance(1.0);
        assertEquals(1.0 / PlaybackViewModel.SECONDS_PER_PASS, p.tProperty().get(), 1e-12);
        for (int i = 0; i < 10; i++) {
            p.advance(1.0);
        }
        assertEquals(1.0, p.tProperty().get());
        assertFalse(p.playingProperty().get());
        p.togglePlay();
        assertEquals(0.0, p.tProperty().get(), "play at the end starts over");
    }

    @Test
    void theSdeAtNoiseZeroIsTheOdesEulerAndNoiseMakesItStochasticButSeeded() {
        model.weights.set(TestModel.weights(3, 0.5f));
        p.stepsProperty().set(20);
        float[] euler = p.trajectoryProperty().get().state(20);

        p.noiseProperty().set(0);
        p.sdeProperty().set(true);
        assertEquals(20, p.nfeProperty().get(), "Euler–Maruyama: one evaluation per step");
        assertTrue(p.descriptionProperty().get().startsWith("SDE · Euler–Maruyama · 20 steps · noise 0.00"),
                p.descriptionProperty().get());
        assertArrayEquals(euler, p.trajectoryProperty().get().state(20), "g = 0 is the ODE's Euler");

        p.noiseProperty().set(1.5);
        float[] noisy = p.trajectoryProperty().get().state(20);
        assertFalse(Arrays.equals(euler, noisy), "the noise slider re-simulates with Brownian increments");
        p.noiseProperty().set(1.0);
        p.noiseProperty().set(1.5);
        assertArrayEquals(noisy, p.trajectoryProperty().get().state(20), "same seed, same stochastic paths");
        assertArrayEquals(p.trajectoryProperty().get().state(0), p.trajectoryProperty().get().state(0));

        p.sdeProperty().set(false);
        assertArrayEquals(euler, p.trajectoryProperty().get().state(20), "back to the ODE");
    }
}
