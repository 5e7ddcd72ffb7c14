package org.flowlab.density;

import java.util.random.RandomGenerator;

/** Draws i.i.d. points in the plane. Implementations are immutable and thread-safe; randomness comes from the caller. */
@FunctionalInterface
public interface PointSampler {

    /** Writes n points as [x0, y0, x1, y1, …] into out (length ≥ 2n). */
    void sample(int n, RandomGenerator rng, float[] out);

    default float[] sample(int n, RandomGenerator rng) {
        float[] out = new float[2 * n];
        sample(n, rng, out);
        return out;
    }
}
