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

    FlowMatchingBatch(int size) {
        this.size = size;
        x0 = new float[2 * size];
        x1 = new float[2 * size];
        t = new float[size];
        xt = new float[2 * size];
        ut = new float[2 * size];
    }

    /** Draws the pairs, then the times, then forms x_t and u_t. */
    void fill(PairSource pairs, ProbabilityPath path, SplittableRandom rng) {
        pairs.draw(size, rng, x0, x1);
        double tMax = path.tMax();
        for (int i = 0; i < size; i++) {
            t[i] = (float) (tMax * rng.nextDouble());
        }
        path.pointAndTarget(x0, x1, t, size, xt, ut);
    }

}
