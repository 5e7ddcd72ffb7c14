package org.flowlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A neural velocity field v_θ(x, t): ℝ² × [0, 1] → ℝ², trained by regression on flow-matching targets.
 *
 * <p>Shapes: x is [n, 2], t is [n, 1], targets and outputs are [n, 2], all FLOAT. The loss is the mean
 * over all n·2 elements of (v − u)², as in the reference recipe.
 *
 * <p>Package-private: outside {@code nn} a network is reached only through {@link Network}, which runs every
 * call on its compute thread. Not thread-safe: the thread that runs the work owns the instance.
 */
interface VelocityNet {

    ModelConfig config();

    /**
     * v(x, t, c), a new array [n, 2] detached from the network; c is the one-hot class [n, K+1] of a conditional
     * network (null for an unconditional one).
     */
    INDArray predict(INDArray x, INDArray t, INDArray c);

    /** One optimiser step on the batch (c as in {@link #predict}); returns the batch loss before the update. */
    double fit(INDArray x, INDArray t, INDArray c, INDArray target);

    /** The loss on a batch without updating anything. */
    double loss(INDArray x, INDArray t, INDArray c, INDArray target);

    /** v(x, t) of an unconditional network. */
    default INDArray predict(INDArray x, INDArray t) {
        return predict(x, t, null);
    }

    default double fit(INDArray x, INDArray t, INDArray target) {
        return fit(x, t, null, target);
    }

    default double loss(INDArray x, INDArray t, INDArray target) {
        return loss(x, t, null, target);
    }

    /** The flattened parameters — a live view: {@code dup()} what you keep. */
    INDArray params();

    /** Copies values into the parameters; the length must match. */
    void setParams(INDArray params);

    /** The optimiser's flattened state (Adam moments) — a live view, or null before the first step. */
    INDArray updaterState();

    void setUpdaterState(INDArray state);

    void setLearningRate(double lr);

    /** The optimiser's step counter (Adam's bias correction depends on it); restored when training resumes. */
    void setIteration(long step);

    long numParams();

}
