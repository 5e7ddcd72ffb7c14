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
        this(grid.size(), grid.halfWidth(), grid.version(), grid.copyMass());
    }

    GridSampler(int size, double halfWidth, long version, float[] mass) {
        this.size = size;
        this.halfWidth = halfWidth;
        this.cell = 2 * halfWidth / size;
        this.version = version;
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

    /**
     * Labelled draws: a point from the total mass exactly as {@link GridSampler#sample} (same generator use), then
     * — with several classes — one more uniform u picks the class k of that point's cell with probability
     * m_k(cell) / Σ_j m_j(cell).
     */
    static final class Labelled implements LabelledSampler {
        private final GridSampler total;
        private final float[][] layers;
        private final GridSampler[] perClass;
        private final double[] shares;

        Labelled(GridSampler total, float[][] layers, GridSampler[] perClass, double[] shares) {
            this.total = total;
            this.layers = layers;
            this.perClass = perClass;
            this.shares = shares;
        }

        @Override
        public int classes() {
            return shares.length;
        }

        @Override
        public double share(int k) {
            return shares[k];
        }

        @Override
        public void sample(int n, RandomGenerator rng, float[] out) {
            total.sample(n, rng, out);
        }

        @Override
        public void sample(int n, RandomGenerator rng, float[] out, int[] labels) {
            for (int i = 0; i < n; i++) {
                int idx = total.find(rng.nextDouble());
                int row = idx / total.size;
                int col = idx - row * total.size;
                out[2 * i] = (float) (-total.halfWidth + (col + rng.nextDouble()) * total.cell);
                out[2 * i + 1] = (float) (total.halfWidth - (row + rng.nextDouble()) * total.cell);
                labels[i] = layers == null ? 0 : pick(idx, rng.nextDouble());
            }
        }

        private int pick(int idx, double u) {
            double sum = 0;
            for (float[] l : layers) {
                sum += l[idx];
            }
            double acc = 0;
            int last = 0;
            for (int k = 0; k < layers.length; k++) {
                if (layers[k][idx] > 0) {
                    acc += layers[k][idx] / sum;
                    last = k;
                    if (u < acc) {
                        return k;
                    }
                }
            }
            return last;
        }

        @Override
        public PointSampler classSampler(int k) {
            if (layers == null) {
                return total;
            }
            if (perClass[k] == null) {
                throw new DensityException("class " + k + " has no mass");
            }
            return perClass[k];
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
