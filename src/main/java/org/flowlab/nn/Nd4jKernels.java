package org.flowlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link Kernels} as ND4J operations: the path on CUDA (the arrays live on the device) and the oracle the other
 * implementations are tested against. σ is libnd4j's {@code sigmoid} (1/(1 + expf(−t)) in float), SiLU its
 * {@code swish} (t·σ(t)), Adam its {@code adam_updater}.
 */
final class Nd4jKernels extends Kernels {

    @Override
    String name() {
        return "nd4j";
    }

    @Override
    void siluForward(INDArray z, INDArray b, INDArray s, INDArray a) {
        z.addiRowVector(b);
        Nd4j.exec(new Sigmoid(z, s));
        z.mul(s, a);
    }

    @Override
    void siluBias(INDArray z, INDArray b) {
        z.addiRowVector(b);
        Nd4j.exec(new Swish(z, z));
    }

    @Override
    void biasAdd(INDArray z, INDArray b) {
        z.addiRowVector(b);
    }

    /** SiLU′ = (1 − s) ⊙ a + s, the same three roundings as the buffer kernels. */
    private static INDArray derivative(INDArray s, INDArray a) {
        return s.rsub(1.0).muli(a).addi(s);
    }

    @Override
    void siluBackward(INDArray g, INDArray s, INDArray a, INDArray dz) {
        g.mul(derivative(s, a), dz);
    }

    @Override
    void adam(INDArray params, INDArray grad, INDArray state, AdamStep step) {
        long p = params.length();
        INDArray flatState = state.reshape(state.length());
        INDArray m = flatState.get(NDArrayIndex.interval(0, p));
        INDArray v = flatState.get(NDArrayIndex.interval(p, 2 * p));
        INDArray g = grad.reshape(p);
        Nd4j.exec(new AdamUpdater(g, v, m, step.learningRate(), step.beta1(), step.beta2(), step.epsilon(),
                step.iteration()));
        params.reshape(p).subi(g);
    }

    @Override
    void siluTangents(INDArray stacked, int n, INDArray b) {
        INDArray z = stacked.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        z.addiRowVector(b);
        INDArray s = Transforms.sigmoid(z, true);
        INDArray a = z.mul(s);
        INDArray d = derivative(s, a);
        z.assign(a);
        stacked.get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.all()).muli(d);
        stacked.get(NDArrayIndex.interval(2 * n, 3 * n), NDArrayIndex.all()).muli(d);
    }

    @Override
    void siluTangentsFirst(INDArray z, INDArray b, INDArray w, INDArray stacked) {
        long n = z.size(0);
        z.addiRowVector(b);
        INDArray s = Transforms.sigmoid(z, true);
        INDArray a = z.mul(s);
        INDArray d = derivative(s, a);
        stacked.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).assign(a);
        stacked.get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.all()).assign(d.mulRowVector(w.getRow(0)));
        stacked.get(NDArrayIndex.interval(2 * n, 3 * n), NDArrayIndex.all()).assign(d.mulRowVector(w.getRow(1)));
    }

    @Override
    void silu(INDArray x) {
        Nd4j.exec(new Swish(x, x));
    }

    @Override
    void siluBackprop(INDArray x, INDArray e) {
        INDArray s = Transforms.sigmoid(x, true);
        x.assign(derivative(s, x.mul(s)).muli(e));
    }
}
