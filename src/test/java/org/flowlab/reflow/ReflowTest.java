package org.flowlab.reflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.compute.ComputeThread;
import org.flowlab.density.Preset;
import org.flowlab.flow.FlowSampler;
import org.flowlab.metrics.SlicedWasserstein;
import org.flowlab.metrics.Straightness;
import org.flowlab.nfe.NfeLab;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.Network;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.Solvers;
import org.flowlab.train.FixedPairs;
import org.flowlab.train.FlowMatchingTrainer;
import org.flowlab.train.TrainingConfig;
import org.flowlab.train.TrainingState;
import org.junit.jupiter.api.Test;

/**
 * Rectified flow on two moons, end to end with a small net (3 × 64, fixed seeds): one round straightens the flow
 * and makes one Euler step usable. The same trained model checks the NFE table's orders on a network field.
 */
class ReflowTest {

    static double oneStepSw2(WeightsSnapshot w, float[] target) {
        return SlicedWasserstein.distance(FlowSampler.sample(Network.of(ComputeThread.direct(), w),
                Solvers.create("euler", 1), 2000, 7, false).samples(), target);
    }

    @Test
    void oneRoundStraightensTwoMoonsAndMakesOneEulerStepWork() {
        ComputeThread compute = ComputeThread.direct();
        ModelConfig mc = ModelConfig.referenceMlp(0).withWidths(new int[]{64, 64, 64});
        FlowMatchingTrainer base = FlowMatchingTrainer.fresh(compute, mc, TrainingConfig.defaults(1).withMaxSteps(2000),
                Preset.MOONS);
        while (!base.finished()) {
            base.step();
        }
        WeightsSnapshot before = base.snapshot(TrainingState.FINISHED, 0, null).display();
        float[] target = Preset.MOONS.sample(2000, new SplittableRandom(101));

        // The NFE table on a trained network: each fixed-step solver's error falls at its order, until the float32
        // network's own noise (≈ 5e-8) — measured slopes −1.00, −2.04, −2.12, −3.9.
        NfeLab.Result nfe = NfeLab.run("moons", Network.of(compute, before), NfeLab.settings(
                List.of("euler", "midpoint", "heun", "rk4"), new int[]{1, 2, 4, 8, 16, 32, 64}, new double[0]), 500,
                5, target, (d, t) -> { });
        for (var e : Map.of("euler", 1, "midpoint", 2, "heun", 2, "rk4", 4).entrySet()) {
            double slope = NfeLab.slope(nfe.rows().stream().filter(r -> r.setting().steps() >= 8).toList(),
                    e.getKey(), 2e-7, 1);
            assertEquals(-e.getValue(), slope, 0.3, e.getKey() + " on the trained model");
        }

        List<String> phases = new ArrayList<>();
        Reflow.Settings settings = new Reflow.Settings(5000, 11, "dopri5", 0, 1e-5,
                TrainingConfig.defaults(2).withLearningRate(1e-3).withMaxSteps(1000));
        Reflow.Round round = Reflow.round(compute, before, settings, 1, (phase, done, total) -> {
            if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase.name())) {
                phases.add(phase.name());
            }
            assertTrue(done >= 0 && done <= total);
        });
        assertEquals(List.of("PAIRS", "TRAINING"), phases, "pair generation, then training");
        assertEquals(5000, round.pairs().size());
        assertEquals(1000, round.end().step());
        WeightsSnapshot after = round.display();

        Straightness s0 = Straightness.measure(Network.of(compute, before), 1000, 3, Straightness.DEFAULT_STEPS);
        Straightness s1 = Straightness.measure(Network.of(compute, after), 1000, 3, Straightness.DEFAULT_STEPS);
        double sw0 = oneStepSw2(before, target);
        double sw1 = oneStepSw2(after, target);
        System.out.printf("reflow on two moons: straightness %.4f → %.4f; one-step Euler SW₂ %.4f → %.4f%n",
                s0.straightness(), s1.straightness(), sw0, sw1);
        // Measured: straightness 0.8455 → 0.0051, one-step SW₂ 0.993 → 0.080 (12×). The bound asked for is 2×.
        assertTrue(s1.straightness() < 0.5 * s0.straightness(), "straighter: " + s0 + " → " + s1);
        assertTrue(sw1 <= 0.5 * sw0, "one Euler step at least twice as good: " + sw0 + " → " + sw1);
    }

    @Test
    void pairsAreSeededAndBadSettingsAreRefused() {
        Network net = Network.build(ComputeThread.direct(), ModelConfig.referenceMlp(3).withWidths(new int[]{16}),
                1e-3);
        FixedPairs a = Reflow.pairs(net, 3000, 4, Solvers.create("rk4", 4), Reflow.Progress.NONE, null);
        FixedPairs b = Reflow.pairs(net, 3000, 4, Solvers.create("rk4", 4), Reflow.Progress.NONE, null);
        assertArrayEquals(a.targets(), b.targets());
        assertArrayEquals(FlowSampler.toFloat(FlowSampler.noise(3000, 4)), a.noise(), "the noise of the seed");
        TrainingConfig tc = TrainingConfig.defaults(1).withMaxSteps(10);
        assertThrows(IllegalArgumentException.class, () -> new Reflow.Settings(0, 1, "dopri5", 0, 1e-5, tc));
        assertThrows(IllegalArgumentException.class, () -> new Reflow.Settings(10, 1, "rk45", 0, 1e-5, tc));
        assertThrows(IllegalArgumentException.class,
                () -> new Reflow.Settings(10, 1, "dopri5", 0, 1e-5, tc.withCoupling("ot")));
        assertThrows(IllegalArgumentException.class, () -> Reflow.rounds(ComputeThread.direct(),
                Network.initialWeights(ComputeThread.direct(), ModelConfig.referenceMlp(3).withWidths(new int[]{16})),
                Reflow.Settings.defaults(10, 5, 1), 0, Reflow.Progress.NONE));
    }
}
