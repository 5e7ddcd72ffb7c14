package org.flowlab.train;

import java.util.SplittableRandom;
import org.flowlab.flow.ProbabilityPath;

/**
 * Reusable host buffers for one flow-matching batch of {@code size} rows: pairs (x0, x1) from a
 * {@link PairSource} (noise and data, already coupled), t ~ U(0, t_max), and the path's x_t and u_t (flat
 * [size × 2] except t [size]), all on the heap; the {@link org.flowlab.nn.Network} copies them into its own arrays.
 */
final class FlowMatchingBatch {
    final int size;
    final float[] x0;
    final float[] x1;
    final float[] t;
    final float[] xt;
    final float[] ut;
    /** Row i's class in [0, K] (K = the null class ∅) for a conditional network; null otherwise. */
    final int[] y;

    FlowMatchingBatch(int size) {
        this(size, false);
    }

    FlowMatchingBatch(int size, boolean labelled) {
        this.size = size;
        y = labelled ? new int[size] : null;
        x0 = new float[2 * size];
        x1 = new float[2 * size];
        t = new float[size];
        xt = new float[2 * size];
        ut = new float[2 * size];
    }

    /** Draws the pairs, then the times, then forms x_t and u_t. */
    void fill(PairSource pairs, ProbabilityPath path, SplittableRandom rng) {
        fill(pairs, path, rng, 0, 0);
    }

    /**
     * Draws the pairs (with classes when labelled), then the times, then — labelled only — one uniform per row:
     * below {@code dropout} the row's class becomes the null class {@code classes} (label dropout); then x_t, u_t.
     * Unlabelled batches draw exactly what they always drew.
     */
    void fill(PairSource pairs, ProbabilityPath path, SplittableRandom rng, int classes, double dropout) {
        if (y != null) {
            pairs.draw(size, rng, x0, x1, y);
        } else {
            pairs.draw(size, rng, x0, x1);
        }
        double tMax = path.tMax();
        for (int i = 0; i < size; i++) {
            t[i] = (float) (tMax * rng.nextDouble());
        }
        if (y != null) {
            for (int i = 0; i < size; i++) {
                if (rng.nextDouble() < dropout) {
                    y[i] = classes;
                }
            }
        }
        path.pointAndTarget(x0, x1, t, size, xt, ut);
    }

}
