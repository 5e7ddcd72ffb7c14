package org.flowlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link MlpCompute} against DL4J's own {@code MultiLayerNetwork} as the oracle: same outputs, same loss, and
 * the same parameters and Adam moments after several steps (including a learning-rate change and a resumed
 * iteration count). Float32 round-off differs between the two orders of operations, so the tolerances are
 * relative and small; a wrong sign, factor or missing term moves parameters by far more.
 */
class MlpComputeTest {

    private static ModelConfig config(int fourier) {
        return new ModelConfig(NetworkKind.MLP, new int[]{64, 48, 32}, fourier, 1.0, "ot", 7);
    }

    private static INDArray[] batch(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] t = new float[n];
        float[] u = new float[2 * n];
        for (int i = 0; i < n; i++) {
            t[i] = (float) r.nextDouble();
            for (int d = 0; d < 2; d++) {
                // Pre-activations up to ≈ ±10 so the SiLU derivative is tested in its tails too.
                x[2 * i + d] = (float) (3 * r.nextGaussian());
                u[2 * i + d] = (float) (2 * r.nextGaussian());
            }
        }
        return new INDArray[]{Nd4j.create(x, new long[]{n, 2}, DataType.FLOAT),
                Nd4j.create(t, new long[]{n, 1}, DataType.FLOAT), Nd4j.create(u, new long[]{n, 2}, DataType.FLOAT)};
    }

    private static double maxRelDiff(INDArray a, INDArray b) {
        double scale = Math.max(1e-3, b.amaxNumber().doubleValue());
        return a.sub(b).amaxNumber().doubleValue() / scale;
    }

    @Test
    void predictionAndLossMatchDl4j() {
        MlpNet net = (MlpNet) Networks.build(config(0), 1e-3);
        INDArray[] b = batch(300, 1);
        assertTrue(maxRelDiff(net.predict(b[0], b[1]), net.predictWithDl4j(b[0], b[1])) < 1e-5);
        double dl4j = net.network().score(new org.nd4j.linalg.dataset.DataSet(net.features(b[0], b[1]), b[2]), false);
        assertEquals(dl4j, net.loss(b[0], b[1], b[2]), 1e-5 * dl4j);
    }

    @Test
    void trainingStepsMatchDl4jIncludingLearningRateChangesAndResume() {
        for (int fourier : new int[]{0, 4}) {
            MlpNet ours = (MlpNet) Networks.build(config(fourier), 3e-3);
            MlpNet dl4j = (MlpNet) Networks.build(config(fourier), 3e-3);
            assertEquals(0, maxRelDiff(ours.params(), dl4j.params()));
            for (int step = 0; step < 12; step++) {
                if (step == 5) {
                    ours.setLearningRate(1e-2);
                    dl4j.setLearningRate(1e-2);
                }
                if (step == 8) {
                    // As a resumed session does: iteration counter restored, Adam state copied in.
                    ours.setIteration(100);
                    dl4j.setIteration(100);
                }
                INDArray[] b = batch(step % 2 == 0 ? 257 : 64, 10 + step);
                double lo = ours.fit(b[0], b[1], b[2]);
                double ld = dl4j.fitWithDl4j(b[0], b[1], b[2]);
                assertEquals(ld, lo, 1e-4 * ld, "loss before step " + step);
            }
            double dp = maxRelDiff(ours.params(), dl4j.params());
            double ds = maxRelDiff(ours.updaterState(), dl4j.updaterState());
            assertTrue(dp < 2e-4, "parameters differ by " + dp + " (fourier " + fourier + ")");
            assertTrue(ds < 2e-3, "Adam state differs by " + ds + " (fourier " + fourier + ")");
            // The steps moved the parameters far more than the tolerance.
            MlpNet fresh = (MlpNet) Networks.build(config(fourier), 3e-3);
            assertTrue(maxRelDiff(ours.params(), fresh.params()) > 100 * dp + 1e-3);
        }
    }

    @Test
    void changingTheBatchSizeReusesNothingStale() {
        MlpNet net = (MlpNet) Networks.build(config(0), 1e-3);
        INDArray[] small = batch(5, 3);
        INDArray[] big = batch(400, 4);
        INDArray first = net.predict(small[0], small[1]);
        net.predict(big[0], big[1]);
        assertEquals(0, maxRelDiff(net.predict(small[0], small[1]), first));
        assertEquals(5, first.size(0));
    }
}
