package org.flowlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flowlab.compute.ComputeThread;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward-mode divergence ({@link MlpTangents}, behind {@link NetworkDivergence}) against the divergence FlowLab
 * computed before — DL4J's own backprop through a twin network ({@link TwinNetworkDivergence}) — and its velocity
 * against the network's prediction. Both sides are float computations of the same derivative in other orders, so
 * they agree to float rounding (≈ 1e-6 relative); a wrong term (a missing SiLU′, a swapped tangent, a bias added
 * to a tangent) moves the divergence by far more. LogDensityTest checks the same divergence against finite
 * differences.
 */
class MlpTangentsTest {

    private static double[] points(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2.5 * r.nextGaussian();
        }
        return x;
    }

    @Test
    void divergenceEqualsTheTwinNetworksBackpropAndVelocityThePrediction() {
        for (int fourier : new int[]{0, 4}) {
            ModelConfig config = new ModelConfig(NetworkKind.MLP, new int[]{48, 40, 32}, fourier, 2.0, "ot", 9);
            Network net = Network.build(ComputeThread.direct(), config, 1e-3);
            // Weights away from the initial ones, so every layer matters.
            net.load(perturbed(net.snapshot(0, false), 1.0));
            int n = 5000;                    // more than one chunk of NetworkDivergence
            double[] x = points(n, fourier + 1);
            for (double t : new double[]{0.0, 0.41, 1.0}) {
                double[] v = new double[2 * n];
                double[] div = new double[n];
                new NetworkDivergence(net).velocityAndDivergence(t, x, n, v, div);
                double[] twin = new TwinNetworkDivergence(net).divergence(t, x, n);
                double[] predicted = new double[2 * n];
                net.evaluate(t, x, n, predicted);
                double scale = 0;
                for (int i = 0; i < n; i++) {
                    scale = Math.max(scale, Math.abs(twin[i]));
                }
                assertTrue(scale > 0.05, "the divergence is not trivially small: " + scale);
                for (int i = 0; i < n; i++) {
                    assertEquals(twin[i], div[i], 2e-6 * scale, "div at point " + i + ", t=" + t);
                    assertEquals(predicted[2 * i], v[2 * i], 2e-6 * (1 + Math.abs(predicted[2 * i])));
                    assertEquals(predicted[2 * i + 1], v[2 * i + 1], 2e-6 * (1 + Math.abs(predicted[2 * i + 1])));
                }
            }
        }
    }

    @Test
    void bufferKernelsGiveTheNd4jOpsDivergenceBitForBit() {
        ModelConfig config = new ModelConfig(NetworkKind.MLP, new int[]{64, 64, 64}, 0, 1.0, "ot", 4);
        MlpNet net = (MlpNet) Networks.build(config, 1e-3);
        int n = 1500;
        double[] x = points(n, 3);
        INDArray features = net.features(Network.positions(x, 0, n), Network.times(0.6, n));
        float[] v0 = new float[2 * n];
        float[] d0 = new float[n];
        new MlpTangents(net.network(), new Nd4jKernels()).evaluate(features, v0, d0);
        for (Kernels k : new Kernels[]{BufferKernels.vector().awaitWarm(), BufferKernels.SCALAR}) {
            float[] v1 = new float[2 * n];
            float[] d1 = new float[n];
            new MlpTangents(net.network(), k).evaluate(features, v1, d1);
            for (int i = 0; i < n; i++) {
                assertEquals(d0[i], d1[i], KernelsTestTolerance.of(d0[i]), k.name() + " div at " + i);
                assertEquals(v0[2 * i], v1[2 * i], KernelsTestTolerance.of(v0[2 * i]), k.name() + " v at " + i);
            }
        }
    }

    private static WeightsSnapshot perturbed(WeightsSnapshot w, double amount) {
        float[] p = w.params().clone();
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (amount * r.nextGaussian() / Math.sqrt(32));
        }
        return new WeightsSnapshot(w.config(), p, null, 0);
    }

    /** Bit for bit on Linux (libnd4j's exp is glibc's), float rounding elsewhere. */
    static final class KernelsTestTolerance {
        static double of(float expected) {
            return System.getProperty("os.name", "").toLowerCase().contains("linux") ? 0
                    : 1e-6 * Math.max(1, Math.abs(expected));
        }
    }
}
