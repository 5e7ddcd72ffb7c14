package org.flowlab.likelihood;

import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkDivergence;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.Network;
import org.flowlab.compute.ComputeThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The change-of-variables density against closed forms, and the network divergence against finite differences. */
class LogDensityTest {

    /**
     * The OT path between N(0, I) and N(μ, diag(s²)) with independent coupling has Gaussian marginals
     * N(tμ, diag(σ_t²)), σ_t² = (1−t)² + t²s², transported by the affine field
     * v(x, t) = μ + (σ_t'/σ_t)(x − tμ), σ_t' = (t·s² − (1 − t))/σ_t, whose divergence Σ_d σ'_{t,d}/σ_{t,d}
     * does not depend on x.
     */
    static final double[] MU = {1.5, -0.7};
    static final double[] S = {0.5, 1.8};

    static DivergenceField gaussianTransport() {
        return (t, x, n, v, div) -> {
            double d = 0;
            double[] rate = new double[2];
            for (int k = 0; k < 2; k++) {
                double var = (1 - t) * (1 - t) + t * t * S[k] * S[k];
                rate[k] = (t * S[k] * S[k] - (1 - t)) / var;
                d += rate[k];
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 2; k++) {
                    v[2 * i + k] = MU[k] + rate[k] * (x[2 * i + k] - t * MU[k]);
                }
                div[i] = d;
            }
        };
    }

    static double exactLogP1(double x, double y) {
        double zx = (x - MU[0]) / S[0];
        double zy = (y - MU[1]) / S[1];
        return -Math.log(2 * Math.PI) - Math.log(S[0] * S[1]) - 0.5 * (zx * zx + zy * zy);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rk4", "dopri5", "tsit5"})
    void matchesTheAnalyticGaussianDensity(String solverName) {
        OdeSolver solver = solverName.equals("rk4") ? Solvers.create("rk4", 100)
                : Solvers.create(solverName, 0, 1e-8, 1e-8);
        SplittableRandom r = new SplittableRandom(3);
        int n = 200;
        double[] pts = new double[2 * n];
        for (int i = 0; i < n; i++) {
            pts[2 * i] = MU[0] + 1.5 * S[0] * r.nextGaussian();
            pts[2 * i + 1] = MU[1] + 1.5 * S[1] * r.nextGaussian();
        }
        double[] logp = LogDensity.logDensity(gaussianTransport(), solver, pts, n, 1.0);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(logp[i] - exactLogP1(pts[2 * i], pts[2 * i + 1])));
        }
        assertTrue(worst < 1e-3, solverName + ": worst error " + worst + " nats");
    }

    @Test
    void logDensityAtIntermediateTimesAndAtZero() {
        double[] p = {0.3, -0.4};
        double t = 0.4;
        double[] logp = LogDensity.logDensity(gaussianTransport(), Solvers.create("rk4", 100), p, 1, t);
        double expected = 0;
        for (int k = 0; k < 2; k++) {
            double var = (1 - t) * (1 - t) + t * t * S[k] * S[k];
            double z = p[k] - t * MU[k];
            expected += -0.5 * Math.log(2 * Math.PI * var) - 0.5 * z * z / var;
        }
        assertEquals(expected, logp[0], 1e-6);
        double[] at0 = LogDensity.logDensity(gaussianTransport(), Solvers.create("rk4", 10), p, 1, 0);
        assertEquals(-Math.log(2 * Math.PI) - 0.5 * (0.09 + 0.16), at0[0], 1e-12, "t = 0 is the prior");
    }

    @Test
    void timesOutsideTheUnitIntervalAreRefusedNotSilentlyTreatedAsZero() {
        double[] p = {0.3, -0.4};
        for (double t : new double[]{Double.NaN, -0.1, 1.5, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> LogDensity.logDensity(gaussianTransport(), Solvers.create("rk4", 4), p, 1, t));
            assertTrue(e.getMessage().contains("t must be in [0, 1]"), e.getMessage());
        }
    }

    @Test
    void exactNetworkDivergenceMatchesFiniteDifferences() {
        Network net = Network.build(ComputeThread.direct(), ModelConfig.referenceMlp(11).withWidths(new int[]{64, 64, 64}), 1e-3);
        NetworkDivergence nd = new NetworkDivergence(net);
        assertTrue(nd.exact());
        SplittableRandom r = new SplittableRandom(5);
        int n = 64;
        double[] x = new double[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * r.nextGaussian();
        }
        for (double t : new double[]{0.0, 0.37, 0.9}) {
            double[] v = new double[2 * n];
            double[] div = new double[n];
            nd.velocityAndDivergence(t, x, n, v, div);
            // Central differences of the network in double-precision inputs, h = 1e-2 (float network).
            double h = 1e-2;
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                double fd = 0;
                for (int k = 0; k < 2; k++) {
                    double[] plus = {x[2 * i], x[2 * i + 1]};
                    double[] minus = {x[2 * i], x[2 * i + 1]};
                    plus[k] += h;
                    minus[k] -= h;
                    fd += (velocity(net, plus, t)[k] - velocity(net, minus, t)[k]) / (2 * h);
                }
                worst = Math.max(worst, Math.abs(fd - div[i]));
                scale = Math.max(scale, Math.abs(fd));
            }
            assertTrue(scale > 1e-2, "the divergence is not trivially zero");
            assertTrue(worst < 2e-3 * Math.max(1, scale), "t=" + t + ": worst " + worst + " (scale " + scale + ")");
        }
    }

    private static double[] velocity(Network net, double[] p, double t) {
        double[] v = new double[2];
        net.evaluate(t, p, 1, v);
        return v;
    }

    @Test
    void uNetDivergenceIsAFiniteDifferenceOfTheSameField() {
        Network net = Network.build(ComputeThread.direct(),
                new ModelConfig(NetworkKind.UNET, new int[]{16, 32, 16}, 8, 3, "ot", 2), 1e-3);
        NetworkDivergence nd = new NetworkDivergence(net);
        assertFalse(nd.exact());
        double[] x = {0.5, -0.25, -1.0, 2.0, 1.7, 0.3};
        double[] v = new double[6];
        double[] div = new double[3];
        nd.velocityAndDivergence(0.5, x, 3, v, div);
        double scale = 0;
        for (int i = 0; i < 3; i++) {
            // An independent central difference with a larger step agrees to O(h²) + float rounding.
            double h = 1e-2;
            double fd = 0;
            for (int k = 0; k < 2; k++) {
                double[] plus = {x[2 * i], x[2 * i + 1]};
                double[] minus = {x[2 * i], x[2 * i + 1]};
                plus[k] += h;
                minus[k] -= h;
                fd += (velocity(net, plus, 0.5)[k] - velocity(net, minus, 0.5)[k]) / (2 * h);
            }
            scale = Math.max(scale, Math.abs(fd));
            assertEquals(fd, div[i], 5e-3 * Math.max(1, Math.abs(fd)), "point " + i);
            assertEquals(velocity(net, new double[]{x[2 * i], x[2 * i + 1]}, 0.5)[0], v[2 * i], 1e-6);
        }
        assertTrue(scale > 1e-3, "the divergence is not trivially zero");
    }
}
