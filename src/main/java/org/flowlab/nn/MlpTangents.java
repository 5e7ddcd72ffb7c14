package org.flowlab.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The MLP's velocity v and its exact divergence div v = ∂v_x/∂x + ∂v_y/∂y in one forward-mode pass: each layer
 * carries its activations and their derivatives along the two spatial inputs, stacked as one array so each layer
 * is one product. Cost ≈ 3 forward passes' products (the first and last layer's are thin) plus one SiLU pass —
 * against a forward pass and two backward passes through a second network before.
 *
 * <p>Shapes (n points, widths w_1…w_L, input features F = [x, y, time features] of width d_0, 'f' order):
 * <ul>
 *   <li>layer 1: Z = F·W_1 [n, w_1]; its derivatives along x and y are W_1's rows 0 and 1, the same for every
 *   point, so H_1 = [SiLU(Z + b_1); SiLU′ ⊙ W_1[0, :]; SiLU′ ⊙ W_1[1, :]] [3n, w_1];</li>
 *   <li>layer i &gt; 1: H_{i−1}·W_i = [Z; Ż_x; Ż_y] (one product [3n, w_{i−1}]·[w_{i−1}, w_i]), then with
 *   d = SiLU′(Z + b_i): H_i = [SiLU(Z + b_i); d ⊙ Ż_x; d ⊙ Ż_y] ({@link Kernels#siluTangents});</li>
 *   <li>output: O = H_L·W_out [3n, 2]; v = O[0:n, :] + b_out, div v = O[n:2n, 0] + O[2n:3n, 1].</li>
 * </ul>
 * SiLU′ = σ + t·σ·(1 − σ) comes from the same σ as the activation. Reads the network's current weights on every
 * call. Not thread-safe: owned by the network's thread.
 */
final class MlpTangents {

    private final int layers;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final long[] widths;
    private final Kernels kernels;

    private int rows = -1;
    private INDArray first;      // [n, w_1]: F·W_1
    private INDArray[] stacked;  // H_i [3n, w_i], views of two alternating arrays
    private INDArray out;        // O [3n, 2]

    MlpTangents(MultiLayerNetwork net, Kernels kernels) {
        this.kernels = kernels;
        this.layers = net.getnLayers();
        this.weights = new INDArray[layers];
        this.biases = new INDArray[layers];
        this.widths = new long[layers];
        for (int i = 0; i < layers; i++) {
            Layer layer = net.getLayer(i);
            weights[i] = layer.getParam("W");
            biases[i] = layer.getParam("b");
            widths[i] = weights[i].size(1);
        }
        if (widths[layers - 1] != 2 || layers < 2) {
            throw new IllegalStateException("expected hidden layers and a 2-wide output");
        }
    }

    private void allocate(int n) {
        if (n == rows) {
            return;
        }
        long widest = 0;
        for (int i = 0; i < layers - 1; i++) {
            widest = Math.max(widest, widths[i]);
        }
        first = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, widths[0]}, 'f');
        INDArray[] ping = {
            Nd4j.createUninitialized(DataType.FLOAT, new long[]{3L * n * widest}, 'f'),
            Nd4j.createUninitialized(DataType.FLOAT, new long[]{3L * n * widest}, 'f')};
        stacked = new INDArray[layers - 1];
        for (int i = 0; i < layers - 1; i++) {
            stacked[i] = ping[i % 2].get(NDArrayIndex.interval(0, 3L * n * widths[i])).reshape('f', 3L * n, widths[i]);
        }
        out = Nd4j.createUninitialized(DataType.FLOAT, new long[]{3L * n, 2}, 'f');
        rows = n;
    }

    /**
     * v [n × 2] (row-major) and div v [n] at features [n, d_0] whose columns 0 and 1 are x and y.
     */
    void evaluate(INDArray features, float[] v, float[] div) {
        int n = (int) features.size(0);
        allocate(n);
        Nd4j.gemm(features, weights[0], first, false, false, 1.0, 0.0);
        kernels.siluTangentsFirst(first, biases[0], weights[0], stacked[0]);
        for (int i = 1; i < layers - 1; i++) {
            Nd4j.gemm(stacked[i - 1], weights[i], stacked[i], false, false, 1.0, 0.0);
            kernels.siluTangents(stacked[i], n, biases[i]);
        }
        Nd4j.gemm(stacked[layers - 2], weights[layers - 1], out, false, false, 1.0, 0.0);
        float[] o = HostFloats.rowMajor(out.transpose());   // out is F-ordered [3n, 2]: O[r, c] = o[c·3n + r]
        float[] b = HostFloats.rowMajor(biases[layers - 1]);
        int col1 = 3 * n;
        for (int r = 0; r < n; r++) {
            v[2 * r] = o[r] + b[0];
            v[2 * r + 1] = o[col1 + r] + b[1];
            div[r] = o[n + r] + o[col1 + 2 * n + r];
        }
    }
}
