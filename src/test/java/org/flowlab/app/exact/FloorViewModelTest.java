package org.flowlab.app.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.marginal.LossFloor;
import org.junit.jupiter.api.Test;

/** The loss floor follows the target and the path, and only them; the model's loss by t follows the weights. */
class FloorViewModelTest {

    private final TestModel model = new TestModel();
    private final SameThreadTaskRunner runner = SameThreadTaskRunner.immediate();

    @Test
    void theFloorIsMeasuredWhenTheTargetOrPathChangesAndNotOtherwise() {
        model.weights.set(ExactTestInputs.weights(1, 1f, "ot"));
        FloorViewModel f = new FloorViewModel(runner, model, model.inputs(), ExactTestInputs.inputs());
        assertEquals(1, f.measurementsProperty().get());
        FloorViewModel.Floor first = f.floorProperty().get();
        assertEquals("ot", first.pathId());
        // README: two moons on OT ≈ 1.41 in the training loss's units.
        assertEquals(1.41, first.data().loss(), 0.1, "the measured two-moons OT floor");
        assertEquals(FloorViewModel.BINS, first.data().byBin().length);
        assertNotNull(f.modelProperty().get(), "the model's loss by t comes with the floor");

        int builtBefore = model.velocities.get();
        model.weights.set(ExactTestInputs.weights(2, 0.5f, "ot"));
        assertEquals(1, f.measurementsProperty().get(), "new weights on the same path: the floor stays");
        assertEquals(first, f.floorProperty().get());
        assertEquals(builtBefore + 1, model.velocities.get(), "but the model's curve is remeasured");

        model.weights.set(ExactTestInputs.weights(3, 0.5f, "vp"));
        assertEquals(2, f.measurementsProperty().get(), "another path, another floor");
        assertEquals("vp", f.floorProperty().get().pathId());

        model.targetVersion.set(1);
        assertEquals(3, f.measurementsProperty().get(), "an edited target, another floor");
    }

    /**
     * Issue 14: the app trained at a tenth of {@code bench}'s speed while the loss by t re-evaluated the network on
     * 20 480 points for each of training's ten snapshots a second, back to back. While training runs the curve now
     * follows at the previews' pace: counted here in network builds per simulated pulse clock, not in time.
     */
    @Test
    void whileTrainingRunsTheModelsCurveFollowsTheWeightsAtMostOnceASecond() {
        model.weights.set(ExactTestInputs.weights(1, 1f, "ot"));
        FloorViewModel f = new FloorViewModel(runner, model, model.inputs(), ExactTestInputs.inputs());
        model.training.set(true);
        int before = model.velocities.get();
        long now = 0;
        for (int k = 0; k < 50; k++) {            // 5 s of training: a snapshot and six pulses every 100 ms
            model.weights.set(ExactTestInputs.weights(2 + k, 1f + k / 100f, "ot"));
            for (int pulse = 0; pulse < 6; pulse++) {
                now += 16_666_667L;
                f.onPulse(now);
            }
        }
        int during = model.velocities.get() - before;
        assertTrue(during >= 1 && during <= 6, "one curve a second at most, not one per snapshot: " + during);
        assertEquals(1, f.measurementsProperty().get(), "the floor itself is not remeasured");

        model.training.set(false);
        assertEquals(before + during + 1, model.velocities.get(), "the final weights at once when training stops");
        f.onPulse(now + 10_000_000_000L);
        assertEquals(before + during + 1, model.velocities.get(), "and nothing more while idle");
        model.weights.set(ExactTestInputs.weights(100, 2f, "ot"));
        assertEquals(before + during + 2, model.velocities.get(), "idle: new weights are measured at once");
    }

    @Test
    void noModelCanBeatTheFloor() {
        model.weights.set(ExactTestInputs.weights(1, 1f, "ot"));
        FloorViewModel f = new FloorViewModel(runner, model, model.inputs(), ExactTestInputs.inputs());
        LossFloor.Curve floor = f.floorProperty().get().data();
        LossFloor.Curve mine = f.modelProperty().get();
        assertTrue(mine.loss() > floor.loss() + 5 * floor.standardError(),
                "v = −x is far from the exact field: " + mine.loss() + " vs " + floor.loss());
        for (int b = 0; b < floor.byBin().length; b++) {
            assertTrue(mine.byBin()[b] >= floor.byBin()[b] - 4 * floor.byBinError()[b] - 1e-9, "bin " + b);
        }
    }

    @Test
    void anEmptyTargetHasNoFloor() {
        model.target.set(null);
        FloorViewModel f = new FloorViewModel(runner, model, model.inputs(), ExactTestInputs.inputs());
        assertNull(f.floorProperty().get());
        assertEquals(0, f.measurementsProperty().get());
    }
}
