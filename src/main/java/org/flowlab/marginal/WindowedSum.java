package org.flowlab.marginal;

/**
 * The posterior mean of the centres, m(x) = Σ_i w_i·c_i with log w_i = log q_i − |x − α·c_i|²/(2v) + const, by a
 * log-sum-exp over the components near x only. Exact for any target; the fallback of the separable kernel and the
 * kernel for point sets.
 *
 * <p>Cut-off: in x1-space (positions divided by α) the terms have scale τ² = v/α². With D the distance from x/α to
 * some component (an upper bound on the nearest one, found by scanning rings of bins), every component farther
 * than r = √(D² + 2τ²·(K + Δ)) has a log-weight more than K below the largest (Δ = range of log q_i), so only the
 * bins that meet the disk of radius r are visited: the dropped mass is below count·e^−K relative,
 * K = {@value #CUTOFF}. When α = 0 (t = 0 on OT) every
 * component counts. When v = 0 (points at σ_t = 0) or every term underflows, the weights are the nearest-centre
 * assignment (ties to the larger weight, then the first).
 *
 * <p>Not thread-safe (scratch buffer): one instance per evaluating thread.
 */
final class WindowedSum {

    static final double CUTOFF = 40;

    private final Target g;
    private double[] scratch = new double[256];
    private final int[] rangeFrom;
    private final int[] rangeTo;

    WindowedSum(Target target) {
        this.g = target;
        rangeFrom = new int[Math.max(1, target.nby)];
        rangeTo = new int[Math.max(1, target.nby)];
    }

    /** Writes m(x) for the point (x, y) into out[o], out[o + 1]; NaN when the point is not finite. */
    void mean(PathTerms terms, double x, double y, double[] out, int o) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            out[o] = Double.NaN;
            out[o + 1] = Double.NaN;
            return;
        }
        double a = terms.alpha();
        double v = terms.variance();
        int rows = computeWindow(terms, x, y);
        // Pass 1: log-weights and their maximum; the nearest centre for the v = 0 / underflow case.
        double inv = v > 0 ? 0.5 / v : 0;
        double max = Double.NEGATIVE_INFINITY;
        double best = Double.POSITIVE_INFINITY;
        int nearest = -1;
        int k = 0;
        for (int row = 0; row < rows; row++) {
            int from = rangeFrom[row];
            int to = rangeTo[row];
            ensure(k + to - from);
            for (int i = from; i < to; i++, k++) {
                double dx = x - a * g.cx[i];
                double dy = y - a * g.cy[i];
                double d2 = dx * dx + dy * dy;
                double e = g.logWeight[i] - d2 * inv;
                scratch[k] = e;
                if (e > max) {
                    max = e;
                }
                if (nearest < 0 || d2 < best || (d2 == best && g.logWeight[i] > g.logWeight[nearest])) {
                    best = d2;
                    nearest = i;
                }
            }
        }
        if (!(v > 0) || max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            out[o] = g.cx[nearest];
            out[o + 1] = g.cy[nearest];
            return;
        }
        // Pass 2: Σ e^{e_i − max}·(1, c_i).
        double z = 0;
        double sx = 0;
        double sy = 0;
        k = 0;
        for (int row = 0; row < rows; row++) {
            int from = rangeFrom[row];
            int to = rangeTo[row];
            for (int i = from; i < to; i++, k++) {
                // e − max, not e > max − K: at σ_t ≈ 1e-9 the log-weights are ≈ −1e18 and max − K == max.
                double e = scratch[k] - max;
                if (e > -CUTOFF - 10) {
                    double w = Math.exp(e);
                    z += w;
                    sx += w * g.cx[i];
                    sy += w * g.cy[i];
                }
            }
        }
        out[o] = sx / z;
        out[o + 1] = sy / z;
    }

    /**
     * Fills rangeFrom/rangeTo with the runs of sorted components to visit (one run per bin row that meets the
     * cut-off disk, clipped to the bins the disk crosses in that row) and returns how many runs there are.
     */
    private int computeWindow(PathTerms terms, double x, double y) {
        double tau2 = terms.variance1();
        double r = Double.POSITIVE_INFINITY;
        double px = 0;
        double py = 0;
        if (Double.isFinite(tau2)) {
            px = x / terms.alpha();
            py = y / terms.alpha();
            r = Math.sqrt(nearestBound(px, py) + 2 * tau2 * (CUTOFF + g.logWeightRange));
        }
        if (!Double.isFinite(r) || (px - r <= g.binX0 && py - r <= g.binY0
                && px + r >= g.binX0 + g.nbx * g.binSize && py + r >= g.binY0 + g.nby * g.binSize)) {
            rangeFrom[0] = 0;
            rangeTo[0] = g.count;
            return 1;
        }
        int by0 = g.binY(py - r);
        int by1 = g.binY(py + r);
        int runs = 0;
        for (int by = by0; by <= by1; by++) {
            double lo = g.binY0 + by * g.binSize;
            double dy = py < lo ? lo - py : Math.max(0, py - (lo + g.binSize));
            if (dy > r) {
                continue;
            }
            double hw = Math.sqrt(r * r - dy * dy);
            int from = g.binStart[by * g.nbx + g.binX(px - hw)];
            int to = g.binStart[by * g.nbx + g.binX(px + hw) + 1];
            if (to > from) {
                rangeFrom[runs] = from;
                rangeTo[runs] = to;
                runs++;
            }
        }
        return runs;
    }

    /**
     * Squared x1-space distance from (px, py) to the nearest component of the first non-empty ring of bins around
     * its bin and the ring after: an upper bound on the distance to the nearest component, tight to about a bin
     * side.
     */
    double nearestBound(double px, double py) {
        int bx = g.binX(px);
        int by = g.binY(py);
        int maxRing = Math.max(g.nbx, g.nby);
        double best = Double.POSITIVE_INFINITY;
        int stop = maxRing;
        for (int ring = 0; ring <= stop; ring++) {
            int ylo = Math.max(0, by - ring);
            int yhi = Math.min(g.nby - 1, by + ring);
            for (int y = ylo; y <= yhi; y++) {
                boolean edgeRow = y == by - ring || y == by + ring;
                int xlo = Math.max(0, bx - ring);
                int xhi = Math.min(g.nbx - 1, bx + ring);
                for (int x = xlo; x <= xhi; x++) {
                    if (!edgeRow && x != bx - ring && x != bx + ring) {
                        continue;
                    }
                    int b = y * g.nbx + x;
                    for (int i = g.binStart[b]; i < g.binStart[b + 1]; i++) {
                        double dx = px - g.cx[i];
                        double dy = py - g.cy[i];
                        best = Math.min(best, dx * dx + dy * dy);
                    }
                }
            }
            if (best < Double.POSITIVE_INFINITY && stop == maxRing) {
                stop = ring + 1;   // the nearest may sit in the next ring (a corner of this one is farther)
            }
        }
        return best;
    }

    private void ensure(int n) {
        if (n > scratch.length) {
            scratch = java.util.Arrays.copyOf(scratch, Math.max(n, 2 * scratch.length));
        }
    }
}
