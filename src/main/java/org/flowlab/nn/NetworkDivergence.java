package org.flowlab.nn;

import org.flowlab.likelihood.DivergenceField;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * v and div v of a trained network.
 *
 * <p>MLP: exact. A twin MultiLayerNetwork with the same layers and parameter layout ends in {@link LinearLoss};
 * DL4J's backprop with labels e_k gives ∂v_k/∂x for every point at once, and div v = Σ_k ∂v_k/∂x_k — two backward
 * passes per evaluation. U-Net: DL4J 1.0.0-M2.1's ComputationGraph exposes no input gradients, so the divergence
 * is a central difference with step h = 1e-3 (four extra forward passes; error O(h²) plus float rounding
 * ≈ 1e-3 relative), documented as approximate.
 *
 * <p>Not thread-safe: one instance per thread, like the network it wraps (it reads the network's weights once,
 * when made).
 */
public final class NetworkDivergence implements DivergenceField {

    static final double FD_STEP = 1e-3;
    private static final int CHUNK = 8192;

    private final Network network;
    private final VelocityNet net;
    private final MultiLayerNetwork twin;   // null for the U-Net

    /** The divergence of {@code network}'s field; evaluations run on the network's compute thread. */
    public NetworkDivergence(Network network) {
        this.network = network;
        this.net = network.raw();
        ModelConfig c = net.config();
        twin = c.kind() != NetworkKind.MLP ? null : network.compute().call(() -> {
            MultiLayerNetwork tw = twin(c);
            tw.params().assign(net.params());
            return tw;
        });
    }

    /** True when the divergence is exact (MLP), false for the finite-difference U-Net. */
    public boolean exact() {
        return twin != null;
    }

    private static MultiLayerNetwork twin(ModelConfig c) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list();
        int[] w = c.widths();
        int in = 2 + Networks.timeInputs(c);
        for (int i = 0; i < w.length; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? in : w[i - 1]).nOut(w[i]).activation(new StableSilu())
                    .build());
        }
        b.layer(new OutputLayer.Builder(new LinearLoss()).nIn(w[w.length - 1]).nOut(2)
                .activation(Activation.IDENTITY).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    @Override
    public void velocityAndDivergence(double t, double[] x, int n, double[] v, double[] div) {
        network.compute().run(() -> velocityAndDivergenceHere(t, x, n, v, div));
    }

    private void velocityAndDivergenceHere(double t, double[] x, int n, double[] v, double[] div) {
        network.evaluate(t, x, n, v);
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            INDArray xa = Network.positions(x, start, m);
            INDArray ta = Network.times(t, m);
            float[] d = twin != null ? exactDivergence(xa, ta, m) : finiteDifference(xa, ta, m);
            for (int i = 0; i < m; i++) {
                div[start + i] = d[i];
            }
        }
    }

    private float[] exactDivergence(INDArray x, INDArray t, int m) {
        INDArray features = ((MlpNet) net).features(x, t);
        float[] div = new float[m];
        for (int k = 0; k < 2; k++) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, m, 2);
            labels.get(NDArrayIndex.all(), NDArrayIndex.point(k)).assign(1);
            INDArray grad = twin.calculateGradients(features, labels, null, null).getSecond();
            float[] dk = grad.get(NDArrayIndex.all(), NDArrayIndex.point(k)).dup().data().asFloat();
            for (int i = 0; i < m; i++) {
                div[i] += dk[i];
            }
        }
        return div;
    }

    private float[] finiteDifference(INDArray x, INDArray t, int m) {
        float[] div = new float[m];
        for (int k = 0; k < 2; k++) {
            INDArray plus = x.dup();
            INDArray minus = x.dup();
            plus.get(NDArrayIndex.all(), NDArrayIndex.point(k)).addi(FD_STEP);
            minus.get(NDArrayIndex.all(), NDArrayIndex.point(k)).subi(FD_STEP);
            INDArray dv = net.predict(plus, t).sub(net.predict(minus, t)).divi(2 * FD_STEP);
            float[] dk = dv.get(NDArrayIndex.all(), NDArrayIndex.point(k)).dup().data().asFloat();
            for (int i = 0; i < m; i++) {
                div[i] += dk[i];
            }
        }
        return div;
    }
}
