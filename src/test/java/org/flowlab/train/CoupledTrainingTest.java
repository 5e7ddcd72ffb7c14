package org.flowlab.train;

import static org.flowlab.testing.Fixtures.quick;
import static org.flowlab.testing.Fixtures.smallMlp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Properties;
import java.util.SplittableRandom;
import org.flowlab.compute.ComputeThread;
import org.flowlab.coupling.Coupling;
import org.flowlab.density.Preset;
import org.flowlab.flow.LinearPath;
import org.junit.jupiter.api.Test;

/** The coupling setting in configs and batches, and training on fixed pairs. */
class CoupledTrainingTest {

    @Test
    void theCouplingIsStoredAndFilesWithoutItMeanIndependent() {
        TrainingConfig ot = quick(10).withCoupling("OT:0.05");
        assertEquals("ot:0.05", ot.coupling(), "kept normalised");
        Properties p = new Properties();
        ot.store(p, "training.");
        assertEquals(ot, TrainingConfig.load(p, "training."));
        p.remove("training.coupling");
        assertEquals("independent", TrainingConfig.load(p, "training.").coupling(), "an old file");
        assertEquals("independent", quick(10).coupling());
        assertEquals("ot", quick(10).withCoupling("ot").withBatchSize(64).withEmaDecay(0.9).withMaxSteps(3)
                .withLearningRate(1e-2).coupling(), "withers keep the coupling");
        assertThrows(IllegalArgumentException.class, () -> quick(10).withCoupling("sinkhorn"));
        p.setProperty("training.coupling", "ot:-1");
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.load(p, "training."));
    }

    @Test
    void otBatchesPairCloserAndTrainDeterministically() {
        int n = 256;
        FlowMatchingBatch independent = new FlowMatchingBatch(n);
        FlowMatchingBatch ot = new FlowMatchingBatch(n);
        independent.fill(PairSource.coupled(Preset.MOONS, Coupling.INDEPENDENT), new LinearPath(),
                new SplittableRandom(3));
        ot.fill(PairSource.coupled(Preset.MOONS, Coupling.parse("ot")), new LinearPath(), new SplittableRandom(3));
        assertArrayEquals(independent.x1, ot.x1, "the same data");
        double random = Coupling.meanSquaredDistance(independent.x0, independent.x1, n);
        double coupled = Coupling.meanSquaredDistance(ot.x0, ot.x1, n);
        assertTrue(coupled < 0.3 * random, "OT " + coupled + " vs independent " + random);

        TrainingSnapshot a = FlowMatchingTrainerTest.trainToEnd(smallMlp(1), quick(20).withCoupling("ot"),
                Preset.MOONS);
        TrainingSnapshot b = FlowMatchingTrainerTest.trainToEnd(smallMlp(1), quick(20).withCoupling("ot"),
                Preset.MOONS);
        TrainingSnapshot c = FlowMatchingTrainerTest.trainToEnd(smallMlp(1), quick(20), Preset.MOONS);
        assertArrayEquals(a.trainLoss().valuesCopy(), b.trainLoss().valuesCopy(), "same seeds, same losses");
        assertArrayEquals(a.weights().params(), b.weights().params());
        assertFalse(Arrays.equals(a.weights().params(), c.weights().params()), "the coupling changes training");
        // Straighter pairs: the regression target u = x1 − x0 is shorter, so the loss starts lower.
        assertTrue(a.trainLoss().value(0) < c.trainLoss().value(0),
                a.trainLoss().value(0) + " vs " + c.trainLoss().value(0));
    }

    @Test
    void prefetchedOtBatchesAreTheBatchesDrawnInPlace() {
        // fresh(ot) draws batch k + 1 on the prefetch thread; fromWeights with the same coupled source as fixed
        // "pairs" draws every batch in place (its config is independent, so it never prefetches).
        TrainingConfig ot = quick(30).withCoupling("ot");
        FlowMatchingTrainer prefetched = FlowMatchingTrainer.fresh(ComputeThread.direct(), smallMlp(2), ot,
                Preset.MOONS);
        FlowMatchingTrainer inPlace = FlowMatchingTrainer.fromWeights(ComputeThread.direct(),
                prefetched.snapshot(TrainingState.RUNNING, 0, null).weights(), quick(30),
                PairSource.coupled(Preset.MOONS, Coupling.parse("ot")));
        for (int k = 0; k < 30; k++) {
            assertEquals(inPlace.step(), prefetched.step(), "step " + k);
        }
        assertArrayEquals(inPlace.snapshot(TrainingState.FINISHED, 0, null).weights().params(),
                prefetched.snapshot(TrainingState.FINISHED, 0, null).weights().params());
    }

    @Test
    void fixedPairsAreResampledAsTheyAreAndTrainAModelFromGivenWeights() {
        // Pairs of a known map x1 = x0 + (2, 0): the constant field v = (2, 0) is the exact answer.
        int n = 500;
        float[] x0 = new float[2 * n];
        float[] x1 = new float[2 * n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            x0[2 * i] = (float) r.nextGaussian();
            x0[2 * i + 1] = (float) r.nextGaussian();
            x1[2 * i] = x0[2 * i] + 2;
            x1[2 * i + 1] = x0[2 * i + 1];
        }
        FixedPairs pairs = new FixedPairs(x0, x1);
        float[] a = new float[20];
        float[] b = new float[20];
        pairs.draw(10, new SplittableRandom(2), a, b);
        for (int i = 0; i < 10; i++) {
            assertEquals(a[2 * i] + 2, b[2 * i], 1e-6, "a drawn pair stays a pair");
        }
        org.flowlab.nn.WeightsSnapshot init = org.flowlab.nn.Network.initialWeights(ComputeThread.direct(),
                smallMlp(4));
        TrainingConfig tc = new TrainingConfig(128, 1e-2, 300, 5, 256, 50, 20);
        FlowMatchingTrainer t = FlowMatchingTrainer.fromWeights(ComputeThread.direct(), init, tc, pairs);
        assertEquals(0, t.steps());
        double first = t.step();
        while (!t.finished()) {
            t.step();
        }
        double last = t.snapshot(TrainingState.FINISHED, 0, null).trainLoss().recentMean(20);
        assertTrue(last < 0.05 * first, "fits the constant field: loss " + first + " → " + last);
        assertThrows(IllegalArgumentException.class, () -> FlowMatchingTrainer.fromWeights(ComputeThread.direct(),
                init, tc.withCoupling("ot"), pairs), "fixed pairs are not re-paired");
        assertThrows(IllegalArgumentException.class, () -> new FixedPairs(new float[0], new float[0]));
    }
}
