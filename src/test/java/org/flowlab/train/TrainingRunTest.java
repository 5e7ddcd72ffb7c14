package org.flowlab.train;

import static org.flowlab.testing.Fixtures.await;
import static org.flowlab.testing.Fixtures.quick;
import static org.flowlab.testing.Fixtures.smallMlp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.flowlab.compute.ComputeThread;
import org.flowlab.density.PointSampler;
import org.flowlab.density.Preset;
import org.flowlab.flow.FlowSampler;
import org.flowlab.nn.Network;
import org.flowlab.nn.NetworkDivergence;
import org.flowlab.nn.WeightsSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The run controller: control from any thread without waiting, snapshots, failures; and the serialized compute
 * mode CUDA uses (forced on the CPU), where the run serves other threads' evaluations between two steps.
 */
class TrainingRunTest {

    private static TrainingRun run(ComputeThread c, long seed, TrainingConfig tc, PointSampler target) {
        return new TrainingRun(FlowMatchingTrainer.fresh(c, smallMlp(seed), tc, target));
    }

    private static TrainingSnapshot trainToEnd(ComputeThread c, TrainingConfig tc) throws InterruptedException {
        try (TrainingRun t = run(c, 4, tc, Preset.MOONS)) {
            t.start();
            assertTrue(t.awaitTermination(120, TimeUnit.SECONDS));
            return t.latest();
        }
    }

    @Test
    void pauseResumeAndANonBlockingStop() throws Exception {
        try (TrainingRun t = run(ComputeThread.direct(), 1, quick(0), Preset.MOONS)) {
            assertEquals(TrainingState.READY, t.latest().state());
            t.start();
            await(() -> t.latest().step() >= 20, "20 steps");
            t.pause();
            await(() -> t.latest().state() == TrainingState.PAUSED, "pause");
            long pausedAt = t.latest().step();
            assertEquals(TrainingState.PAUSED, t.state());
            t.start();
            await(() -> t.latest().step() > pausedAt + 10, "steps after resume");
            CompletableFuture<TrainingSnapshot> stopped = t.stop();
            TrainingSnapshot end = stopped.get(60, TimeUnit.SECONDS);
            assertEquals(TrainingState.STOPPED, end.state());
            assertEquals(end, t.latest(), "the future carries the final snapshot");
            long stoppedAt = end.step();
            t.start();
            await(() -> t.latest().step() > stoppedAt, "continue after stop");
            t.pause();
            await(() -> t.state() == TrainingState.PAUSED, "pause again");
            TrainingSnapshot fromPause = t.stop().get(1, TimeUnit.SECONDS);
            assertEquals(TrainingState.STOPPED, fromPause.state(), "a paused run becomes stopped at once");
        }
    }

    @Test
    void stopReturnsBeforeTheRunEnds() throws Exception {
        // A target that blocks until released keeps the run inside a step: stop() must still return at once.
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        PointSampler slow = (n, rng, out) -> {
            if (n == 128 && calls.incrementAndGet() == 5) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Preset.MOONS.sample(n, rng, out);
        };
        try (TrainingRun t = run(ComputeThread.direct(), 1, quick(0), slow)) {
            t.start();
            await(() -> calls.get() >= 5, "the run is inside its slow step");
            CompletableFuture<TrainingSnapshot> f = t.stop();
            assertTrue(!f.isDone(), "the run is still in its step, and stop() did not wait for it");
            release.countDown();
            assertEquals(TrainingState.STOPPED, f.get(60, TimeUnit.SECONDS).state());
        }
    }

    @Test
    void aFailingListenerDoesNotStopTraining() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        try (TrainingRun t = run(ComputeThread.direct(), 1, quick(40), Preset.MOONS)) {
            t.addListener(s -> {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            });
            t.start();
            assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
            assertEquals(TrainingState.FINISHED, t.latest().state());
            assertEquals(40, t.latest().step());
            assertTrue(calls.get() >= 1);
        }
    }

    @Test
    void aNonFiniteLossEndsTheRunInFailedWithTheLastGoodWeights() throws InterruptedException {
        int[] calls = {0};
        PointSampler poisoned = (n, rng, out) -> {
            Preset.MOONS.sample(n, rng, out);
            if (n == 128 && ++calls[0] > 25) {
                Arrays.fill(out, Float.NaN);
            }
        };
        try (TrainingRun t = run(ComputeThread.direct(), 1, quick(0), poisoned)) {
            t.start();
            assertTrue(t.awaitTermination(60, TimeUnit.SECONDS));
            TrainingSnapshot s = t.latest();
            assertEquals(TrainingState.FAILED, s.state());
            assertTrue(s.message().contains("loss became NaN"), s.message());
            assertTrue(s.weights().allFinite(), "weights are the last finite ones");
            assertTrue(s.step() <= 25, "no step past the last good one is claimed");
        }
    }

    @Test
    void snapshotsCarryWeightsThatSampleOnAnotherThread() throws InterruptedException {
        TrainingSnapshot s = trainToEnd(ComputeThread.direct(), quick(10));
        Network copy = Network.of(ComputeThread.direct(), s.weights());
        assertArrayEquals(s.weights().params(), copy.snapshot(10, false).params());
        FlowSampler.Result r = FlowSampler.sample(copy, org.flowlab.ode.Solvers.create("euler", 5), 100, 1, true);
        assertEquals(200, r.samples().length);
        assertEquals(6, r.trajectory().points());
    }

    @Test
    void serializedRunOwnsTheComputeThreadAndServesSamplersBetweenSteps() throws Exception {
        ComputeThread device = ComputeThread.serial("test-device");
        Set<String> publishers = ConcurrentHashMap.newKeySet();
        AtomicInteger servedWhileRunning = new AtomicInteger();
        AtomicReference<Throwable> samplerFailure = new AtomicReference<>();
        try (TrainingRun t = run(device, 3, quick(0), Preset.MOONS)) {
            t.addListener(s -> publishers.add(Thread.currentThread().getName()));
            t.start();
            Thread sampler = new Thread(() -> {
                try {
                    double[] x = FlowSampler.noise(300, 5);
                    double[] v = new double[x.length];
                    double[] div = new double[300];
                    while (servedWhileRunning.get() < 5) {
                        WeightsSnapshot w = t.latest().weights();
                        Network.of(device, w).evaluate(0.3, x, 300, v);
                        new NetworkDivergence(Network.of(device, w)).velocityAndDivergence(0.7, x, 300, v, div);
                        if (t.state() == TrainingState.RUNNING) {
                            servedWhileRunning.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    samplerFailure.set(e);
                }
            }, "test-sampler");
            sampler.start();
            sampler.join(TimeUnit.SECONDS.toMillis(120));
            long before = t.latest().step();
            await(() -> t.latest().step() > before, "training goes on after the sampler");
            assertEquals(TrainingState.STOPPED, t.stop().get(60, TimeUnit.SECONDS).state());
        }
        assertNull(samplerFailure.get(), "the sampler's evaluations were served");
        assertEquals(5, servedWhileRunning.get(), "evaluations were served while training ran");
        assertEquals(Set.of("test-device"), publishers, "the run ran on the compute thread");
    }

    @Test
    void sameSeedsGiveTheSameNumbersInBothModes() throws InterruptedException {
        TrainingSnapshot direct = trainToEnd(ComputeThread.direct(), quick(30));
        TrainingSnapshot serial = trainToEnd(ComputeThread.serial("test-device"), quick(30));
        assertEquals(TrainingState.FINISHED, serial.state());
        assertArrayEquals(direct.trainLoss().valuesCopy(), serial.trainLoss().valuesCopy());
        assertArrayEquals(direct.weights().params(), serial.weights().params());
    }

    @Test
    void aPausedSerializedRunFreesTheComputeThread() throws Exception {
        ComputeThread device = ComputeThread.serial("test-device");
        try (TrainingRun t = run(device, 1, quick(0), Preset.MOONS)) {
            t.start();
            await(() -> t.latest().step() >= 20, "20 steps");
            t.pause();
            await(() -> t.state() == TrainingState.PAUSED, "pause");
            long pausedAt = t.latest().step();
            double[] v = new double[2];
            Network.of(device, t.latest().weights()).evaluate(1, new double[]{0.5, 0.5}, 1, v);
            assertEquals(pausedAt, t.latest().step(), "no steps while paused");
            t.start();
            await(() -> t.latest().step() > pausedAt + 10, "steps after resume");
            assertEquals(TrainingState.STOPPED, t.stop().get(60, TimeUnit.SECONDS).state());
        }
    }
}
