package org.flowlab.train;

import org.flowlab.nn.FlowSampler;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.Networks;
import org.flowlab.nn.VelocityNet;
import org.flowlab.nn.WeightAverage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.flowlab.density.PointSampler;
import org.flowlab.density.Preset;
import org.junit.jupiter.api.Test;

import static org.flowlab.testing.Fixtures.await;
import static org.flowlab.testing.Fixtures.quick;
import static org.flowlab.testing.Fixtures.smallMlp;

class TrainerTest {

    private static TrainingSnapshot trainToEnd(ModelConfig mc, TrainingConfig tc, PointSampler target)
            throws InterruptedException {
        try (Trainer t = new Trainer(mc, tc, target)) {
            t.start();
            assertTrue(t.awaitTermination(120, TimeUnit.SECONDS));
            return t.latest();
        }
    }

    @Test
    void sameSeedsGiveIdenticalLossesAndWeights() throws InterruptedException {
        TrainingSnapshot a = trainToEnd(smallMlp(1), quick(40), Preset.MOONS);
        TrainingSnapshot b = trainToEnd(smallMlp(1), quick(40), Preset.MOONS);
        assertEquals(TrainingState.FINISHED, a.state());
        assertEquals(40, a.step());
        assertEquals(40, a.trainLoss().size());
        assertArrayEquals(a.trainLoss().valuesCopy(), b.trainLoss().valuesCopy(), "identical losses");
        assertArrayEquals(a.validation().valuesCopy(), b.validation().valuesCopy(), "identical validation");
        assertArrayEquals(a.weights().params(), b.weights().params(), "identical weights");

        TrainingSnapshot c = trainToEnd(smallMlp(2), quick(40), Preset.MOONS);
        assertTrue(c.trainLoss().value(0) != a.trainLoss().value(0), "another model seed, other numbers");
    }

    @Test
    void seedZeroIsASeedLikeAnyOther() throws InterruptedException {
        // ND4J treats seed 0 as "unseeded"; FlowLab's default seed is 0, so it must still reproduce.
        ModelConfig reference = ModelConfig.referenceMlp(0);
        assertArrayEquals(Networks.build(reference, 1e-3).params().dup().data().asFloat(),
                Networks.build(reference, 1e-3).params().dup().data().asFloat(), "identical initial weights");
        TrainingConfig tc = new TrainingConfig(256, 1e-3, 15, 0, 256, 5, 20);
        TrainingSnapshot a = trainToEnd(reference, tc, Preset.MOONS);
        TrainingSnapshot b = trainToEnd(reference, tc, Preset.MOONS);
        assertArrayEquals(a.trainLoss().valuesCopy(), b.trainLoss().valuesCopy(), "identical losses, 3×256 MLP");
        assertArrayEquals(a.weights().params(), b.weights().params());
    }

    @Test
    void uNetTrainsDeterministicallyToo() throws InterruptedException {
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
    void validationLossIsRecordedOnSchedule() throws InterruptedException {
        TrainingSnapshot s = trainToEnd(smallMlp(1), quick(30), Preset.MOONS);
        assertEquals(3, s.validation().size());
        assertEquals(10, s.validation().step(0));
        assertTrue(Double.isFinite(s.validationLoss()));
    }

    @Test
    void nonFiniteLossStopsAndKeepsTheLastGoodWeights() throws InterruptedException {
        // A target that turns to NaN after 25 batches: the loss becomes NaN on step 26.
        int[] calls = {0};
        PointSampler poisoned = (n, rng, out) -> {
            Preset.MOONS.sample(n, rng, out);
            if (n == 128 && ++calls[0] > 25) {
                java.util.Arrays.fill(out, Float.NaN);
            }
        };
        try (Trainer t = new Trainer(smallMlp(1), quick(0), poisoned)) {
            t.start();
            assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
            TrainingSnapshot s = t.latest();
            assertEquals(TrainingState.FAILED, s.state());
            assertNotNull(s.message());
            assertTrue(s.message().contains("loss became NaN"), s.message());
            assertTrue(s.weights().allFinite(), "weights are the last finite ones");
            assertTrue(s.step() <= 25, "no step past the last good one is claimed");
            assertEquals(25, s.trainLoss().size(), "the history holds the 25 finite losses");
        }
    }

    @Test
    void pauseResumeStopAndReset() {
        try (Trainer t = new Trainer(smallMlp(1), quick(0), Preset.MOONS)) {
            assertEquals(TrainingState.READY, t.latest().state());
            float[] initial = t.latest().weights().params();
            t.start();
            await(() -> t.latest().step() >= 20, "20 steps");
            t.pause();
            await(() -> t.latest().state() == TrainingState.PAUSED, "pause");
            long pausedAt = t.latest().step();
            assertEquals(TrainingState.PAUSED, t.state());
            t.resume();
            await(() -> t.latest().step() > pausedAt + 10, "steps after resume");
            t.stop();
            assertEquals(TrainingState.STOPPED, t.latest().state());
            long stoppedAt = t.latest().step();
            t.start();
            await(() -> t.latest().step() > stoppedAt, "continue after stop");
            t.reset();
            assertEquals(TrainingState.READY, t.latest().state());
            assertEquals(0, t.latest().step());
            assertEquals(0, t.latest().trainLoss().size());
            assertArrayEquals(initial, t.latest().weights().params(), "reset restores the seeded weights");
        }
    }

    @Test
    void snapshotsCarryWeightsThatSampleOnAnotherThread() throws InterruptedException {
        TrainingSnapshot s = trainToEnd(smallMlp(1), quick(10), Preset.MOONS);
        VelocityNet copy = s.weights().instantiate();
        assertArrayEquals(s.weights().params(), copy.params().dup().data().asFloat());
        FlowSampler.Result r = FlowSampler.sample(copy, org.flowlab.ode.Solvers.create("euler", 5), 100, 1, true);
        assertEquals(200, r.samples().length);
        assertEquals(6, r.trajectory().points());
    }

    @Test
    void weightAverageFollowsItsRecurrence() {
        // θ̄ ← β_k θ̄ + (1 − β_k) θ, β_k = min(β, (1 + k)/(10 + k)), against plain double arithmetic.
        double beta = 0.9;
        float[][] thetas = new float[30][];
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int k = 0; k < thetas.length; k++) {
            thetas[k] = new float[5];
            for (int i = 0; i < 5; i++) {
                thetas[k][i] = (float) r.nextGaussian();
            }
        }
        WeightAverage avg = new WeightAverage(beta, org.nd4j.linalg.factory.Nd4j.create(thetas[0], new long[]{1, 5}));
        double[] expected = new double[5];
        for (int i = 0; i < 5; i++) {
            expected[i] = thetas[0][i];
        }
        for (int k = 1; k < thetas.length; k++) {
            double b = Math.min(beta, k / (9.0 + k));
            for (int i = 0; i < 5; i++) {
                expected[i] = b * expected[i] + (1 - b) * thetas[k][i];
            }
            avg.update(org.nd4j.linalg.factory.Nd4j.create(thetas[k], new long[]{1, 5}));
        }
        float[] got = avg.average().dup().data().asFloat();
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], got[i], 1e-5);
        }
        assertEquals(29, avg.updates());
    }

    @Test
    void theTrainerPublishesTheAverageOfItsOwnWeights() throws InterruptedException {
        // Oracle: the raw weights after each of 12 steps (deterministic: one run per length), folded by hand.
        int n = 12;
        TrainingConfig ema = quick(n).withEmaDecay(0.95);
        TrainingSnapshot end = trainToEnd(smallMlp(6), ema, Preset.MOONS);
        assertEquals(n, end.averaged().step());
        assertEquals(null, end.averaged().updater(), "the average carries no optimiser state");
        TrainingSnapshot plain = trainToEnd(smallMlp(6), quick(n), Preset.MOONS);
        assertArrayEquals(plain.trainLoss().valuesCopy(), end.trainLoss().valuesCopy(), "training never reads it");
        assertArrayEquals(plain.weights().params(), end.weights().params());
        assertEquals(null, plain.averaged());
        assertEquals(plain.weights(), plain.display());

        double[] expected;
        try (Trainer t = new Trainer(smallMlp(6), quick(n), Preset.MOONS)) {
            float[] p0 = t.latest().weights().params();
            expected = new double[p0.length];
            for (int i = 0; i < p0.length; i++) {
                expected[i] = p0[i];
            }
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
        assertTrue(!java.util.Arrays.equals(got, end.weights().params()), "the average is not the raw weights");
        assertEquals(end.averaged(), end.display());
    }
}
