package org.flowlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gaussian Fourier features of time: γ(t) = [sin(2π·w·t), cos(2π·w·t)] with w ∈ ℝ^F, w_k ~ N(0, scale²)
 * drawn once from the model seed and never trained. Maps t [n, 1] to [n, 2F].
 */
final class FourierTimeEmbedding {

    private final INDArray twoPiW;

    FourierTimeEmbedding(int features, double scale, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed ^ 0x7F4A7C15L);
        float[] w = new float[features];
        for (int k = 0; k < features; k++) {
            w[k] = (float) (2 * Math.PI * scale * rng.nextGaussian());
        }
        this.twoPiW = Nd4j.create(w, new long[]{1, features}, DataType.FLOAT);
    }

    INDArray embed(INDArray t) {
        INDArray phase = t.mmul(twoPiW);
        return Nd4j.hstack(Transforms.sin(phase, true), Transforms.cos(phase, false));
    }
}
