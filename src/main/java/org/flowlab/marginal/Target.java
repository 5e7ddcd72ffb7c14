package org.flowlab.marginal;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.flowlab.density.DensityException;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.PointSampler;

/**
 * The target of an exact marginal field, as a mixture of K isotropic Gaussians N(c_i, s²·I) with weights q_i
 * (Σ q_i = 1) and one common spread s². Immutable and thread-safe.
 *
 * <p>A point set (N training points) is N components of weight 1/N with s² = 0. A grid density is one component
 * per cell with mass (cells without mass are dropped), q_i = mass_i / total mass, centred on the cell. How a cell
 * of side c is treated is a choice ({@link CellTreatment}): {@code SPREAD} (the default) replaces the uniform
 * square by the Gaussian with its mean and variance, s² = c²/12 per coordinate, which is simply added to σ_t²;
 * {@code POINT} puts the whole mass at the centre (s² = 0). Both are exact for their own mixture; as models of the
 * uniform squares the grid sampler draws from, SPREAD matches the first two moments of every cell, so the mixture
 * at time t differs from the squares only by a lattice ripple of relative size ≈ 2·exp(−2π²·(τ² + c²/12)/c²),
 * τ = σ_t/α_t (below 1e-8 once τ ≥ c; it reaches ≈ 0.4 at τ = 0, where the OT field is u = x regardless), while
 * POINT's ripple is 2·exp(−2π²·τ²/c²) and its OT field is singular at t = 1 (README, "The exact marginal field",
 * gives the measured errors).
 *
 * <p>Components are stored sorted into square bins over their centres (row-major), so a query can visit only the
 * bins within a cut-off radius; a grid target also keeps its cells by row ({@link GridLayout}) for the separable
 * kernel.
 */
public final class Target {

    /** How a grid cell becomes a component; see the class comment. */
    public enum CellTreatment { POINT, SPREAD }

    final int count;
    /** Centres and weights, sorted by bin; logWeight[i] = log q_i. */
    final double[] cx;
    final double[] cy;
    final double[] weight;
    final double[] logWeight;
    /** max log q − min log q: widens the cut-off so no component within e^−K of the largest term is skipped. */
    final double logWeightRange;
    final double spread;
    /** Bins: origin (x0, y0) at the lower-left corner, side h, nbx × nby, components of bin b in [start[b], start[b+1]). */
    final double binX0;
    final double binY0;
    final double binSize;
    final int nbx;
    final int nby;
    final int[] binStart;
    /** Null for point sets. */
    final GridLayout grid;

    private Target(double[] x, double[] y, double[] q, double spread, double binSize, GridLayout grid) {
        int n = x.length;
        this.count = n;
        this.spread = spread;
        this.grid = grid;
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        double extent = Math.max(maxX - minX, maxY - minY);
        double h = binSize > 0 ? binSize : Math.max(1e-9, Math.max(extent, 1e-6) * Math.sqrt(4.0 / n));
        this.binSize = Math.max(h, extent / 512);
        this.binX0 = minX;
        this.binY0 = minY;
        this.nbx = Math.max(1, (int) Math.floor((maxX - minX) / this.binSize) + 1);
        this.nby = Math.max(1, (int) Math.floor((maxY - minY) / this.binSize) + 1);
        int[] bin = new int[n];
        binStart = new int[nbx * nby + 1];
        for (int i = 0; i < n; i++) {
            bin[i] = binY(y[i]) * nbx + binX(x[i]);
            binStart[bin[i] + 1]++;
        }
        for (int b = 0; b < nbx * nby; b++) {
            binStart[b + 1] += binStart[b];
        }
        int[] next = Arrays.copyOf(binStart, binStart.length - 1);
        cx = new double[n];
        cy = new double[n];
        weight = new double[n];
        logWeight = new double[n];
        double total = 0;
        for (double v : q) {
            total += v;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int k = next[bin[i]]++;
            cx[k] = x[i];
            cy[k] = y[i];
            weight[k] = q[i] / total;
            logWeight[k] = Math.log(weight[k]);
            lo = Math.min(lo, logWeight[k]);
            hi = Math.max(hi, logWeight[k]);
        }
        logWeightRange = hi - lo;
    }

    /** N points of equal weight ([x0, y0, x1, y1, …]); non-finite rows are refused. */
    public static Target ofPoints(float[] xy, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the target needs at least one point");
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xy[2 * i];
            y[i] = xy[2 * i + 1];
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite");
            }
            q[i] = 1;
        }
        return new Target(x, y, q, 0, 0, null);
    }

    /** Any components (weights need not be normalised) with one common spread s²; for tests and oracles. */
    static Target ofComponents(double[] x, double[] y, double[] q, double spread) {
        return new Target(x.clone(), y.clone(), q.clone(), spread, 0, null);
    }

    /** The grid's current masses, cells spread ({@link CellTreatment#SPREAD}). */
    public static Target ofGrid(DensityGrid grid) {
        return ofGrid(grid.copyMass(), grid.size(), grid.halfWidth(), CellTreatment.SPREAD);
    }

    /**
     * A grid density: {@code mass} row-major from the top row over [−L, L]², L = halfWidth, as
     * {@link DensityGrid#copyMass()} returns it (a copy the caller may hand to a background thread).
     *
     * @throws DensityException when no cell has mass
     */
    public static Target ofGrid(float[] mass, int size, double halfWidth, CellTreatment treatment) {
        if (mass.length != size * size) {
            throw new IllegalArgumentException("expected " + size * size + " cells, got " + mass.length);
        }
        double c = 2 * halfWidth / size;
        GridLayout layout = GridLayout.of(mass, size, halfWidth);
        if (layout == null) {
            throw new DensityException("the density is empty: draw something, load an image or points, or pick a preset");
        }
        int n = layout.entryCol.length;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] q = new double[n];
        for (int r = 0, e = 0; r < layout.rows; r++) {
            for (; e < layout.rowStart[r + 1]; e++) {
                x[e] = layout.colX[layout.entryCol[e]];
                y[e] = layout.rowY[r];
                q[e] = layout.entryWeight[e];
            }
        }
        double s2 = treatment == CellTreatment.SPREAD ? c * c / 12 : 0;
        return new Target(x, y, q, s2, 4 * c, layout);
    }

    /** Number of components (cells with mass, or points). */
    public int size() {
        return count;
    }

    /** s², each component's own variance per coordinate (c²/12 for spread cells, 0 for points). */
    public double spread() {
        return spread;
    }

    /** True for a grid target (the separable kernel applies). */
    public boolean isGrid() {
        return grid != null;
    }

    /** The mean of the target, Σ q_i·c_i, as {x, y}. */
    public double[] mean() {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < count; i++) {
            mx += weight[i] * cx[i];
            my += weight[i] * cy[i];
        }
        return new double[]{mx, my};
    }

    /** Exact samples of this mixture: a component by weight, then its Gaussian (nothing added for points). */
    public PointSampler sampler() {
        double[] cdf = new double[count];
        double acc = 0;
        for (int i = 0; i < count; i++) {
            acc += weight[i];
            cdf[i] = acc;
        }
        cdf[count - 1] = Double.POSITIVE_INFINITY;
        double s = Math.sqrt(spread);
        return (int n, RandomGenerator rng, float[] out) -> {
            for (int k = 0; k < n; k++) {
                int i = Arrays.binarySearch(cdf, rng.nextDouble());
                i = i >= 0 ? i : -i - 1;
                double ox = s > 0 ? s * rng.nextGaussian() : 0;
                double oy = s > 0 ? s * rng.nextGaussian() : 0;
                out[2 * k] = (float) (cx[i] + ox);
                out[2 * k + 1] = (float) (cy[i] + oy);
            }
        };
    }

    /**
     * The distance from (x, y) to the nearest centre (exact: rings of bins are scanned until no unscanned bin can
     * hold a nearer one).
     */
    public double nearestDistance(double x, double y) {
        int bx = binX(x);
        int by = binY(y);
        double best = Double.POSITIVE_INFINITY;
        for (int ring = 0; ; ring++) {
            int xlo = bx - ring;
            int xhi = bx + ring;
            int ylo = by - ring;
            int yhi = by + ring;
            for (int row = Math.max(0, ylo); row <= Math.min(nby - 1, yhi); row++) {
                boolean edge = row == ylo || row == yhi;
                for (int col = Math.max(0, xlo); col <= Math.min(nbx - 1, xhi); col++) {
                    if (!edge && col != xlo && col != xhi) {
                        continue;
                    }
                    int b = row * nbx + col;
                    for (int i = binStart[b]; i < binStart[b + 1]; i++) {
                        double dx = x - cx[i];
                        double dy = y - cy[i];
                        best = Math.min(best, dx * dx + dy * dy);
                    }
                }
            }
            boolean coversAll = xlo <= 0 && ylo <= 0 && xhi >= nbx - 1 && yhi >= nby - 1;
            // Any centre outside the scanned block lies beyond its border.
            double margin = Math.min(Math.min(x - (binX0 + xlo * binSize), binX0 + (xhi + 1) * binSize - x),
                    Math.min(y - (binY0 + ylo * binSize), binY0 + (yhi + 1) * binSize - y));
            if (coversAll || (margin > 0 && best <= margin * margin)) {
                return Math.sqrt(best);
            }
        }
    }

    int binX(double x) {
        return clamp((int) Math.floor((x - binX0) / binSize), nbx);
    }

    int binY(double y) {
        return clamp((int) Math.floor((y - binY0) / binSize), nby);
    }

    private static int clamp(int b, int n) {
        return b < 0 ? 0 : Math.min(b, n - 1);
    }
}
