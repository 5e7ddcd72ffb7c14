package org.flowlab.nn;

import org.flowlab.flow.FlowSampler;

import org.flowlab.likelihood.LogDensity;
import org.flowlab.train.FlowMatchingTrainer;
import org.flowlab.compute.ComputeThread;
import org.flowlab.train.TrainingConfig;
import org.flowlab.train.TrainingSnapshot;
import org.flowlab.train.TrainingState;

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
        FlowMatchingTrainer t = FlowMatchingTrainer.fresh(ComputeThread.direct(), ModelConfig.referenceMlp(0), tc,
                target);
        while (!t.finished()) {
            t.step();
        }
        end = t.snapshot(TrainingState.FINISHED, 0, null);
        assertEquals(TrainingState.FINISHED, end.state(), String.valueOf(end.message()));

        float[] ref = target.sample(N, new SplittableRandom(101));
        float[] other = target.sample(N, new SplittableRandom(202));
        double floor = SlicedWasserstein.distance(ref, other);
        float[] samples = FlowSampler.sample(Network.of(ComputeThread.direct(), end.weights()), Solvers.create("euler", 100), N, 7, false)
                .samples();
        double sw = SlicedWasserstein.distance(samples, ref);
        float[] noise = FlowSampler.toFloat(FlowSampler.noise(N, 7));
        double untrained = SlicedWasserstein.distance(noise, ref);
        System.out.printf("quality: SW2 model %.4f, noise floor %.4f (ratio %.2f), noise %.4f%n",
                sw, floor, sw / floor, untrained);
        assertTrue(sw < BOUND * floor, "SW2 " + sw + " exceeds " + BOUND + " × floor " + floor);
        assertTrue(untrained > 10 * floor, "the metric separates noise from data");

        // The learned density: integrates to one, and explains held-out data better than the alternatives.
        Network trained = Network.of(ComputeThread.direct(), end.weights());
        NetworkDivergence div = new NetworkDivergence(trained);
        int g = 120;
        long t0 = System.nanoTime();
        double[] logp = LogDensity.grid(div, Solvers.create("rk4", 10), g, 4.0, 1.0,
                org.flowlab.ode.OdeObserver.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cellArea = (8.0 / g) * (8.0 / g);
        double mass = 0;
        for (double l : logp) {
            mass += Math.exp(l) * cellArea;
        }
        float[] heldOut = target.sample(1000, new SplittableRandom(303));
        double nll = LogDensity.meanNll(div, Solvers.create("rk4", 10), heldOut);
        Network fresh = Network.build(ComputeThread.direct(), ModelConfig.referenceMlp(0), 1e-3);
        double nllUntrained = LogDensity.meanNll(new NetworkDivergence(fresh), Solvers.create("rk4", 10), heldOut);
        double nllGaussian = 0;
        for (int i = 0; i < 1000; i++) {
            double x = heldOut[2 * i];
            double y = heldOut[2 * i + 1];
            nllGaussian += Math.log(2 * Math.PI) + 0.5 * (x * x + y * y);
        }
        nllGaussian /= 1000;
        System.out.printf("density: ∫p over [-4,4]² (%d² grid, RK4×10) = %.4f in %.1f s; held-out NLL %.3f nats "
                + "(untrained %.3f, N(0,I) %.3f)%n", g, mass, seconds, nll, nllUntrained, nllGaussian);
        assertEquals(1.0, mass, 0.05, "the learned density integrates to one");
        assertTrue(nll < nllUntrained - 0.3, "trained NLL " + nll + " vs untrained " + nllUntrained);
        assertTrue(nll < nllGaussian - 0.3, "trained NLL " + nll + " vs N(0, I) " + nllGaussian);
    }
}
