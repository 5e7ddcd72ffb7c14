package org.flowlab.marginal;

/**
 * The posterior mean of the centres for a grid target, using that a cell's Gaussian factorises over the axes:
 * q_ij·N(x; α·(X_j, Y_i), v·I) ∝ q_ij·a_j(x)·b_i(y), a_j(x) = exp(−(x − α·X_j)²/(2v)), b_i(y) = exp(−(y − α·Y_i)²/(2v)),
 * X_j the centres of the columns and Y_i of the rows of the mass's bounding box. For a query (x, y):
 * <pre>
 *   P_i = Σ_j q_ij·a_j,   PX_i = Σ_j q_ij·X_j·a_j          (cells with mass only, by row)
 *   Z = Σ_i b_i·P_i,   m_x = Σ_i b_i·PX_i / Z,   m_y = Σ_i b_i·Y_i·P_i / Z
 * </pre>
 * The factors along a row of equally spaced centres follow a geometric recurrence ({@link #factors}): a few
 * exponentials per query instead of one per cell; the cell sums are two multiply-adds per cell with mass, run with
 * the queries innermost (vectorised by the JIT). Rows whose factor
 * underflows for every query are skipped.
 *
 * <p>Each query's factors are scaled by its nearest column and row (every factor ≤ 1, no overflow). When Z falls
 * below {@value #TINY} — the query is farther from all mass than ≈ 36·√v, so the nearest cell's factor
 * underflows — its mean is NaN and the caller uses the windowed log-sum-exp; the terms lost to underflow are then
 * below count·1e−308, negligible against any Z above the threshold.
 *
 * <p>Not thread-safe (scratch buffers): one instance per evaluating thread. Needs v &gt; 0.
 */
final class SeparableSum {

    /** Queries per block: the factor tables (cols × CHUNK doubles) stay in cache. */
    static final int CHUNK = 256;
    static final double TINY = 1e-250;

    private final GridLayout g;
    /** Per cell with mass: q and q·X_j (the raw masses; Z normalises). */
    private final double[] q;
    private final double[] qx;
    private double[] fa = new double[0];
    private double[] fb = new double[0];
    private double[] p = new double[0];
    private double[] px = new double[0];

    SeparableSum(GridLayout layout) {
        this.g = layout;
        q = layout.entryWeight;
        qx = new double[q.length];
        for (int e = 0; e < q.length; e++) {
            qx[e] = q[e] * layout.colX[layout.entryCol[e]];
        }
    }

    /**
     * Means for points start … start + m − 1 of x ([n × 2] interleaved), m ≤ {@link #CHUNK}, into out[2k], out[2k+1]
     * for k &lt; m; NaN where the windowed sum must take over.
     */
    void means(PathTerms terms, double[] x, int start, int m, double[] out) {
        fa = grow(fa, g.cols * m);
        fb = grow(fb, g.rows * m);
        p = grow(p, 3 * m);
        px = grow(px, 2 * m);
        factors(terms, x, 2 * start, 2, m, g.colX, fa);
        factors(terms, x, 2 * start + 1, 2, m, g.rowY, fb);
        // p holds Z, NX, NY at [0, m), [m, 2m), [2m, 3m); px holds one row's P and PX.
        java.util.Arrays.fill(p, 0, 3 * m, 0);
        for (int i = 0; i < g.rows; i++) {
            int bo = i * m;
            if (!anyPositive(fb, bo, m)) {
                continue;
            }
            rowSums(i, m, m);
            double yi = g.rowY[i];
            for (int k = 0; k < m; k++) {
                double b = fb[bo + k];
                double pk = px[k];
                p[k] += b * pk;
                p[m + k] += b * px[m + k];
                p[2 * m + k] += b * yi * pk;
            }
        }
        for (int k = 0; k < m; k++) {
            double z = p[k];
            boolean ok = z > TINY;
            out[2 * k] = ok ? p[m + k] / z : Double.NaN;
            out[2 * k + 1] = ok ? p[2 * m + k] / z : Double.NaN;
        }
    }

    /**
     * Means on the lattice xs × ys: out[2(l·K + k)], out[2(l·K + k) + 1] for the point (xs[k], ys[l]),
     * K = xs.length; NaN where the windowed sum must take over.
     */
    void latticeMeans(PathTerms terms, double[] xs, double[] ys, double[] out) {
        int nk = xs.length;
        int nl = ys.length;
        fa = grow(fa, g.cols * nk);
        fb = grow(fb, g.rows * nl);
        px = grow(px, 2 * nk);
        factors(terms, xs, 0, 1, nk, g.colX, fa);
        factors(terms, ys, 0, 1, nl, g.rowY, fb);
        double[] z = new double[nl * nk];
        double[] nx = new double[nl * nk];
        double[] ny = new double[nl * nk];
        for (int i = 0; i < g.rows; i++) {
            int bo = i * nl;
            if (!anyPositive(fb, bo, nl)) {
                continue;
            }
            rowSums(i, nk, nk);
            double yi = g.rowY[i];
            for (int l = 0; l < nl; l++) {
                double b = fb[bo + l];
                if (b == 0) {
                    continue;
                }
                double by = b * yi;
                int o = l * nk;
                for (int k = 0; k < nk; k++) {
                    double pk = px[k];
                    z[o + k] += b * pk;
                    nx[o + k] += b * px[nk + k];
                    ny[o + k] += by * pk;
                }
            }
        }
        for (int e = 0; e < nl * nk; e++) {
            boolean ok = z[e] > TINY;
            out[2 * e] = ok ? nx[e] / z[e] : Double.NaN;
            out[2 * e + 1] = ok ? ny[e] / z[e] : Double.NaN;
        }
    }

    /** px[0, m) = P_i and px[off, off + m) = PX_i for row i over m queries (factor table fa, stride m). */
    private void rowSums(int i, int m, int off) {
        java.util.Arrays.fill(px, 0, off + m, 0);
        for (int e = g.rowStart[i]; e < g.rowStart[i + 1]; e++) {
            double qe = q[e];
            double qxe = qx[e];
            int ao = g.entryCol[e] * m;
            for (int k = 0; k < m; k++) {
                double av = fa[ao + k];
                px[k] += qe * av;
                px[off + k] += qxe * av;
            }
        }
    }

    /**
     * f[j·m + k] = exp(−((c_k − α·X_j)² − d_k²)/(2v)) for the coordinates c_k = coords[first + k·stride] and equally
     * spaced centres X_j = X_0 + j·h, d_k = c_k − α·X_near the offset to the nearest α·X_j (so each query's largest
     * factor is 1). With β = α·h the ratio of neighbours is geometric: f_{j+1}/f_j = r_j, r_{j+1} = r_j·ρ,
     * ρ = exp(−β²/v), starting from the nearest column outwards on both sides, so three exponentials per query
     * instead of one per column. Every ratio is ≤ 1 (up to rounding of the nearest index), so the factors decay
     * monotonically and underflow cleanly to 0; the relative rounding after j steps is ≈ j·1e−16.
     */
    static void factors(PathTerms terms, double[] coords, int first, int stride, int m, double[] centres,
                        double[] f) {
        double a = terms.alpha();
        double v = terms.variance();
        int n = centres.length;
        double step = n > 1 ? centres[1] - centres[0] : 1;
        double beta = a * step;
        double rho = Math.exp(-beta * beta / v);
        double half = beta * beta / (2 * v);
        for (int k = 0; k < m; k++) {
            double c = coords[first + k * stride];
            int near = 0;
            if (a > 0 && n > 1) {
                double pos = Math.rint((c / a - centres[0]) / step);
                near = pos <= 0 ? 0 : (int) Math.min(n - 1, pos);
            }
            double d = c - a * centres[near];
            f[near * m + k] = Double.isFinite(d) ? 1 : Double.NaN;
            // Upwards: f_{j+1}/f_j = exp((β·d_j − β²/2)/v), d_{j+1} = d_j − β.
            double g = 1;
            double r = Math.exp(beta * d / v - half);
            for (int j = near + 1; j < n; j++) {
                g *= r;
                r *= rho;
                f[j * m + k] = g;
            }
            // Downwards: f_{j−1}/f_j = exp((−β·d_j − β²/2)/v), d_{j−1} = d_j + β.
            g = 1;
            r = Math.exp(-beta * d / v - half);
            for (int j = near - 1; j >= 0; j--) {
                g *= r;
                r *= rho;
                f[j * m + k] = g;
            }
        }
    }

    private static boolean anyPositive(double[] f, int from, int m) {
        for (int k = from; k < from + m; k++) {
            if (f[k] > 0) {
                return true;
            }
        }
        return false;
    }

    private static double[] grow(double[] a, int n) {
        return a.length >= n ? a : new double[n];
    }
}
