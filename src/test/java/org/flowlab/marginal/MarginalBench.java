package org.flowlab.marginal;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.density.Preset;
import org.flowlab.flow.ProbabilityPath;

/**
 * The measurements behind README's "The exact marginal field": overlay timings, the floors table and the error of
 * the cell treatment. Not a test (wall-clock numbers): run after {@code mvn test-compile} with
 * {@code java -cp target/classes:target/test-classes org.flowlab.marginal.MarginalBench [timings|floors|cells]}.
 */
public final class MarginalBench {

    private MarginalBench() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        if (what.equals("all") || what.equals("timings")) {
            timings();
        }
        if (what.equals("all") || what.equals("floors")) {
            floors(args.length > 1 ? Integer.parseInt(args[1]) : 81_920);
        }
        if (what.equals("all") || what.equals("cells")) {
            cells();
        }
    }

    static double[] axis(int n, boolean down) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = down ? 4 - (i + 0.5) * 8 / n : -4 + (i + 0.5) * 8 / n;
        }
        return a;
    }

    /** Median wall time in ms of {@code reps} runs after {@code reps} warm-up runs. */
    static double median(Runnable r, int reps) {
        for (int i = 0; i < reps; i++) {
            r.run();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    static void timings() {
        DensityGrid g = DensitySources.load("moons", 256, 4);
        Target target = Target.ofGrid(g);
        System.out.printf(Locale.ROOT, "moons 256²: %d cells with mass; median ms at each t%n",
                target.size());
        double[] xs32 = axis(32, false);
        double[] ys32 = axis(32, true);
        double[] xs128 = axis(128, false);
        double[] ys128 = axis(128, true);
        double[] pts = new SplittableRandom(1).doubles(2 * 1024, -4, 4).toArray();
        double[] ts = {0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 0.999, 1};
        System.out.print("path       what              ");
        for (double t : ts) {
            System.out.printf(Locale.ROOT, "%7s", t);
        }
        System.out.println();
        for (String id : ProbabilityPath.IDS) {
            MarginalField f = new MarginalField(target, ProbabilityPath.byId(id));
            double[] o32 = new double[2 * 32 * 32];
            double[] o128 = new double[2 * 128 * 128];
            double[] op = new double[2 * 1024];
            row(id, "lattice 32×32", ts, t -> median(() -> f.evaluateLattice(t, xs32, ys32, o32), 21));
            row(id, "lattice 128×128", ts, t -> median(() -> f.evaluateLattice(t, xs128, ys128, o128), 5));
            row(id, "1024 points", ts, t -> median(() -> f.evaluate(t, pts, 1024, op), 11));
            row(id, "probe, top 64", ts, t -> median(() -> f.probe(t, 0.3, 0.2, 64), 11));
            double floorMs = median(() -> LossFloor.measure(f, g.sampler(), LossFloor.DEFAULT_SAMPLES,
                    LossFloor.DEFAULT_BINS, 0), 3);
            System.out.printf(Locale.ROOT, "%-10s loss floor, %d samples: %.0f ms%n", id, LossFloor.DEFAULT_SAMPLES,
                    floorMs);
        }
    }

    interface TimeAt {
        double at(double t);
    }

    static void row(String id, String what, double[] ts, TimeAt f) {
        System.out.printf(Locale.ROOT, "%-10s %-18s", id, what);
        for (double t : ts) {
            System.out.printf(Locale.ROOT, "%7.2f", f.at(t));
        }
        System.out.println();
    }

    static void floors(int samples) {
        System.out.printf(Locale.ROOT, "loss floor L* ± s.e., %d samples, seed 0, 256² grid%n", samples);
        System.out.println("| preset | ot | sigma-min | vp |");
        for (Preset p : Preset.values()) {
            DensityGrid g = DensitySources.load(p.id(), 256, 4);
            Target target = Target.ofGrid(g);
            StringBuilder sb = new StringBuilder("| " + p.id() + " |");
            for (String id : ProbabilityPath.IDS) {
                LossFloor.Curve c = LossFloor.measure(new MarginalField(target, ProbabilityPath.byId(id)),
                        g.sampler(), samples, LossFloor.DEFAULT_BINS, 0).floor();
                sb.append(String.format(Locale.ROOT, " %.3f ± %.3f |", c.loss(), c.standardError()));
            }
            System.out.println(sb);
        }
    }

    static boolean onSupport(DensityGrid g, double x, double y) {
        int col = (int) Math.floor(g.xToCol(x));
        int row = (int) Math.floor(g.yToRow(y));
        return col >= 0 && row >= 0 && col < g.size() && row < g.size() && g.get(col, row) >= 0.05f;
    }

    /**
     * SPREAD and POINT against uniform squares on moons 256²: the oracle splits each cell into 8 × 8 Gaussian
     * sub-cells (spread (c/8)²/12), whose own ripple is below 1e-8 while τ ≥ c/8 (t ≤ 0.996 on OT). RMS and max
     * |Δu| over a 64² lattice of the moons' bounding box, and the floor bias ½E‖Δu‖² over t ∈ [0.9, 0.996).
     */
    static void cells() {
        DensityGrid g = DensitySources.load("moons", 256, 4);
        Target spread = Target.ofGrid(g);
        Target point = Target.ofGrid(g.copyMass(), 256, 4, Target.CellTreatment.POINT);
        double c = g.cellSize();
        int k = 8;
        int n = spread.size() * k * k;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] q = new double[n];
        for (int i = 0, e = 0; i < spread.size(); i++) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++, e++) {
                    x[e] = spread.cx[i] + c * ((a + 0.5) / k - 0.5);
                    y[e] = spread.cy[i] + c * ((b + 0.5) / k - 0.5);
                    q[e] = spread.weight[i];
                }
            }
        }
        Target oracle = Target.ofComponents(x, y, q, (c / k) * (c / k) / 12);
        double[] xs = new double[64];
        double[] ys = new double[64];
        for (int i = 0; i < 64; i++) {
            xs[i] = -2.2 + 4.4 * (i + 0.5) / 64;
            ys[i] = -1.6 + 3.2 * (i + 0.5) / 64;
        }
        System.out.println("cell treatment vs uniform squares (moons 256², OT): t, RMS/max |Δu| (max relative) on and off the support, SPREAD then POINT");
        ProbabilityPath ot = ProbabilityPath.byId("ot");
        for (double t : new double[]{0.5, 0.9, 0.95, 0.97, 0.98, 0.985, 0.99, 0.995}) {
            double[] ref = new double[2 * 64 * 64];
            new MarginalField(oracle, ot).evaluateLattice(t, xs, ys, ref);
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "t=%.3f", t));
            for (Target tg : new Target[]{spread, point}) {
                double[] u = new double[ref.length];
                new MarginalField(tg, ot).evaluateLattice(t, xs, ys, u);
                // On the support (the cell under the point has ≥ 5% of the largest mass) and off it.
                double[] ss = new double[2];
                double[] max = new double[2];
                double[] rel = new double[2];
                int[] cnt = new int[2];
                for (int e = 0; e < u.length; e += 2) {
                    int on = onSupport(g, xs[(e / 2) % 64] / t, ys[(e / 2) / 64] / t) ? 0 : 1;
                    double d = Math.hypot(u[e] - ref[e], u[e + 1] - ref[e + 1]);
                    ss[on] += d * d;
                    max[on] = Math.max(max[on], d);
                    rel[on] = Math.max(rel[on], d / Math.hypot(ref[e], ref[e + 1]));
                    cnt[on]++;
                }
                sb.append(String.format(Locale.ROOT, " | on %.1e/%.1e (rel %.1e), off %.1e/%.1e (rel %.1e)",
                        Math.sqrt(ss[0] / cnt[0]), max[0], rel[0], Math.sqrt(ss[1] / cnt[1]), max[1], rel[1]));
            }
            System.out.println(sb);
        }
        // Floor bias of SPREAD: ½E‖u_spread − u_oracle‖² on training draws, t ~ U(0.9, 0.996), times 0.096.
        SplittableRandom rng = new SplittableRandom(5);
        int m = 4000;
        double bias = 0;
        float[] x1 = g.sampler().sample(m, rng);
        MarginalField fs = new MarginalField(spread, ot);
        MarginalField fo = new MarginalField(oracle, ot);
        for (int i = 0; i < m; i++) {
            double t = 0.9 + 0.096 * rng.nextDouble();
            double[] xt = {t * x1[2 * i] + (1 - t) * rng.nextGaussian(), t * x1[2 * i + 1] + (1 - t) * rng.nextGaussian()};
            double[] a = new double[2];
            double[] b = new double[2];
            fs.evaluate(t, xt, 1, a);
            fo.evaluate(t, xt, 1, b);
            bias += 0.5 * ((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])) / m;
        }
        System.out.printf(Locale.ROOT, "floor bias of SPREAD from t in [0.9, 0.996): %.2e%n", bias * 0.096);
    }
}
