package org.flowlab.marginal;

import java.util.SplittableRandom;
import org.flowlab.density.PointSampler;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.ode.VectorField;

/**
 * The irreducible flow-matching loss of a target and path, L* = E_{t, x0, x1} ½‖u_t(x_t | x1) − u_t(x_t)‖², in the
 * training loss's units (the mean over the batch and both coordinates of (v − u)², hence the ½), by Monte Carlo
 * with its standard error; and the loss by t, binned, for the data (the floor) and for any model on the same
 * samples. No model can go below L* in expectation: E‖v − u(x_t|x1)‖² = E‖v − u_t‖² + E‖u_t − u(x_t|x1)‖².
 *
 * <p>Sampling, as training does: t ~ U(0, t_max), x1 from the data sampler, x0 ~ N(0, I). Stratified by t: B bins
 * of equal width, L slices per bin, each slice one t drawn uniformly in its bin and {@code slice} pairs (x0, x1),
 * so a model is evaluated once per slice (a network call takes one t). Slice means are independent within a bin:
 * the bin's loss is their mean, its standard error their standard deviation / √L; the overall loss is the mean of
 * the bins (t is uniform), its standard error √(Σ se_b²)/B. Everything comes from the seed: the same seed gives
 * the same samples and numbers.
 *
 * <p>The data are the training distribution (for a grid, its {@code GridSampler}: uniform in each cell), while
 * the field models the cells as Gaussians (see {@link Target}); L* is then a slight over-estimate, by
 * E‖u_exact − u_field‖²/2 (README gives its size). Cost: one field evaluation per sample (≈ 20 µs on the 256²
 * moons grid), so 20 000 samples take ≈ 0.3 s; the samples are kept (4 doubles each) for {@link #model}.
 */
public final class LossFloor {

    public static final int DEFAULT_SAMPLES = 20_480;
    public static final int DEFAULT_BINS = 20;
    static final int MAX_SLICE = 64;

    /**
     * A loss as a function of t.
     *
     * @param loss          the mean over t ~ U(0, t_max)
     * @param standardError its Monte Carlo standard error
     * @param byBin         the mean loss in each t bin (bin b covers [edges[b], edges[b+1]))
     * @param byBinError    their standard errors
     */
    public record Curve(double loss, double standardError, double[] byBin, double[] byBinError) {
    }

    private final int bins;
    private final int perBin;
    private final int slice;
    private final double tMax;
    private final double[] t;
    private final double[] xt;
    private final double[] ut;
    private final Curve floor;

    private LossFloor(int bins, int perBin, int slice, double tMax, double[] t, double[] xt, double[] ut,
                      MarginalField field) {
        this.bins = bins;
        this.perBin = perBin;
        this.slice = slice;
        this.tMax = tMax;
        this.t = t;
        this.xt = xt;
        this.ut = ut;
        this.floor = curve(field);
    }

    /**
     * Draws about {@code samples} pairs from the seed and measures the floor of {@code field}'s path on them.
     *
     * @param data the distribution training draws x1 from
     */
    public static LossFloor measure(MarginalField field, PointSampler data, int samples, int bins, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("the number of samples must be at least 1");
        }
        if (bins < 1 || bins > 1000) {
            throw new IllegalArgumentException("the number of t bins must be in [1, 1000]");
        }
        int perBin = Math.max(2, (int) Math.ceil((double) samples / ((double) bins * MAX_SLICE)));
        int slice = (int) Math.max(1, Math.min(MAX_SLICE, samples / ((long) bins * perBin)));
        int slices = bins * perBin;
        ProbabilityPath path = field.path();
        double tMax = path.tMax();
        double[] t = new double[slices];
        double[] xt = new double[2 * slices * slice];
        double[] ut = new double[2 * slices * slice];
        float[] x1 = new float[2 * slice];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int s = 0; s < slices; s++) {
            int b = s / perBin;
            double ts = tMax * (b + rng.nextDouble()) / bins;
            t[s] = ts;
            double a = path.alpha(ts);
            double sg = path.sigma(ts);
            double da = path.alphaDot(ts);
            double ds = path.sigmaDot(ts);
            data.sample(slice, rng, x1);
            for (int e = 0; e < 2 * slice; e++) {
                double x0 = rng.nextGaussian();
                int o = 2 * s * slice + e;
                xt[o] = a * x1[e] + sg * x0;
                ut[o] = da * x1[e] + ds * x0;
            }
        }
        return new LossFloor(bins, perBin, slice, tMax, t, xt, ut, field);
    }

    /** The floor L*: the loss of the exact field on these samples. */
    public Curve floor() {
        return floor;
    }

    /** The loss of any velocity field (a network, say) on the same samples, by t. */
    public Curve model(VectorField model) {
        return curve(model);
    }

    /** The number of (x0, x1, t) samples drawn. */
    public int samples() {
        return t.length * slice;
    }

    public int bins() {
        return bins;
    }

    /** Bin b covers [edges[b], edges[b + 1]); edges[bins] = t_max. */
    public double[] binEdges() {
        double[] e = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            e[b] = tMax * b / bins;
        }
        return e;
    }

    private Curve curve(VectorField v) {
        double[] out = new double[2 * slice];
        double[] xs = new double[2 * slice];
        double[] sliceMean = new double[t.length];
        for (int s = 0; s < t.length; s++) {
            System.arraycopy(xt, 2 * s * slice, xs, 0, 2 * slice);
            v.evaluate(t[s], xs, slice, out);
            double sum = 0;
            for (int e = 0; e < 2 * slice; e++) {
                double d = out[e] - ut[2 * s * slice + e];
                sum += d * d;
            }
            sliceMean[s] = sum / (2.0 * slice);
        }
        double[] byBin = new double[bins];
        double[] byBinError = new double[bins];
        double total = 0;
        double var = 0;
        for (int b = 0; b < bins; b++) {
            double m = 0;
            for (int j = 0; j < perBin; j++) {
                m += sliceMean[b * perBin + j];
            }
            m /= perBin;
            double ss = 0;
            for (int j = 0; j < perBin; j++) {
                double d = sliceMean[b * perBin + j] - m;
                ss += d * d;
            }
            byBin[b] = m;
            byBinError[b] = Math.sqrt(ss / (perBin - 1) / perBin);
            total += m;
            var += byBinError[b] * byBinError[b];
        }
        return new Curve(total / bins, Math.sqrt(var) / bins, byBin, byBinError);
    }
}
