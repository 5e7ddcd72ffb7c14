package org.flowlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.density.GridSampler;
import org.flowlab.density.Preset;
import org.flowlab.metrics.SlicedWasserstein;
import org.flowlab.ode.Solvers;
import org.junit.jupiter.api.Test;

/**
 * End-to-end oracle: the reference MLP trained on two moons, sampled with 100 Euler steps, lands within a
 * small multiple of the noise floor (SW₂ between two independent target draws of the same size).
 * Bound chosen from measurement: see README ("Quality test").
 */
class FlowMatchingQualityTest {

    static final int N = 4000;
    static final double BOUND = 4.0;

    @Test
    void trainedMoonsModelMatchesTheTarget() throws InterruptedException {
        DensityGrid grid = new DensityGrid();
        DensitySources.preset(grid, Preset.MOONS);
        GridSampler target = grid.sampler();
        TrainingConfig tc = new TrainingConfig(256, 1e-3, 3000, 0, 1024, 500, 200);
        TrainingSnapshot end;
        try (Trainer t = new Trainer(ModelConfig.referenceMlp(0), tc, target)) {
            t.start();
            assertTrue(t.awaitTermination(15, TimeUnit.MINUTES));
            end = t.latest();
        }
        assertEquals(TrainingState.FINISHED, end.state(), String.valueOf(end.message()));

        float[] ref = target.sample(N, new SplittableRandom(101));
        float[] other = target.sample(N, new SplittableRandom(202));
        double floor = SlicedWasserstein.distance(ref, other);
        float[] samples = FlowSampler.sample(end.weights().instantiate(), Solvers.create("euler", 100), N, 7, false)
                .samples();
        double sw = SlicedWasserstein.distance(samples, ref);
        float[] noise = FlowSampler.toFloat(FlowSampler.noise(N, 7));
        double untrained = SlicedWasserstein.distance(noise, ref);
        System.out.printf("quality: SW2 model %.4f, noise floor %.4f (ratio %.2f), noise %.4f%n",
                sw, floor, sw / floor, untrained);
        assertTrue(sw < BOUND * floor, "SW2 " + sw + " exceeds " + BOUND + " × floor " + floor);
        assertTrue(untrained > 10 * floor, "the metric separates noise from data");
    }
}
