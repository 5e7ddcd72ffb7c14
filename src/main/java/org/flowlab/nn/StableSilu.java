package org.flowlab.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SiLU, x·σ(x), as a DL4J activation (the U-Net's layers) running on {@link Kernels}: forward bit for bit ND4J's
 * {@code swish}; the derivative written as σ(x)·(1 + x·(1 − σ(x))) from a saturating sigmoid, so it stays finite
 * for any pre-activation. DL4J 1.0.0-M2.1's SWISH derivative returns NaN for large |x| (measured: 87 of 3600 grid
 * points of a trained model) and calls {@code powf} per value. Same function as SWISH; files still describe the
 * layers as SWISH ({@link Networks#dl4jJson}).
 */
final class StableSilu extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        Kernels.forBackend().silu(in);
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // DL4J allows overwriting the pre-activation: it becomes dL/dz = ε ⊙ SiLU′(in).
        Kernels.forBackend().siluBackprop(in, epsilon);
        return new Pair<>(in, null);
    }

    @Override
    public String toString() {
        return "stable-silu";
    }
}
