package org.flowlab.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sliced 2-Wasserstein distance between two planar point sets:
 * SW₂(a, b) = √( mean over K random unit directions θ of W₂²(θ·a, θ·b) ), where the 1-D W₂ between
 * projections is computed from sorted values (quantile matching). Directions come from a seed, so the
 * same inputs give the same number. Sets of different sizes are compared at m = min(|a|, |b|) quantiles.
 */
public final class SlicedWasserstein {

    public static final int DEFAULT_PROJECTIONS = 256;

    private SlicedWasserstein() {
    }

    public static double distance(float[] a, float[] b) {
        return distance(a, b, DEFAULT_PROJECTIONS, 0);
    }

    /** a and b are [x0, y0, x1, y1, …]. */
    public static double distance(float[] a, float[] b, int projections, long seed) {
        int na = a.length / 2;
        int nb = b.length / 2;
        if (na == 0 || nb == 0) {
            throw new IllegalArgumentException("both point sets must be non-empty");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] pa = new double[na];
        double[] pb = new double[nb];
        int m = Math.min(na, nb);
        double total = 0;
        for (int k = 0; k < projections; k++) {
            double angle = 2 * Math.PI * rng.nextDouble();
            double cx = Math.cos(angle);
            double cy = Math.sin(angle);
            project(a, na, cx, cy, pa);
            project(b, nb, cx, cy, pb);
            Arrays.sort(pa);
            Arrays.sort(pb);
            double sum = 0;
            for (int q = 0; q < m; q++) {
                double u = (q + 0.5) / m;
                double d = quantile(pa, u) - quantile(pb, u);
                sum += d * d;
            }
            total += sum / m;
        }
        return Math.sqrt(total / projections);
    }

    private static void project(float[] p, int n, double cx, double cy, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = cx * p[2 * i] + cy * p[2 * i + 1];
        }
    }

    /** The u-quantile of sorted values, taking the order statistic whose mid-rank is nearest. */
    private static double quantile(double[] sorted, double u) {
        int idx = (int) Math.min(sorted.length - 1, Math.floor(u * sorted.length));
        return sorted[idx];
    }
}
