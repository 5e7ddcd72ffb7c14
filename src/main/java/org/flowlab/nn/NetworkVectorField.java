package org.flowlab.nn;

import org.flowlab.compute.Device;

import org.flowlab.ode.VectorField;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained {@link VelocityNet} as an ODE {@link VectorField} on positions (dimension 2).
 * Evaluates in chunks to bound memory (a 256-wide layer on 16k particles is 16 MB). The network is used
 * from the calling thread only: give each sampling thread its own instance. When the {@link Device} is
 * serialized each evaluation runs as a task on the device thread; only heap arrays cross threads.
 */
public final class NetworkVectorField implements VectorField {

    private static final int CHUNK = 16_384;
    private final VelocityNet net;

    public NetworkVectorField(VelocityNet net) {
        this.net = net;
    }

    public VelocityNet network() {
        return net;
    }

    /** Rows start … start+m−1 of x ([n × 2] doubles) as a FLOAT array [m, 2]. */
    static INDArray positions(double[] x, int start, int m) {
        float[] xs = new float[2 * m];
        for (int e = 0; e < 2 * m; e++) {
            xs[e] = (float) x[2 * start + e];
        }
        return Nd4j.create(xs, new long[]{m, 2}, DataType.FLOAT);
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public void evaluate(double t, double[] x, int n, double[] out) {
        Device.run(() -> evaluateHere(t, x, n, out));
    }

    private void evaluateHere(double t, double[] x, int n, double[] out) {
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            INDArray xa = positions(x, start, m);
            INDArray ta = Nd4j.valueArrayOf(new long[]{m, 1}, (float) t, DataType.FLOAT);
            float[] v = net.predict(xa, ta).dup('c').data().asFloat();
            for (int e = 0; e < 2 * m; e++) {
                out[2 * start + e] = v[e];
            }
        }
    }
}
