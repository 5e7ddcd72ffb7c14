package org.flowlab.density;

import java.util.random.RandomGenerator;

/**
 * Draws labelled points (x, y) from a target of K classes, each class with its own mass: the pair is drawn from
 * the joint p(x, y) = π_y · p(x | y), π_y the class's share of the mass. Immutable and thread-safe; randomness
 * comes from the caller.
 */
public interface LabelledSampler extends PointSampler {

    /** K ≥ 1. */
    int classes();

    /** π_k, the share of the mass in class k (they sum to 1). */
    double share(int k);

    /** Writes n points [x0, y0, …] into out and their classes (0 … K−1) into labels. */
    void sample(int n, RandomGenerator rng, float[] out, int[] labels);

    /** Points of one class only, x ~ p(x | k). */
    PointSampler classSampler(int k);
}
