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
        return compute.call(() -> {
            double loss = net.fit(rows(xt, n), column(t, n), rows(ut, n));
            if (average != null) {
                average.update(net.params());
            }
            return loss;
        });
    }

    /** The loss on a batch without updating anything. */
    public double loss(float[] xt, float[] t, float[] ut, int n) {
        return compute.call(() -> net.loss(rows(xt, n), column(t, n), rows(ut, n)));
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
            WeightsSnapshot s = new WeightsSnapshot(net.config(), average.average().dup().data().asFloat(), null,
                    step);
            return s.allFinite() ? s : null;
        });
    }

    @Override
    public int dimension() {
        return 2;
    }

    /** v(x, t) for n points x [n × 2] into out [n × 2]. */
    @Override
    public void evaluate(double t, double[] x, int n, double[] out) {
        compute.run(() -> {
            for (int start = 0; start < n; start += CHUNK) {
                int m = Math.min(CHUNK, n - start);
                float[] v = net.predict(positions(x, start, m), times(t, m)).dup('c').data().asFloat();
                for (int e = 0; e < 2 * m; e++) {
                    out[2 * start + e] = v[e];
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
