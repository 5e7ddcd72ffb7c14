package org.flowlab.train;

import java.util.random.RandomGenerator;
import org.flowlab.coupling.Coupling;
import org.flowlab.density.LabelledSampler;
import org.flowlab.density.PointSampler;

/**
 * Where a training batch's (x0, x1) pairs come from: noise x0 (t = 0) and data x1 (t = 1), row i of one belonging
 * with row i of the other. Flow matching then regresses v(x_t, t) on the path's u_t for each pair, so it learns
 * the marginal velocity of the joint distribution the pairs are drawn from.
 *
 * <p>Two kinds: {@link #coupled} draws fresh data and noise for every batch and pairs them by a {@link Coupling}
 * (independent = what FlowLab always did); {@link FixedPairs} resamples a fixed set of pairs (rectified flow
 * trains on (x0, ODE(x0)) pairs of an earlier model). Implementations are immutable and thread-safe; all
 * randomness comes from the caller's generator.
 */
@FunctionalInterface
public interface PairSource {

    /** Writes n pairs into x0 and x1 (flat [n × 2] rows each, length ≥ 2n), drawing from {@code rng}. */
    void draw(int n, RandomGenerator rng, float[] x0, float[] x1);

    /** True when {@link #draw(int, RandomGenerator, float[], float[], int[])} gives each pair its x1's class. */
    default boolean labelled() {
        return false;
    }

    /** As {@link #draw(int, RandomGenerator, float[], float[])}, with the class of each x1 into labels. */
    default void draw(int n, RandomGenerator rng, float[] x0, float[] x1, int[] labels) {
        throw new UnsupportedOperationException("these pairs have no classes");
    }

    /**
     * (x1, y) ~ the labelled target (n points with classes), then x0 ~ N(0, I), then re-paired by the coupling.
     * Couplings permute the noise rows only, so each class stays with its data point.
     */
    static PairSource labelled(LabelledSampler target, Coupling coupling) {
        return new PairSource() {
            @Override
            public void draw(int n, RandomGenerator rng, float[] x0, float[] x1) {
                draw(n, rng, x0, x1, new int[n]);
            }

            @Override
            public boolean labelled() {
                return true;
            }

            @Override
            public void draw(int n, RandomGenerator rng, float[] x0, float[] x1, int[] labels) {
                target.sample(n, rng, x1, labels);
                for (int i = 0; i < 2 * n; i++) {
                    x0[i] = (float) rng.nextGaussian();
                }
                coupling.pair(x0, x1, n, rng);
            }
        };
    }
    /**
     * x1 ~ target (n points), then x0 ~ N(0, I) (2n standard normals, row-major), then re-paired by the coupling —
     * in that order, so with the independent coupling the draws are exactly the ones FlowLab made before
     * couplings existed.
     */
    static PairSource coupled(PointSampler target, Coupling coupling) {
        return (n, rng, x0, x1) -> {
            target.sample(n, rng, x1);
            for (int i = 0; i < 2 * n; i++) {
                x0[i] = (float) rng.nextGaussian();
            }
            coupling.pair(x0, x1, n, rng);
        };
    }
}
