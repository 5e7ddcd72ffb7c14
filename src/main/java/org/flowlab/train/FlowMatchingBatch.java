package org.flowlab.train;

import java.util.SplittableRandom;
import org.flowlab.density.PointSampler;
import org.flowlab.flow.ProbabilityPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reusable host buffers for one flow-matching batch of {@code size} rows: x1 from the target, x0 ~ N(0, I),
 * t ~ U(0, t_max), and the path's x_t and u_t (flat [size × 2] except t [size]). The ND4J arrays are created per
 * call, on the thread that owns the network.
 */
final class FlowMatchingBatch {
    final int size;
    final float[] x0;
    final float[] x1;
    final float[] t;
    final float[] xt;
    final float[] ut;

    FlowMatchingBatch(int size) {
        this.size = size;
        x0 = new float[2 * size];
        x1 = new float[2 * size];
        t = new float[size];
        xt = new float[2 * size];
        ut = new float[2 * size];
    }

    void fill(PointSampler target, ProbabilityPath path, SplittableRandom rng) {
        target.sample(size, rng, x1);
        for (int i = 0; i < 2 * size; i++) {
            x0[i] = (float) rng.nextGaussian();
        }
        double tMax = path.tMax();
        for (int i = 0; i < size; i++) {
            t[i] = (float) (tMax * rng.nextDouble());
        }
        path.pointAndTarget(x0, x1, t, size, xt, ut);
    }

    INDArray xt() {
        return Nd4j.create(xt, new long[]{size, 2}, DataType.FLOAT);
    }

    INDArray t() {
        return Nd4j.create(t, new long[]{size, 1}, DataType.FLOAT);
    }

    INDArray ut() {
        return Nd4j.create(ut, new long[]{size, 2}, DataType.FLOAT);
    }
}
