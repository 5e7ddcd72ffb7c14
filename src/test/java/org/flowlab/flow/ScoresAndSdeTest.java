package org.flowlab.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.Solvers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The score read off the velocity, and the SDE sampler, against Gaussian closed forms. */
class ScoresAndSdeTest {

    static final double[] MU = {1.5, -0.7};
    static final double[] S = {0.5, 1.8};

    @ParameterizedTest
    @ValueSource(strings = {"ot", "sigma-min", "vp"})
    void theScoreFromTheVelocityIsTheGaussianScore(String pathId) {
        ProbabilityPath path = pathId.equals("sigma-min") ? new SigmaMinPath(0.05) : ProbabilityPath.byId(pathId);
        GaussianTarget g = new GaussianTarget(path, MU, S);
        SplittableRandom r = new SplittableRandom(2);
        int n = 50;
        for (double t : new double[]{0, 0.1, 0.5, 0.9, 0.99}) {
            double[] x = new double[2 * n];
            for (int e = 0; e < x.length; e++) {
                x[e] = 3 * r.nextGaussian();
            }
            double[] v = new double[2 * n];
            g.field().evaluate(t, x, n, v);
            double[] score = new double[2 * n];
            Scores.score(path, t, x, v, n, score);
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 2; d++) {
                    double expected = g.score(x[2 * i + d], d, t);
                    assertEquals(expected, score[2 * i + d], 1e-9 * (1 + Math.abs(expected)),
                            pathId + " at t = " + t);
                }
            }
        }
        // The closed forms the javadoc states, at one point.
        double t = 0.3;
        double[] x = {0.4, -1.1};
        double[] v = new double[2];
        g.field().evaluate(t, x, 1, v);
        double[] score = new double[2];
        Scores.score(path, t, x, v, 1, score);
        double stated = switch (pathId) {
            case "ot" -> (t * v[0] - x[0]) / (1 - t);
            case "sigma-min" -> (t * v[0] - x[0]) / (1 - (1 - 0.05) * t);
            default -> 2 * v[0] / (0.1 + (20 - 0.1) * (1 - t)) - x[0];
        };
        assertEquals(stated, score[0], 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ot", "vp"})
    void theSdeReachesTheOdesDensityOnAGaussian(String pathId) {
        ProbabilityPath path = ProbabilityPath.byId(pathId);
        GaussianTarget g = new GaussianTarget(path, MU, S);
        int n = 20_000;
        double[] x0 = FlowSampler.noise(n, 11);
        float[] ode = FlowSampler.sample(g.field(), Solvers.create("rk4", 50), x0, n, false, OdeObserver.NONE)
                .samples();
        for (double noise : new double[]{0.7, 2.0}) {
            float[] sde = SdeSampler.sample(g.field(), path, noise, 400, x0, n, 5, OdeObserver.NONE).samples();
            double moved = 0;
            for (int e = 0; e < 2 * n; e++) {
                moved += Math.abs(sde[e] - ode[e]) / (2 * n);
            }
            assertTrue(moved > 0.1, "the noise changes the paths: mean |SDE − ODE| = " + moved);
            for (float[] samples : new float[][]{ode, sde}) {
                double[] mean = new double[2];
                double[] var = new double[2];
                double cov = 0;
                for (int i = 0; i < n; i++) {
                    mean[0] += samples[2 * i] / n;
                    mean[1] += samples[2 * i + 1] / n;
                }
                for (int i = 0; i < n; i++) {
                    double dx = samples[2 * i] - mean[0];
                    double dy = samples[2 * i + 1] - mean[1];
                    var[0] += dx * dx / (n - 1);
                    var[1] += dy * dy / (n - 1);
                    cov += dx * dy / (n - 1);
                }
                // Tolerances: 4 standard errors (mean s/√n; variance √(2/n) relative; correlation 1/√n) plus
                // Euler–Maruyama's O(h) bias, measured below 1 % at 400 steps.
                double m1 = g.mean(0, 1);
                for (int d = 0; d < 2; d++) {
                    double target = d == 0 ? m1 : g.mean(1, 1);
                    assertEquals(target, mean[d], 4 * S[d] / Math.sqrt(n) + 0.01,
                            pathId + " G = " + noise + ": mean " + d);
                    assertEquals(g.variance(d, 1), var[d], g.variance(d, 1) * (4 * Math.sqrt(2.0 / n) + 0.02),
                            pathId + " G = " + noise + ": variance " + d);
                }
                assertEquals(0, cov / Math.sqrt(var[0] * var[1]), 4 / Math.sqrt(n), "uncorrelated");
            }
        }
    }

    @Test
    void noNoiseIsEulerOnTheOdeAndBadSettingsAreRefused() {
        GaussianTarget g = new GaussianTarget(new LinearPath(), MU, S);
        double[] x0 = FlowSampler.noise(100, 1);
        float[] euler = FlowSampler.sample(g.field(), Solvers.create("euler", 20), x0, 100, false, OdeObserver.NONE)
                .samples();
        FlowSampler.Result sde = SdeSampler.sample(g.field(), new LinearPath(), 0, 20, x0, 100, 9, OdeObserver.NONE);
        for (int e = 0; e < euler.length; e++) {
            assertEquals(euler[e], sde.samples()[e], 1e-6);
        }
        assertEquals(20, sde.stats().nfe());
        assertThrows(IllegalArgumentException.class,
                () -> SdeSampler.sample(g.field(), new LinearPath(), -0.5, 20, x0, 100, 9, OdeObserver.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> SdeSampler.sample(g.field(), new LinearPath(), Double.NaN, 20, x0, 100, 9, OdeObserver.NONE));
        FlowSampler.Result a = SdeSampler.sample(g.field(), new LinearPath(), 1, 20, x0, 100, 9, OdeObserver.NONE);
        FlowSampler.Result b = SdeSampler.sample(g.field(), new LinearPath(), 1, 20, x0, 100, 9, OdeObserver.NONE);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.samples(), b.samples(), "same seed, same samples");
    }
}
