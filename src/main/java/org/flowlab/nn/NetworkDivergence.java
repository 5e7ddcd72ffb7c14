package org.flowlab.nn;

import org.flowlab.likelihood.DivergenceField;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * v and div v of a trained network.
 *
 * <p>MLP: exact, at the cost of about three forward passes ({@link MlpTangents}: forward-mode differentiation
 * along x and y, v from the same pass). U-Net: DL4J 1.0.0-M2.1's ComputationGraph exposes neither input
 * gradients nor its layers' tangents, so the divergence stays a central difference with step h = 1e-3 (a forward
 * pass for v and four more; error O(h²) plus float rounding ≈ 1e-3 relative), documented as approximate.
 *
 * <p>Not thread-safe: one instance per thread, like the network it wraps; each evaluation uses the network's
 * current weights.
 */
public final class NetworkDivergence implements DivergenceField {

    static final double FD_STEP = 1e-3;
    /** Rows per forward-mode pass: its stacked arrays hold 3·CHUNK rows (≈ 12 MB each at width 256). */
    private static final int CHUNK = 4096;

    private final Network network;
    private final VelocityNet net;
    private final Condition condition;

    /** The divergence of {@code network}'s field; evaluations run on the network's compute thread. */
    public NetworkDivergence(Network network) {
        this(network, Condition.NONE);
    }

    /**
     * The divergence of the guided field v_w = v∅ + w·(v_y − v∅) (see {@link Condition}): div is linear, so
     * div v_w = div v∅ + w·(div v_y − div v∅), each term exact for the MLP.
     */
    public NetworkDivergence(Network network, Condition condition) {
        network.requireCondition(condition);
        this.network = network;
        this.net = network.raw();
        this.condition = condition;
    }

    /** True when the divergence is exact (MLP), false for the finite-difference U-Net. */
    public boolean exact() {
        return net instanceof MlpNet;
    }

    @Override
    public void velocityAndDivergence(double t, double[] x, int n, double[] v, double[] div) {
        Condition c = condition;
        if (c.rows() >= 0 && c.rows() != n) {
            throw new IllegalArgumentException("the condition has a class for " + c.rows() + " rows, not " + n);
        }
        boolean nullOnly = c.unconditional();
        boolean classOnly = !nullOnly && c.guidance() == 1.0;
        network.compute().run(() -> {
            pass(t, x, n, v, div, !classOnly);
            if (nullOnly || classOnly) {
                return;
            }
            double[] vy = new double[2 * n];
            double[] dy = new double[n];
            pass(t, x, n, vy, dy, false);
            double w = c.guidance();
            for (int e = 0; e < 2 * n; e++) {
                v[e] += w * (vy[e] - v[e]);
            }
            for (int i = 0; i < n; i++) {
                div[i] += w * (dy[i] - div[i]);
            }
        });
    }

    /** v and div v of the null class (nullClass) or of the condition's classes. */
    private void pass(double t, double[] x, int n, double[] v, double[] div, boolean nullClass) {
        if (net instanceof MlpNet mlp) {
            exact(mlp, t, x, n, v, div, nullClass);
        } else {
            for (int start = 0; start < n; start += CHUNK) {
                int m = Math.min(CHUNK, n - start);
                float[] vc = HostFloats.rowMajor(net.predict(Network.positions(x, start, m), Network.times(t, m),
                        network.oneHot(condition, start, m, nullClass)));
                for (int e = 0; e < 2 * m; e++) {
                    v[2 * start + e] = vc[e];
                }
            }
            finiteDifference(t, x, n, div, nullClass);
        }
    }

    private void exact(MlpNet mlp, double t, double[] x, int n, double[] v, double[] div, boolean nullClass) {
        float[] vc = new float[2 * Math.min(n, CHUNK)];
        float[] dc = new float[Math.min(n, CHUNK)];
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            INDArray features = mlp.features(Network.positions(x, start, m), Network.times(t, m),
                    network.oneHot(condition, start, m, nullClass));
            mlp.tangents().evaluate(features, vc, dc);
            for (int i = 0; i < m; i++) {
                v[2 * (start + i)] = vc[2 * i];
                v[2 * (start + i) + 1] = vc[2 * i + 1];
                div[start + i] = dc[i];
            }
        }
    }

    private void finiteDifference(double t, double[] x, int n, double[] div, boolean nullClass) {
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            INDArray xa = Network.positions(x, start, m);
            INDArray ta = Network.times(t, m);
            INDArray ca = network.oneHot(condition, start, m, nullClass);
            for (int k = 0; k < 2; k++) {
                INDArray plus = xa.dup();
                INDArray minus = xa.dup();
                plus.get(NDArrayIndex.all(), NDArrayIndex.point(k)).addi(FD_STEP);
                minus.get(NDArrayIndex.all(), NDArrayIndex.point(k)).subi(FD_STEP);
                INDArray dv = net.predict(plus, ta, ca).sub(net.predict(minus, ta, ca)).divi(2 * FD_STEP);
                float[] dk = HostFloats.rowMajor(dv.get(NDArrayIndex.all(), NDArrayIndex.point(k)));
                for (int i = 0; i < m; i++) {
                    div[start + i] = k == 0 ? dk[i] : div[start + i] + dk[i];
                }
            }
        }
    }
}
