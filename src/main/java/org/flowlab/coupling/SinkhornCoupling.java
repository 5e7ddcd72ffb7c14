package org.flowlab.coupling;

import java.util.random.RandomGenerator;

/**
 * Entropic minibatch optimal transport: the plan P minimising ⟨P, C⟩ − ε_abs·H(P) over the couplings of the
 * uniform distributions on the batch's data and noise rows, C[i, j] = ‖x1_i − x0_j‖², then one noise row drawn
 * for each data row from P's conditional P[i, ·] / Σ_j P[i, j].
 *
 * <p><b>Scale.</b> ε is relative: ε_abs = ε · mean(C), so one ε means the same blur for every density. ε → 0
 * approaches the exact assignment ({@link MinibatchOt}); ε → ∞ approaches the independent coupling.
 *
 * <p><b>Log-domain Sinkhorn, stabilised</b> (Schmitzer 2019). The plan is kept as potentials f (rows), g (columns):
 * P[i, j] = exp((f_i + g_j − C[i, j])/ε_abs). The first sweep is the exact log-domain update
 * f_i = −ε_abs·(log m + LSE_j((g_j − C[i, j])/ε_abs)), then g likewise over i, so no row or column of
 * exp(−C/ε_abs) can underflow to zero however small ε is. After that the potentials are absorbed into a kernel
 * K[i, j] = exp((f_i + g_j − C[i, j])/ε_abs) and the iterations are the cheap scaling form a_i = (1/m)/(K·b)_i,
 * b_j = (1/m)/(Kᵀ·a)_j (two matrix–vector products, no exponentials); whenever a scaling leaves [e^−{@value
 * #ABSORB}, e^{@value #ABSORB}] it is absorbed back (f += ε_abs·log a, g += ε_abs·log b, K recomputed). After
 * each b update the columns sum to 1/m exactly; the row sums before the next a update are (1/m)·a_i/a_i', so
 * their L1 error comes free. Iterations stop when it is below {@link #TOLERANCE} or after {@link #MAX_ITERATIONS}.
 *
 * <p><b>Sampling.</b> Each data row i draws column j with probability m·P[i, j] (one uniform number per row,
 * inverse CDF), with replacement, as OT-CFM samples its plan: every data point is kept, and since the columns
 * of P sum to 1/m each noise row is drawn once in expectation, so the noise marginal is unbiased. Batches over
 * {@link MinibatchOt#BLOCK} rows are coupled in blocks, as the exact coupling does.
 */
public final class SinkhornCoupling implements Coupling {

    /** Stop when Σ_i |row sum_i − 1/m| (an L1 distance between distributions, at most 2) falls below this. */
    public static final double TOLERANCE = 1e-3;
    public static final int MAX_ITERATIONS = 2000;
    /** Scalings beyond e^±ABSORB are absorbed into the potentials (the kernel stays far from over/underflow). */
    static final double ABSORB = 30;

    private static final ThreadLocal<Workspace> WORK = ThreadLocal.withInitial(Workspace::new);

    private final double epsilon;

    /** @param epsilon the entropic regularisation relative to the batch's mean squared distance, &gt; 0 */
    public SinkhornCoupling(double epsilon) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("ε must be positive and finite, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public String id() {
        return "ot:" + epsilon;
    }

    @Override
    public void pair(float[] x0, float[] x1, int n, RandomGenerator rng) {
        Workspace w = WORK.get();
        int blocks = (n + MinibatchOt.BLOCK - 1) / MinibatchOt.BLOCK;
        int start = 0;
        for (int b = 0; b < blocks; b++) {
            int m = n / blocks + (b < n % blocks ? 1 : 0);
            plan(x0, x1, start, m, w);
            draw(x0, start, m, w, rng);
            start += m;
        }
    }

    /**
     * The plan of rows start … start+m−1 as potentials in the workspace (w.f, w.g, w.eps); returns the number of
     * iterations. Package-private for tests, which read the plan through {@link #planMatrix}.
     */
    static int plan(float[] x0, float[] x1, int start, int m, double epsilon, Workspace w) {
        w.ensure(m);
        double[] c = w.cost;
        double mean = 0;
        for (int i = 0; i < m; i++) {
            double ax = x1[2 * (start + i)];
            double ay = x1[2 * (start + i) + 1];
            for (int j = 0; j < m; j++) {
                double dx = ax - x0[2 * (start + j)];
                double dy = ay - x0[2 * (start + j) + 1];
                double d = dx * dx + dy * dy;
                c[i * m + j] = d;
                w.costT[j * m + i] = d;
                mean += d;
            }
        }
        mean /= (double) m * m;
        // All points equal (mean 0): any plan is optimal; the product plan comes out.
        double eps = epsilon * (mean > 0 ? mean : 1);
        w.eps = eps;
        double logM = Math.log(m);
        // One exact log-domain sweep from f = g = 0.
        java.util.Arrays.fill(w.g, 0, m, 0);
        java.util.Arrays.fill(w.a, 0, m, 1);
        java.util.Arrays.fill(w.b, 0, m, 1);
        for (int i = 0; i < m; i++) {
            w.f[i] = -eps * (logM + lse(w.g, c, i * m, m, eps));
        }
        for (int j = 0; j < m; j++) {
            w.g[j] = -eps * (logM + lse(w.f, w.costT, j * m, m, eps));
        }
        absorb(w, m);
        int it = 1;
        double inv = 1.0 / m;
        while (it < MAX_ITERATIONS) {
            it++;
            double rowError = 0;
            boolean overflow = false;
            double[] k = w.kernel;
            for (int i = 0; i < m; i++) {
                double s = 0;
                int base = i * m;
                for (int j = 0; j < m; j++) {
                    s += k[base + j] * w.b[j];
                }
                double a = inv / s;
                rowError += Math.abs(w.a[i] / a - 1) * inv;
                w.a[i] = a;
                overflow |= !(Math.abs(Math.log(a)) < ABSORB);
            }
            java.util.Arrays.fill(w.colSum, 0, m, 0);
            for (int i = 0; i < m; i++) {
                double a = w.a[i];
                int base = i * m;
                for (int j = 0; j < m; j++) {
                    w.colSum[j] += k[base + j] * a;
                }
            }
            for (int j = 0; j < m; j++) {
                double b = inv / w.colSum[j];
                w.b[j] = b;
                overflow |= !(Math.abs(Math.log(b)) < ABSORB);
            }
            if (rowError < TOLERANCE) {
                break;
            }
            if (overflow) {
                absorb(w, m);
            }
        }
        for (int i = 0; i < m; i++) {
            w.f[i] += eps * Math.log(w.a[i]);
            w.g[i] += eps * Math.log(w.b[i]);
        }
        return it;
    }

    /** Moves the scalings into the potentials and recomputes K = exp((f_i + g_j − C[i, j])/ε_abs); a = b = 1. */
    private static void absorb(Workspace w, int m) {
        for (int i = 0; i < m; i++) {
            if (w.a[i] != 1) {
                w.f[i] += w.eps * Math.log(w.a[i]);
                w.a[i] = 1;
            }
            if (w.b[i] != 1) {
                w.g[i] += w.eps * Math.log(w.b[i]);
                w.b[i] = 1;
            }
        }
        for (int i = 0; i < m; i++) {
            int base = i * m;
            for (int j = 0; j < m; j++) {
                w.kernel[base + j] = Math.exp((w.f[i] + w.g[j] - w.cost[base + j]) / w.eps);
            }
        }
    }

    private void plan(float[] x0, float[] x1, int start, int m, Workspace w) {
        plan(x0, x1, start, m, epsilon, w);
    }

    /** LSE_k((pot_k − cost[base + k]) / eps), stabilised by the maximum. */
    private static double lse(double[] pot, double[] cost, int base, int m, double eps) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            max = Math.max(max, pot[k] - cost[base + k]);
        }
        double sum = 0;
        for (int k = 0; k < m; k++) {
            sum += Math.exp((pot[k] - cost[base + k] - max) / eps);
        }
        return max / eps + Math.log(sum);
    }

    /** For each data row i, one noise row j ~ P[i, ·] / Σ_j P[i, j]; x0 rows replaced by the drawn ones. */
    private static void draw(float[] x0, int start, int m, Workspace w, RandomGenerator rng) {
        System.arraycopy(x0, 2 * start, w.copy, 0, 2 * m);
        double[] weights = w.row;
        for (int i = 0; i < m; i++) {
            double total = 0;
            for (int j = 0; j < m; j++) {
                // The row's own scale cancels in the conditional: drop f_i and subtract the row maximum later.
                weights[j] = w.g[j] - w.cost[i * m + j];
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                max = Math.max(max, weights[j]);
            }
            for (int j = 0; j < m; j++) {
                weights[j] = Math.exp((weights[j] - max) / w.eps);
                total += weights[j];
            }
            double u = rng.nextDouble() * total;
            int pick = m - 1;
            double acc = 0;
            for (int j = 0; j < m; j++) {
                acc += weights[j];
                if (u < acc) {
                    pick = j;
                    break;
                }
            }
            x0[2 * (start + i)] = w.copy[2 * pick];
            x0[2 * (start + i) + 1] = w.copy[2 * pick + 1];
        }
    }

    /** The plan P [m × m] of the last {@link #plan} in {@code w} (tests). */
    static double[] planMatrix(Workspace w, int m) {
        double[] p = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                p[i * m + j] = Math.exp((w.f[i] + w.g[j] - w.cost[i * m + j]) / w.eps);
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Per-thread buffers: C, Cᵀ and the absorbed kernel [m × m], the potentials and scalings, one row of
     * weights, column sums, a copy of the noise rows.
     */
    static final class Workspace {
        double[] cost = new double[0];
        double[] costT = new double[0];
        double[] kernel = new double[0];
        double[] f = new double[0];
        double[] g = new double[0];
        double[] a = new double[0];
        double[] b = new double[0];
        double[] colSum = new double[0];
        double[] row = new double[0];
        float[] copy = new float[0];
        double eps;

        void ensure(int m) {
            if (f.length < m) {
                cost = new double[m * m];
                costT = new double[m * m];
                kernel = new double[m * m];
                f = new double[m];
                g = new double[m];
                a = new double[m];
                b = new double[m];
                colSum = new double[m];
                row = new double[m];
                copy = new float[2 * m];
            }
        }
    }
}
