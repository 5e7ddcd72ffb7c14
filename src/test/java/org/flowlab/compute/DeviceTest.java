package org.flowlab.compute;

import org.flowlab.nn.FlowSampler;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkDivergence;
import org.flowlab.nn.NetworkVectorField;
import org.flowlab.nn.Networks;
import org.flowlab.nn.VelocityNet;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.Trainer;
import org.flowlab.testing.Fixtures;
import org.flowlab.train.TrainingConfig;
import org.flowlab.train.TrainingSnapshot;
import org.flowlab.train.TrainingState;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.flowlab.density.Preset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The single-owner device mode that CUDA uses, forced on the CPU: every network is built, trained and
 * evaluated on {@link Device#THREAD_NAME}, samplers on other threads get their evaluations served between
 * training steps, and the numbers are the same as in the direct mode.
 */
class DeviceTest {

    @AfterEach
    void backToTheBackendsChoice() {
        Device.force(null);
    }

    @Test
    void serializedModeRejectsNetworkWorkOffTheDeviceThread() {
        Device.force(true);
        ModelConfig mc = Fixtures.smallMlp(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Networks.build(mc, 1e-3));
        assertTrue(e.getMessage().contains(Device.THREAD_NAME), e.getMessage());

        VelocityNet net = WeightsSnapshot.initial(mc).instantiate();
        assertThrows(IllegalStateException.class, net::params, "the instance belongs to the device thread");
        double[] v = new double[4];
        new NetworkVectorField(net).evaluate(0.5, new double[]{0, 0, 1, -1}, 2, v);
        for (double c : v) {
            assertTrue(Double.isFinite(c));
        }
        assertEquals(Device.THREAD_NAME, Device.call(() -> Thread.currentThread().getName()));
        Device.force(false);
        assertEquals(Thread.currentThread().getName(), Device.call(() -> Thread.currentThread().getName()),
                "direct mode runs on the caller");
    }

    @Test
    void trainerOwnsTheDeviceAndServesSamplersBetweenSteps() throws Exception {
        Device.force(true);
        Set<String> publishers = ConcurrentHashMap.newKeySet();
        AtomicInteger servedWhileRunning = new AtomicInteger();
        AtomicReference<Throwable> samplerFailure = new AtomicReference<>();
        try (Trainer t = new Trainer(Fixtures.smallMlp(3), Fixtures.quick(0), Preset.MOONS)) {
            t.addListener(s -> publishers.add(Thread.currentThread().getName()));
            t.start();
            Thread sampler = new Thread(() -> {
                try {
                    double[] x = FlowSampler.noise(300, 5);
                    double[] v = new double[x.length];
                    double[] div = new double[300];
                    while (servedWhileRunning.get() < 5) {
                        WeightsSnapshot w = t.latest().weights();
                        new NetworkVectorField(w.instantiate()).evaluate(0.3, x, 300, v);
                        new NetworkDivergence(w.instantiate()).velocityAndDivergence(0.7, x, 300, v, div);
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
            Fixtures.await(() -> t.latest().step() > before, "training goes on after the sampler");
            t.stop();
            assertEquals(TrainingState.STOPPED, t.state());
        }
        assertEquals(null, samplerFailure.get(), "the sampler's evaluations were routed");
        assertEquals(5, servedWhileRunning.get(), "evaluations were served while training ran");
        assertEquals(Set.of(Device.THREAD_NAME), publishers, "the trainer ran on the device thread");
    }

    @Test
    void sameSeedsGiveTheSameNumbersInBothModes() throws InterruptedException {
        Device.force(false);
        TrainingSnapshot direct = train(Fixtures.quick(30));
        Device.force(true);
        TrainingSnapshot serial = train(Fixtures.quick(30));
        assertEquals(TrainingState.FINISHED, serial.state());
        assertArrayEquals(direct.trainLoss().valuesCopy(), serial.trainLoss().valuesCopy());
        assertArrayEquals(direct.weights().params(), serial.weights().params());
    }

    @Test
    void aPausedTrainerFreesTheDeviceAndResumesWhereItStopped() {
        Device.force(true);
        try (Trainer t = new Trainer(Fixtures.smallMlp(1), Fixtures.quick(0), Preset.MOONS)) {
            t.start();
            Fixtures.await(() -> t.latest().step() >= 20, "20 steps");
            t.pause();
            Fixtures.await(() -> t.state() == TrainingState.PAUSED, "pause");
            long pausedAt = t.latest().step();
            double[] v = new double[2];
            new NetworkVectorField(t.latest().weights().instantiate()).evaluate(1, new double[]{0.5, 0.5}, 1, v);
            assertEquals(pausedAt, t.latest().step(), "no steps while paused");
            t.resume();
            Fixtures.await(() -> t.latest().step() > pausedAt + 10, "steps after resume");
            t.pause();
            Fixtures.await(() -> t.state() == TrainingState.PAUSED, "second pause");
            t.stop();
            assertEquals(TrainingState.STOPPED, t.latest().state());
            assertEquals(TrainingState.STOPPED, t.state());
        }
    }

    private static TrainingSnapshot train(TrainingConfig tc) throws InterruptedException {
        try (Trainer t = new Trainer(Fixtures.smallMlp(4), tc, Preset.MOONS)) {
            t.start();
            assertTrue(t.awaitTermination(120, TimeUnit.SECONDS));
            return t.latest();
        }
    }
}
