package org.flowlab.marginal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.flowlab.density.Preset;
import org.flowlab.flow.FlowSampler;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.ode.Solvers;
import org.junit.jupiter.api.Test;

/** The exact field of N training points carries noise onto those points. */
class MemorisationLensTest {

    static final int PARTICLES = 400;

    static double meanDistance(MemorisationLens lens, String solver, int steps) {
        FlowSampler.Result r = FlowSampler.sample(lens.field(), Solvers.create(solver, steps), PARTICLES, 11, false);
        return Arrays.stream(lens.nearestDistances(r.samples(), PARTICLES)).average().orElseThrow();
    }

    /** log2 of the error ratio per doubling of the steps, from a to 4a steps. */
    static double order(MemorisationLens lens, String solver, int a) {
        return Math.log(meanDistance(lens, solver, a) / meanDistance(lens, solver, 4 * a)) / Math.log(4);
    }

    /**
     * OT, Euler and midpoint (no stage at t = 1): the distance to the nearest training point falls faster than any
     * power (the posterior sharpens as the steps shrink) and is 0 in float at 128 steps: an Euler step from
     * t = 1 − h lands on the posterior mean. Measured (16 moons points, 400 particles): Euler 5.6e-2, 1.6e-2,
     * 3.0e-3, 2.0e-4, 0 at 8 … 128 steps.
     */
    @Test
    void otEulerAndMidpointLandOnTheTrainingPoints() {
        MemorisationLens lens = MemorisationLens.of(Preset.MOONS, 16, 3, ProbabilityPath.byId("ot"));
        for (String solver : new String[]{"euler", "midpoint"}) {
            double prev = Double.POSITIVE_INFINITY;
            for (int steps : new int[]{8, 16, 32, 64}) {
                double d = meanDistance(lens, solver, steps);
                assertTrue(d < prev / 2, solver + " " + steps + " steps: " + d + " after " + prev);
                prev = d;
            }
            assertTrue(order(lens, solver, 16) > 2, solver + ": faster than first order");
            assertEquals(0, meanDistance(lens, solver, 128), 1e-6, solver);
        }
    }

    /**
     * Solvers with a stage at t = 1 (Heun, RK4) meet the singular end of the field (PathTerms' convention there),
     * so they converge at first order: measured 1.00 for both between 32 and 128 steps on OT. VP converges at
     * order ½ (σ_t ∝ √(1 − t) near data, so the last step only halves the distance; measured 0.5–0.6).
     */
    @Test
    void convergenceOrdersOfTheOtherSolversAndPaths() {
        MemorisationLens ot = MemorisationLens.of(Preset.MOONS, 16, 3, ProbabilityPath.byId("ot"));
        for (String solver : new String[]{"heun", "rk4"}) {
            double p = order(ot, solver, 32);
            assertEquals(1.0, p, 0.15, solver + " order on OT");
        }
        MemorisationLens vp = MemorisationLens.of(Preset.MOONS, 16, 3, ProbabilityPath.byId("vp"));
        double p = order(vp, "euler", 64);
        assertEquals(0.55, p, 0.2, "Euler on VP");
        // σ_min keeps σ_min of noise at t = 1: particles end σ_min·E|x0| ≈ 1.25e-4 from the points.
        MemorisationLens sm = MemorisationLens.of(Preset.MOONS, 16, 3, ProbabilityPath.byId("sigma-min"));
        double d = meanDistance(sm, "euler", 256);
        assertEquals(1.25e-4, d, 0.4e-4, "σ_min floor");
    }

    @Test
    void sameSeedSameTrainingSet() {
        MemorisationLens a = MemorisationLens.of(Preset.RINGS, 32, 9, ProbabilityPath.byId("ot"));
        MemorisationLens b = MemorisationLens.of(Preset.RINGS, 32, 9, ProbabilityPath.byId("ot"));
        assertArrayEquals(a.trainingPoints(), b.trainingPoints());
        assertEquals(32, a.size());
        float[] pts = a.trainingPoints();
        assertEquals(0, a.nearestDistances(pts, 32)[7], 0);
        assertThrows(IllegalArgumentException.class, () -> MemorisationLens.of(Preset.RINGS, 0, 9,
                ProbabilityPath.byId("ot")));
    }

    /** The exact nearest distance of Target against brute force, including points far outside the bins. */
    @Test
    void nearestDistanceIsExact() {
        float[] pts = Preset.SPIRAL.sample(500, new java.util.SplittableRandom(1));
        Target t = Target.ofPoints(pts, 500);
        double[] q = new java.util.SplittableRandom(2).doubles(2 * 300, -9, 9).toArray();
        for (int k = 0; k < 300; k++) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < 500; i++) {
                best = Math.min(best, Math.hypot(pts[2 * i] - q[2 * k], pts[2 * i + 1] - q[2 * k + 1]));
            }
            assertEquals(best, t.nearestDistance(q[2 * k], q[2 * k + 1]), 1e-12);
        }
    }
}
