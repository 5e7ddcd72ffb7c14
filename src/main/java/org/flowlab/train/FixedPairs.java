package org.flowlab.train;

import java.util.random.RandomGenerator;

/**
 * A fixed set of N pairs (x0_k, x1_k), e.g. noise and where a trained model's ODE carries it (rectified flow).
 * Each batch draws n indices k uniformly with replacement and copies those pairs, so the pairing is never
 * changed: the coupling is the set itself.
 */
public final class FixedPairs implements PairSource {

    private final float[] x0;
    private final float[] x1;
    private final int size;

    /** @param x0 noise rows [N × 2]; @param x1 the rows paired with them [N × 2]; both copied */
    public FixedPairs(float[] x0, float[] x1) {
        if (x0.length != x1.length || x0.length % 2 != 0 || x0.length == 0) {
            throw new IllegalArgumentException("need the same positive number of noise and data rows, got "
                    + x0.length / 2 + " and " + x1.length / 2);
        }
        for (int e = 0; e < x0.length; e++) {
            if (!Float.isFinite(x0[e]) || !Float.isFinite(x1[e])) {
                throw new IllegalArgumentException("pair " + e / 2 + " is not finite");
            }
        }
        this.x0 = x0.clone();
        this.x1 = x1.clone();
        this.size = x0.length / 2;
    }

    /** N, the number of pairs. */
    public int size() {
        return size;
    }

    /** A copy of the noise rows [N × 2]. */
    public float[] noise() {
        return x0.clone();
    }

    /** A copy of the rows paired with the noise [N × 2]. */
    public float[] targets() {
        return x1.clone();
    }

    @Override
    public void draw(int n, RandomGenerator rng, float[] out0, float[] out1) {
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(size);
            out0[2 * i] = x0[2 * k];
            out0[2 * i + 1] = x0[2 * k + 1];
            out1[2 * i] = x1[2 * k];
            out1[2 * i + 1] = x1[2 * k + 1];
        }
    }
}
