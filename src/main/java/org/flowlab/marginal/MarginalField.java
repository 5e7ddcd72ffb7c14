package org.flowlab.marginal;

import java.util.ArrayList;
import java.util.List;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.ode.VectorField;

/**
 * The exact marginal velocity of a target along a probability path (Lipman et al. 2023, eq. 8):
 * <pre>  u_t(x) = Σ_i w_i(x, t)·u_t(x | x1_i),   w_i ∝ q_i·N(x; α_t·c_i, v_t·I),  v_t = σ_t² + α_t²·s²,</pre>
 * which for Gaussian components reduces to u_t(x) = α'·m(x) + κ·(x − α·m(x)), m(x) = Σ_i w_i·c_i
 * ({@link PathTerms}). It is the velocity flow matching regresses onto: the minimiser of the training loss.
 *
 * <p>Kernels: a grid target uses the separable sums ({@link SeparableSum}: cols + rows exponentials per query
 * instead of one per cell) while the cut-off window is wide; once it is narrow (t near 1) and for point sets each
 * query sums only the components within the cut-off ({@link WindowedSum}, log-sum-exp). Both are exact to the
 * cut-off e^−40. Cost on the 256² two-moons grid (README): a 32×32 arrow lattice ≈ 1–3 ms, a 128² lattice
 * ≈ 0.05 s, at any t.
 *
 * <p>Immutable and thread-safe (every call allocates its own scratch), so the app may evaluate it on any
 * background thread. Times are clamped to [0, 1]; a non-finite t is refused.
 */
public final class MarginalField implements VectorField {

    private final Target target;
    private final ProbabilityPath path;

    public MarginalField(Target target, ProbabilityPath path) {
        this.target = target;
        this.path = path;
    }

    public Target target() {
        return target;
    }

    public ProbabilityPath path() {
        return path;
    }

    @Override
    public int dimension() {
        return 2;
    }

    /** u_t at n points x ([n × 2] interleaved) into out ([n × 2]). */
    @Override
    public void evaluate(double t, double[] x, int n, double[] out) {
        PathTerms terms = terms(t);
        double[] mean = new double[2 * Math.min(n, SeparableSum.CHUNK)];
        WindowedSum windowed = new WindowedSum(target);
        SeparableSum separable = separable(terms) ? new SeparableSum(target.grid) : null;
        for (int start = 0; start < n; start += SeparableSum.CHUNK) {
            int m = Math.min(SeparableSum.CHUNK, n - start);
            if (separable != null) {
                separable.means(terms, x, start, m, mean);
            }
            for (int k = 0; k < m; k++) {
                int i = start + k;
                if (separable == null || Double.isNaN(mean[2 * k])) {
                    windowed.mean(terms, x[2 * i], x[2 * i + 1], mean, 2 * k);
                }
                out[2 * i] = terms.velocity(x[2 * i], mean[2 * k]);
                out[2 * i + 1] = terms.velocity(x[2 * i + 1], mean[2 * k + 1]);
            }
        }
    }

    /**
     * u_t on the lattice xs × ys (an arrow grid, an error map): out[2(l·K + k)], out[2(l·K + k) + 1] is the velocity
     * at (xs[k], ys[l]), K = xs.length, so rows follow ys. Same values as {@link #evaluate} at those points; cheaper,
     * since a lattice of K × L points needs only (cols·K + rows·L) exponentials.
     */
    public void evaluateLattice(double t, double[] xs, double[] ys, double[] out) {
        PathTerms terms = terms(t);
        int nk = xs.length;
        int nl = ys.length;
        double[] mean = new double[2 * nk * nl];
        WindowedSum windowed = new WindowedSum(target);
        boolean sep = separable(terms);
        if (sep) {
            new SeparableSum(target.grid).latticeMeans(terms, xs, ys, mean);
        }
        for (int l = 0; l < nl; l++) {
            for (int k = 0; k < nk; k++) {
                int e = 2 * (l * nk + k);
                if (!sep || Double.isNaN(mean[e])) {
                    windowed.mean(terms, xs[k], ys[l], mean, e);
                }
                out[e] = terms.velocity(xs[k], mean[e]);
                out[e + 1] = terms.velocity(ys[l], mean[e + 1]);
            }
        }
    }

    /**
     * The decomposition of u_t(x) into the target's conditional paths through x (see {@link Probe}): all components'
     * weights by one log-sum-exp over the whole target (≈ 0.1 ms per 10 000 components), the {@code maxPaths}
     * heaviest listed.
     */
    public Probe probe(double t, double x, double y, int maxPaths) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("the probed point must be finite");
        }
        if (maxPaths < 0) {
            throw new IllegalArgumentException("maxPaths must be ≥ 0");
        }
        PathTerms terms = terms(t);
        Target g = target;
        double a = terms.alpha();
        double v = terms.variance();
        double[] w = new double[g.count];
        if (v > 0) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < g.count; i++) {
                double dx = x - a * g.cx[i];
                double dy = y - a * g.cy[i];
                w[i] = g.logWeight[i] - (dx * dx + dy * dy) / (2 * v);
                max = Math.max(max, w[i]);
            }
            double z = 0;
            for (int i = 0; i < g.count; i++) {
                w[i] = max == Double.NEGATIVE_INFINITY ? 0 : Math.exp(w[i] - max);
                z += w[i];
            }
            if (z > 0) {
                for (int i = 0; i < g.count; i++) {
                    w[i] /= z;
                }
            } else {
                v = 0;
            }
        }
        if (!(v > 0)) {
            double[] m = new double[2];
            new WindowedSum(g).mean(terms, x, y, m, 0);
            for (int i = 0; i < g.count; i++) {
                if (g.cx[i] == m[0] && g.cy[i] == m[1]) {
                    w[i] = 1;
                    break;
                }
            }
        }
        double mx = 0;
        double my = 0;
        int positive = 0;
        for (int i = 0; i < g.count; i++) {
            mx += w[i] * g.cx[i];
            my += w[i] * g.cy[i];
            positive += w[i] > 0 ? 1 : 0;
        }
        int[] top = heaviest(w, Math.min(maxPaths, positive));
        List<Probe.ConditionalPath> paths = new ArrayList<>(top.length);
        double shown = 0;
        double pull = v > 0 ? a * terms.spread() / v : 0;
        double noise = v > 0 ? terms.sigma() / v : 0;
        for (int i : top) {
            double rx = x - a * g.cx[i];
            double ry = y - a * g.cy[i];
            paths.add(new Probe.ConditionalPath(noise * rx, noise * ry, g.cx[i] + pull * rx, g.cy[i] + pull * ry,
                    terms.velocity(x, g.cx[i]), terms.velocity(y, g.cy[i]), w[i]));
            shown += w[i];
        }
        return new Probe(terms.t(), x, y, terms.velocity(x, mx), terms.velocity(y, my), paths, shown, positive);
    }

    /** Indices of the k largest weights, heaviest first (a min-heap of size k over all components). */
    static int[] heaviest(double[] w, int k) {
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < w.length && k > 0; i++) {
            if (!(w[i] > 0)) {
                continue;
            }
            if (size < k) {
                heap[size] = i;
                int c = size++;
                while (c > 0 && w[heap[(c - 1) / 2]] > w[heap[c]]) {
                    swap(heap, c, (c - 1) / 2);
                    c = (c - 1) / 2;
                }
            } else if (w[i] > w[heap[0]]) {
                heap[0] = i;
                int c = 0;
                while (true) {
                    int l = 2 * c + 1;
                    int r = l + 1;
                    int s = c;
                    if (l < size && w[heap[l]] < w[heap[s]]) {
                        s = l;
                    }
                    if (r < size && w[heap[r]] < w[heap[s]]) {
                        s = r;
                    }
                    if (s == c) {
                        break;
                    }
                    swap(heap, c, s);
                    c = s;
                }
            }
        }
        int[] out = java.util.Arrays.copyOf(heap, size);
        // Heaviest first: sort the (at most k) survivors by decreasing weight.
        Integer[] boxed = java.util.Arrays.stream(out).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(boxed, (p, q) -> Double.compare(w[q], w[p]) != 0 ? Double.compare(w[q], w[p])
                : Integer.compare(p, q));
        for (int i = 0; i < size; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    private static void swap(int[] h, int i, int j) {
        int s = h[i];
        h[i] = h[j];
        h[j] = s;
    }

    PathTerms terms(double t) {
        return PathTerms.of(path, t, target.spread);
    }

    /**
     * The separable kernel pays cols + rows exponentials and two multiply-adds per cell with mass per query; the
     * windowed one pays an exponential per cell within the cut-off radius r = τ·√(2(K + Δ)). The separable one is
     * used while that window holds more than an eighth of the cells with mass.
     */
    private boolean separable(PathTerms terms) {
        GridLayout grid = target.grid;
        if (grid == null || !(terms.variance() > 0)) {
            return false;
        }
        double tau2 = terms.variance1();
        if (!Double.isFinite(tau2)) {
            return true;
        }
        double side = 2 * Math.sqrt(2 * tau2 * (WindowedSum.CUTOFF + target.logWeightRange)) / grid.cell + 1;
        double window = Math.min(side, grid.cols) * Math.min(side, grid.rows);
        return window > target.count / 8.0;
    }
}
