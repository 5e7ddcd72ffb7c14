package org.flowlab.nn;

import org.flowlab.compute.ComputeThread;
import org.flowlab.ode.VectorField;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A velocity network v_θ(x, t): ℝ² × [0, 1] → ℝ², the only public handle on one. It holds its
 * {@link ComputeThread} and runs every call there, so no code outside this package can touch ND4J memory from the
 * wrong thread: on CUDA the work is queued for the device thread; on the CPU it runs on the caller's thread.
 *
 * <p>Everything that crosses this API is on the heap: positions and velocities as {@code double[]} rows [n × 2],
 * batches as {@code float[]} (x_t and u_t [n × 2], t [n]), weights as {@link WeightsSnapshot}s. The loss is the
 * mean over all n·2 elements of (v − u)², as in the reference recipe.
 *
 * <p>Not thread-safe: one thread at a time uses an instance (the trainer's thread, or one sampling thread). Give
 * each sampling thread its own network, built from a snapshot with {@link #of}.
 *
 * <p>Optionally keeps an exponential moving average of its weights ({@link #startAverage}), updated after every
 * {@link #fit}; fitting never reads it.
 */
public final class Network implements VectorField {

    /** Rows per forward pass when evaluating many points: bounds activation memory (256 wide × 16k ≈ 16 MB). */
    private static final int CHUNK = org.flowlab.io.Budgets.EVALUATION_ROWS;

    private final ComputeThread compute;
    private final VelocityNet net;
    private WeightAverage average;      // null when off; lives where the network lives

    private Network(ComputeThread compute, VelocityNet net) {
        this.compute = compute;
        this.net = net;
    }

    /** A new network with seeded initial weights (see {@link Networks}), built on the compute thread. */
    public static Network build(ComputeThread compute, ModelConfig config, double learningRate) {
        return new Network(compute, compute.call(() -> Networks.build(config, learningRate)));
    }

    /** A new network holding {@code weights} (and their optimiser state and step, when present). */
    public static Network of(ComputeThread compute, WeightsSnapshot weights, double learningRate) {
        return new Network(compute, compute.call(() -> {
            VelocityNet n = Networks.build(weights.config(), learningRate);
            weights.loadInto(n);
            return n;
        }));
    }

    /** {@link #of(ComputeThread, WeightsSnapshot, double)} for evaluation only (the learning rate is unused). */
    public static Network of(ComputeThread compute, WeightsSnapshot weights) {
        return of(compute, weights, 1e-3);
    }

    /** The weights of a fresh, untrained network for a config (step 0, no optimiser state). */
    public static WeightsSnapshot initialWeights(ComputeThread compute, ModelConfig config) {
        return build(compute, config, 1e-3).snapshot(0, false);
    }

    public ModelConfig config() {
        return net.config();
    }

    public ComputeThread compute() {
        return compute;
    }

    VelocityNet raw() {
        return net;
    }

    public long numParams() {
        return net.numParams();
    }

    /** One Adam step on a batch of n rows; returns the batch loss before the update; updates the average if on. */
    public double fit(float[] xt, float[] t, float[] ut, int n) {
        return fit(xt, t, ut, null, n);
    }

    /**
     * One Adam step of a conditional network: labels[i] ∈ [0, K] is row i's class, K the null class ∅ (label
     * dropout); null for an unconditional network.
     */
    public double fit(float[] xt, float[] t, float[] ut, int[] labels, int n) {
        return compute.call(() -> {
            double loss = net.fit(rows(xt, n), column(t, n), classes(labels, n), rows(ut, n));
            if (average != null) {
                average.update(net.params());
            }
            return loss;
        });
    }

    /** The loss on a batch without updating anything. */
    public double loss(float[] xt, float[] t, float[] ut, int n) {
        return loss(xt, t, ut, null, n);
    }

    /** The loss on a labelled batch (labels as in {@link #fit(float[], float[], float[], int[], int)}). */
    public double loss(float[] xt, float[] t, float[] ut, int[] labels, int n) {
        return compute.call(() -> net.loss(rows(xt, n), column(t, n), classes(labels, n), rows(ut, n)));
    }

    /** The one-hot rows [n, K+1] of labels in [0, K], or null for an unconditional network (which takes none). */
    private INDArray classes(int[] labels, int n) {
        int k = config().classes();
        if (k == 0) {
            if (labels != null) {
                throw new IllegalArgumentException("this network is not conditional: it takes no labels");
            }
            return null;
        }
        if (labels == null) {
            throw new IllegalArgumentException("this network is conditional: it needs a label per row");
        }
        float[] h = new float[n * (k + 1)];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] > k) {
                throw new IllegalArgumentException("label " + labels[i] + " is not in [0, " + k + "]");
            }
            h[i * (k + 1) + labels[i]] = 1f;
        }
        return Nd4j.create(h, new long[]{n, k + 1}, DataType.FLOAT);
    }

    /**
     * The one-hot classes [m, K+1] of rows start … start+m−1 under a condition (a null condition or
     * {@link Condition#NULL} means ∅ = index K); null for an unconditional network.
     */
    INDArray oneHot(Condition c, int start, int m, boolean nullClass) {
        int k = config().classes();
        if (k == 0) {
            return null;
        }
        float[] h = new float[m * (k + 1)];
        for (int i = 0; i < m; i++) {
            int y = nullClass || c == null ? Condition.NULL : c.labelOf(start + i);
            h[i * (k + 1) + (y == Condition.NULL ? k : y)] = 1f;
        }
        return Nd4j.create(h, new long[]{m, k + 1}, DataType.FLOAT);
    }

    /** Refuses a condition this network cannot take: a class on an unconditional network, or one beyond K. */
    public void requireCondition(Condition c) {
        if (c.unconditional() && c.maxLabel() < config().classes()) {
            return;
        }
        if (!config().conditional()) {
            throw new IllegalArgumentException("this model was trained without classes; it has no class to choose");
        }
        if (c.maxLabel() >= config().classes()) {
            throw new IllegalArgumentException("class " + c.maxLabel() + " does not exist: this model has classes 0 … "
                    + (config().classes() - 1));
        }
    }

    /**
     * The guided field v_w(x, t | y) = v(x, t, ∅) + w·(v(x, t, y) − v(x, t, ∅)) as a {@link VectorField} (see
     * {@link Condition}); {@code this} itself for {@link Condition#NONE}. With per-row classes every evaluation
     * must be of exactly those rows.
     */
    public VectorField conditioned(Condition c) {
        requireCondition(c);
        if (c.equals(Condition.NONE)) {
            return this;
        }
        return new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] x, int n, double[] out) {
                Network.this.evaluate(t, x, n, out, c);
            }
        };
    }

    public void setLearningRate(double lr) {
        compute.run(() -> net.setLearningRate(lr));
    }

    /** A heap copy of the weights at {@code step}, with the optimiser state when asked and present. */
    public WeightsSnapshot snapshot(long step, boolean withUpdater) {
        return compute.call(() -> WeightsSnapshot.of(net, step, withUpdater));
    }

    /** Copies weights (and optimiser state, and the step into Adam's bias correction) into this network. */
    public void load(WeightsSnapshot weights) {
        compute.run(() -> weights.loadInto(net));
    }

    /** Starts (or restarts) a weight average with decay β from the current weights. */
    public void startAverage(double decay) {
        compute.run(() -> average = new WeightAverage(decay, net.params()));
    }

    /** The average as weights at {@code step} (no optimiser state), or null when off or not finite. */
    public WeightsSnapshot averageSnapshot(long step) {
        return compute.call(() -> {
            if (average == null) {
                return null;
            }
            WeightsSnapshot s = new WeightsSnapshot(net.config(), HostFloats.rowMajor(average.average()), null,
                    step);
            return s.allFinite() ? s : null;
        });
    }

    @Override
    public int dimension() {
        return 2;
    }

    /** v(x, t) for n points x [n × 2] into out [n × 2]; for a conditional network the null-class field v(x, t, ∅). */
    @Override
    public void evaluate(double t, double[] x, int n, double[] out) {
        evaluate(t, x, n, out, Condition.NONE);
    }

    /**
     * v_w(x, t | y) for n points under a condition (see {@link Condition}). w = 0 evaluates only the null class
     * and w = 1 only the class, so both are exactly those fields; other w take both passes and combine them in
     * double precision: v∅ + w·(v_y − v∅).
     */
    public void evaluate(double t, double[] x, int n, double[] out, Condition c) {
        if (c.rows() >= 0 && c.rows() != n) {
            throw new IllegalArgumentException("the condition has a class for " + c.rows() + " rows, not " + n);
        }
        boolean nullOnly = c.unconditional();
        boolean classOnly = !nullOnly && c.guidance() == 1.0;
        double w = c.guidance();
        compute.run(() -> {
            for (int start = 0; start < n; start += CHUNK) {
                int m = Math.min(CHUNK, n - start);
                INDArray xs = positions(x, start, m);
                INDArray ts = times(t, m);
                float[] v = HostFloats.rowMajor(net.predict(xs, ts, oneHot(c, start, m, !classOnly)));
                if (nullOnly || classOnly) {
                    for (int e = 0; e < 2 * m; e++) {
                        out[2 * start + e] = v[e];
                    }
                    continue;
                }
                float[] vy = HostFloats.rowMajor(net.predict(xs, ts, oneHot(c, start, m, false)));
                for (int e = 0; e < 2 * m; e++) {
                    double v0 = v[e];
                    out[2 * start + e] = v0 + w * (vy[e] - v0);
                }
            }
        });
    }

    /** Rows start … start+m−1 of x ([n × 2] doubles) as a FLOAT array [m, 2]. */
    static INDArray positions(double[] x, int start, int m) {
        float[] xs = new float[2 * m];
        for (int e = 0; e < 2 * m; e++) {
            xs[e] = (float) x[2 * start + e];
        }
        return Nd4j.create(xs, new long[]{m, 2}, DataType.FLOAT);
    }

    /** A column [m, 1] filled with t. */
    static INDArray times(double t, int m) {
        return Nd4j.valueArrayOf(new long[]{m, 1}, (float) t, DataType.FLOAT);
    }

    private static INDArray rows(float[] v, int n) {
        return Nd4j.create(v, new long[]{n, 2}, DataType.FLOAT);
    }

    private static INDArray column(float[] v, int n) {
        return Nd4j.create(v, new long[]{n, 1}, DataType.FLOAT);
    }
}
