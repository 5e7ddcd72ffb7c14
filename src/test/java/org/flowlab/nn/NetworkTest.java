package org.flowlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flowlab.compute.ComputeThread;
import org.flowlab.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The public handle on a network: sizes by arithmetic, routing through the compute thread, the average. */
class NetworkTest {

    @Test
    void parameterCountByArithmeticEqualsDl4jsOwnCount() {
        ModelConfig[] configs = {
                Fixtures.smallMlp(1),
                ModelConfig.referenceMlp(2),
                new ModelConfig(NetworkKind.MLP, new int[]{7, 5}, 4, 1.0, "ot", 1),
                new ModelConfig(NetworkKind.UNET, new int[]{16, 32, 16}, 8, 3, "ot", 2),
                new ModelConfig(NetworkKind.UNET, new int[]{8, 12, 20, 12, 6}, 3, 1, "vp", 2),
                ModelConfig.referenceUNet(3)};
        for (ModelConfig c : configs) {
            Network n = Network.build(ComputeThread.direct(), c, 1e-3);
            assertEquals(n.numParams(), Networks.parameterCount(c), c.toString());
            // Adam's moments appear after the first step; their length is what files carry.
            n.fit(new float[]{0, 0, 1, 1}, new float[]{0.2f, 0.7f}, new float[]{1, -1, 0, 2}, 2);
            assertEquals(Networks.optimiserStateLength(c), n.snapshot(1, true).updater().length, c.toString());
        }
    }

    @Test
    void oneSizeLimitAdmitsTheAppsLargestNetworkAndRefusesWhatCannotBeSavedOrLoaded() {
        int[] appMax = new int[8];
        java.util.Arrays.fill(appMax, 1024);
        ModelConfig largest = ModelConfig.referenceMlp(1).withWidths(appMax);
        assertEquals(7_353_346, largest.parameterCount());
        assertEquals(8192, largest.activationsPerRow());
        int[] nine = new int[9];
        java.util.Arrays.fill(nine, 4096);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.referenceMlp(1).withWidths(nine));
        assertTrue(e.getMessage().contains("134,275,074 parameters"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.referenceMlp(1).withWidths(new int[65]));
        assertTrue(e.getMessage().contains("65 hidden layers"), e.getMessage());
        int[] many = new int[12];
        java.util.Arrays.fill(many, 700);
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.referenceMlp(1).withWidths(many));
        assertTrue(e.getMessage().contains("8,400 hidden values per point"), e.getMessage());
        // Activations by arithmetic, as for the parameters: the U-Net's blocks, time projection and skips.
        assertEquals(3200, ModelConfig.referenceUNet(1).activationsPerRow());
    }

    @Test
    void evaluationsFromAnotherThreadRunOnTheOwnerThread() throws Exception {
        ComputeThread owner = ComputeThread.serial("test-owner");
        Network net = Network.build(owner, Fixtures.smallMlp(1), 1e-3);
        // Keep the owner busy: an evaluation on the owner's thread must wait for it; one run directly would not.
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> owner.run(() -> {
            busy.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        double[] v = new double[4];
        CompletableFuture<Void> eval = CompletableFuture.runAsync(
                () -> net.evaluate(0.5, new double[]{0, 0, 1, -1}, 2, v));
        Thread.sleep(200);
        assertFalse(eval.isDone(), "the evaluation waits for the owner thread");
        release.countDown();
        eval.get(10, TimeUnit.SECONDS);
        for (double c : v) {
            assertTrue(Double.isFinite(c));
        }
    }

    @Test
    void weightAverageFollowsItsRecurrence() {
        // θ̄ ← β_k θ̄ + (1 − β_k) θ, β_k = min(β, (1 + k)/(10 + k)), against plain double arithmetic.
        double beta = 0.9;
        float[][] thetas = new float[30][];
        SplittableRandom r = new SplittableRandom(4);
        for (int k = 0; k < thetas.length; k++) {
            thetas[k] = new float[5];
            for (int i = 0; i < 5; i++) {
                thetas[k][i] = (float) r.nextGaussian();
            }
        }
        WeightAverage avg = new WeightAverage(beta, Nd4j.create(thetas[0], new long[]{1, 5}));
        double[] expected = new double[5];
        for (int i = 0; i < 5; i++) {
            expected[i] = thetas[0][i];
        }
        for (int k = 1; k < thetas.length; k++) {
            double b = Math.min(beta, k / (9.0 + k));
            for (int i = 0; i < 5; i++) {
                expected[i] = b * expected[i] + (1 - b) * thetas[k][i];
            }
            avg.update(Nd4j.create(thetas[k], new long[]{1, 5}));
        }
        float[] got = avg.average().dup().data().asFloat();
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], got[i], 1e-5);
        }
        assertEquals(29, avg.updates());
    }
}
