package org.flowlab.coupling;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How the noise rows of a training batch are paired with its data rows before the path x_t is formed.
 *
 * <p>Flow matching learns the marginal velocity of whatever joint distribution π(x0, x1) the pairs come from;
 * any π with marginals N(0, I) and the data is valid. The <b>independent</b> coupling π = N(0, I) ⊗ data (what
 * FlowLab always did) makes conditional paths cross, so the learned marginal field bends. <b>Minibatch optimal
 * transport</b> (Tong et al. 2023; Pooladian et al. 2023) re-pairs each batch by the assignment minimising
 * Σ_i ‖x1_i − x0_σ(i)‖², so the straight conditional paths within a batch do not cross; its entropic variant
 * (Sinkhorn, ε) interpolates between the two.
 *
 * <p>Arrays are flat [n × 2] rows, as everywhere in FlowLab. Implementations are immutable and thread-safe; any
 * randomness comes from the caller's generator, so the same generator state gives the same pairs.
 */
public interface Coupling {

    /** The spec that {@link #parse} reads back: "independent", "ot" or "ot:ε". */
    String id();

    /**
     * Re-pairs in place: afterwards noise row i of {@code x0} belongs with data row i of {@code x1}. x1 is never
     * changed (every data point is kept); x0's rows are a rearrangement (or, for the entropic coupling, a
     * resampling) of the rows given.
     */
    void pair(float[] x0, float[] x1, int n, RandomGenerator rng);

    /** The independent coupling: leaves the pairs as drawn and draws nothing. */
    Coupling INDEPENDENT = new Coupling() {
        @Override
        public String id() {
            return "independent";
        }

        @Override
        public void pair(float[] x0, float[] x1, int n, RandomGenerator rng) {
        }

        @Override
        public String toString() {
            return id();
        }
    };

    /**
     * A coupling by spec: {@code independent}, {@code ot} (exact minibatch OT) or {@code ot:ε} with ε &gt; 0
     * (entropic OT; ε is relative to the batch's mean squared distance, see {@link SinkhornCoupling}).
     *
     * @throws IllegalArgumentException naming the choices, for anything else
     */
    static Coupling parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("independent") || s.equals("none")) {
            return INDEPENDENT;
        }
        if (s.equals("ot") || s.equals("exact-ot")) {
            return new MinibatchOt();
        }
        if (s.startsWith("ot:")) {
            double eps;
            try {
                eps = Double.parseDouble(s.substring(3));
            } catch (NumberFormatException e) {
                eps = Double.NaN;
            }
            if (!(eps > 0) || eps > 1e6) {
                throw new IllegalArgumentException("the entropic coupling needs ε in (0, 1e6], as in ot:0.05; got '"
                        + spec + "'");
            }
            return new SinkhornCoupling(eps);
        }
        throw new IllegalArgumentException("unknown coupling '" + spec
                + "'; choose independent, ot (exact minibatch OT) or ot:EPS (entropic, e.g. ot:0.05)");
    }

    /** Mean over rows of ‖x1_i − x0_i‖², the transport cost of the pairs as they stand. */
    static double meanSquaredDistance(float[] x0, float[] x1, int n) {
        double sum = 0;
        for (int e = 0; e < 2 * n; e++) {
            double d = x1[e] - x0[e];
            sum += d * d;
        }
        return n == 0 ? 0 : sum / n;
    }
}
