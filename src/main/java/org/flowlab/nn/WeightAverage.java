package org.flowlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An exponential moving average of a network's flattened parameters: after update k (k = 0, 1, …)
 * θ̄ ← β_k·θ̄ + (1 − β_k)·θ with β_k = min(β, (1 + k)/(10 + k)), starting from the parameters it was made with.
 * The warm-up keeps the average close to the first steps instead of to the initial weights (with a fixed β = 0.99
 * the initial weights would still weigh 0.99⁵⁰ ≈ 0.6 after 50 steps). Owned by the thread that owns the network.
 */
final class WeightAverage {

    private final double decay;
    private final INDArray average;
    private long updates;

    /** @param params the starting parameters [1, P], copied */
    WeightAverage(double decay, INDArray params) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.average = params.dup();
    }

    /** β_k of the next update. */
    double nextDecay() {
        return Math.min(decay, (1.0 + updates) / (10.0 + updates));
    }

    /** Folds the current parameters [1, P] into the average. */
    void update(INDArray params) {
        double b = nextDecay();
        average.muli(b);
        Nd4j.getBlasWrapper().level1().axpy(average.length(), 1 - b, params, average);
        updates++;
    }

    /** The average — a live view: copy what you keep. */
    INDArray average() {
        return average;
    }

    long updates() {
        return updates;
    }
}
