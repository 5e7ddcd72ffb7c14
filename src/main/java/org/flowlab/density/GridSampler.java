package org.flowlab.density;

import java.util.random.RandomGenerator;

/**
 * Exact sampling of a {@link DensityGrid} frozen at construction: a cell is chosen with probability
 * mass/total (inverse CDF by binary search), then a point uniformly inside it. Immutable and thread-safe.
 */
public final class GridSampler implements PointSampler {

    private final int size;
    private final double halfWidth;
    private final double cell;
    /** cdf[i] = Σ_{j ≤ i} mass_j / total; cdf[last] == 1. */
    private final double[] cdf;
    private final long version;

    GridSampler(DensityGrid grid) {
        this.size = grid.size();
        this.halfWidth = grid.halfWidth();
        this.cell = grid.cellSize();
        this.version = grid.version();
        float[] mass = grid.copyMass();
        double[] c = new double[mass.length];
        double total = 0;
        for (int i = 0; i < mass.length; i++) {
            total += mass[i];
            c[i] = total;
        }
        if (!(total > 0) || Double.isInfinite(total)) {
            throw new DensityException("the density is empty: draw something, load an image or points, or pick a preset");
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= total;
        }
        c[c.length - 1] = 1;
        this.cdf = c;
    }

    /** The {@link DensityGrid#version()} this sampler was taken from. */
    public long version() {
        return version;
    }

    @Override
    public void sample(int n, RandomGenerator rng, float[] out) {
        for (int i = 0; i < n; i++) {
            int idx = find(rng.nextDouble());
            int row = idx / size;
            int col = idx - row * size;
            out[2 * i] = (float) (-halfWidth + (col + rng.nextDouble()) * cell);
            out[2 * i + 1] = (float) (halfWidth - (row + rng.nextDouble()) * cell);
        }
    }

    /** Smallest index with cdf[idx] &gt; u (cells of zero mass are never chosen). */
    private int find(double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
