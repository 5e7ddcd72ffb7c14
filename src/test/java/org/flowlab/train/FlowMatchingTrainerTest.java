package org.flowlab.train;

import static org.flowlab.testing.Fixtures.quick;
import static org.flowlab.testing.Fixtures.smallMlp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.flowlab.compute.ComputeThread;
import org.flowlab.density.PointSampler;
import org.flowlab.density.Preset;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.Network;
import org.flowlab.nn.NetworkKind;
import org.junit.jupiter.api.Test;

/** The synchronous training loop, without threads: determinism, validation, failure, the weight average. */
class FlowMatchingTrainerTest {

    static TrainingSnapshot trainToEnd(ModelConfig mc, TrainingConfig tc, PointSampler target) {
        FlowMatchingTrainer t = FlowMatchingTrainer.fresh(ComputeThread.direct(), mc, tc, target);
        while (!t.finished()) {
            assertTrue(Double.isFinite(t.step()));
        }
        return t.snapshot(TrainingState.FINISHED, 0, null);
    }

    @Test
    void stepReturnsTheLossItRecords() {
        FlowMatchingTrainer t = FlowMatchingTrainer.fresh(ComputeThread.direct(), smallMlp(1), quick(0),
                Preset.MOONS);
        double first = t.step();
        double second = t.step();
        assertEquals(2, t.steps());
        TrainingSnapshot s = t.snapshot(TrainingState.RUNNING, 0, null);
        assertArrayEquals(new float[]{(float) first, (float) second}, s.trainLoss().valuesCopy());
        assertEquals(second, s.loss());
        assertEquals(2, s.weights().step());
    }

    @Test
    void sameSeedsGiveIdenticalLossesAndWeights() {
        TrainingSnapshot a = trainToEnd(smallMlp(1), quick(40), Preset.MOONS);
        TrainingSnapshot b = trainToEnd(smallMlp(1), quick(40), Preset.MOONS);
        assertArrayEquals(a.trainLoss().valuesCopy(), b.trainLoss().valuesCopy());
        assertArrayEquals(a.weights().params(), b.weights().params());
        TrainingSnapshot c = trainToEnd(smallMlp(2), quick(40), Preset.MOONS);
        assertFalse(Arrays.equals(a.weights().params(), c.weights().params()), "another model seed, other weights");

        ModelConfig reference = ModelConfig.referenceMlp(7);
        assertArrayEquals(Network.initialWeights(ComputeThread.direct(), reference).params(),
                Network.initialWeights(ComputeThread.direct(), reference).params(), "identical initial weights");
        TrainingConfig tc = new TrainingConfig(1024, 1e-3, 15, 3, 256, 5, 20);
        TrainingSnapshot x = trainToEnd(reference, tc, Preset.MOONS);
        TrainingSnapshot y = trainToEnd(reference, tc, Preset.MOONS);
        assertArrayEquals(x.trainLoss().valuesCopy(), y.trainLoss().valuesCopy(), "identical losses, 3×256 MLP");
        assertArrayEquals(x.weights().params(), y.weights().params());
    }

    @Test
    void uNetTrainsDeterministicallyToo() {
        ModelConfig unet = new ModelConfig(NetworkKind.UNET, new int[]{16, 32, 16}, 8, 3, "ot", 3);
        TrainingSnapshot a = trainToEnd(unet, quick(60), Preset.FOUR_GAUSSIANS);
        TrainingSnapshot b = trainToEnd(unet, quick(60), Preset.FOUR_GAUSSIANS);
        assertArrayEquals(a.trainLoss().valuesCopy(), b.trainLoss().valuesCopy());
        float[] l = a.trainLoss().valuesCopy();
        double first = 0;
        double last = 0;
        for (int i = 0; i < 10; i++) {
            first += l[i];
            last += l[50 + i];
        }
        assertTrue(last < first, "loss goes down: first ten " + first / 10 + ", last ten " + last / 10);
    }

    @Test
    void validationLossIsRecordedOnSchedule() {
        TrainingSnapshot s = trainToEnd(smallMlp(1), quick(30), Preset.MOONS);
        assertEquals(3, s.validation().size());
        assertEquals(10, s.validation().step(0));
        assertTrue(Double.isFinite(s.validationLoss()));
    }

    @Test
    void aResumedTrainerContinuesBitForBit() {
        TrainingSnapshot whole = trainToEnd(smallMlp(3), quick(30), Preset.MOONS);
        TrainingSnapshot half = trainToEnd(smallMlp(3), quick(15), Preset.MOONS);
        FlowMatchingTrainer t = FlowMatchingTrainer.resume(ComputeThread.direct(), half.weights(), quick(30),
                Preset.MOONS, half.trainLoss(), half.validation());
        while (!t.finished()) {
            t.step();
        }
        TrainingSnapshot end = t.snapshot(TrainingState.FINISHED, 0, null);
        assertArrayEquals(whole.trainLoss().valuesCopy(), end.trainLoss().valuesCopy());
        assertArrayEquals(whole.weights().params(), end.weights().params());
    }

    @Test
    void nonFiniteLossRevertsToTheLastGoodWeights() {
        // A target that turns to NaN after 25 batches: the loss becomes NaN on step 26.
        int[] calls = {0};
        PointSampler poisoned = (n, rng, out) -> {
            Preset.MOONS.sample(n, rng, out);
            if (n == 128 && ++calls[0] > 25) {
                Arrays.fill(out, Float.NaN);
            }
        };
        FlowMatchingTrainer t = FlowMatchingTrainer.fresh(ComputeThread.direct(), smallMlp(1), quick(0), poisoned);
        for (int i = 0; i < 20; i++) {
            t.step();
        }
        TrainingSnapshot at20 = t.snapshot(TrainingState.RUNNING, 0, null);
        double loss = 0;
        while (Double.isFinite(loss)) {
            loss = t.step();
        }
        assertNotNull(t.failure());
        assertTrue(t.failure().contains("loss became NaN"), t.failure());
        assertEquals(20, t.steps(), "the step counter goes back with the weights");
        TrainingSnapshot s = t.lastGoodSnapshot(TrainingState.FAILED, t.failure());
        assertArrayEquals(at20.weights().params(), s.weights().params(), "the weights of the last snapshot");
        assertEquals(25, s.trainLoss().size(), "the history holds the 25 finite losses");
    }

    @Test
    void theTrainerPublishesTheAverageOfItsOwnWeights() {
        // Oracle: the raw weights after each of 12 steps (deterministic: one run per length), folded by hand.
        int n = 12;
        TrainingSnapshot end = trainToEnd(smallMlp(6), quick(n).withEmaDecay(0.95), Preset.MOONS);
        assertEquals(n, end.averaged().step());
        assertNull(end.averaged().updater(), "the average carries no optimiser state");
        TrainingSnapshot plain = trainToEnd(smallMlp(6), quick(n), Preset.MOONS);
        assertArrayEquals(plain.trainLoss().valuesCopy(), end.trainLoss().valuesCopy(), "training never reads it");
        assertArrayEquals(plain.weights().params(), end.weights().params());
        assertNull(plain.averaged());
        assertEquals(plain.weights(), plain.display());

        float[] p0 = Network.initialWeights(ComputeThread.direct(), smallMlp(6)).params();
        double[] expected = new double[p0.length];
        for (int i = 0; i < p0.length; i++) {
            expected[i] = p0[i];
        }
        for (int k = 0; k < n; k++) {
            float[] theta = trainToEnd(smallMlp(6), quick(k + 1), Preset.MOONS).weights().params();
            double b = Math.min(0.95, (1.0 + k) / (10.0 + k));
            for (int i = 0; i < theta.length; i++) {
                expected[i] = b * expected[i] + (1 - b) * theta[i];
            }
        }
        float[] got = end.averaged().params();
        double maxDiff = 0;
        for (int i = 0; i < got.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
        }
        assertTrue(maxDiff < 1e-5, "average differs from the recurrence by " + maxDiff);
        assertFalse(Arrays.equals(got, end.weights().params()), "the average is not the raw weights");
        assertEquals(end.averaged(), end.display());
    }
}
