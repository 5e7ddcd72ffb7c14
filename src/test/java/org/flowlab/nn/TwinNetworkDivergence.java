package org.flowlab.nn;

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
 * The MLP divergence as FlowLab computed it before forward mode, kept as a test oracle: a twin MultiLayerNetwork
 * with the same layers and parameter layout ends in {@link LinearLoss}; DL4J's backprop with labels e_k gives
 * ∂v_k/∂x for every point at once, and div v = Σ_k ∂v_k/∂x_k — two backward passes of DL4J's own code.
 */
final class TwinNetworkDivergence {

    private final MlpNet net;
    private final MultiLayerNetwork twin;

    /** Call on the thread that owns the network; copies its weights. */
    TwinNetworkDivergence(Network network) {
        this.net = (MlpNet) network.raw();
        ModelConfig c = net.config();
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
        twin = new MultiLayerNetwork(conf);
        twin.init();
        twin.params().assign(net.params());
    }

    /** div v at n points x [n × 2] at time t. */
    double[] divergence(double t, double[] x, int n) {
        INDArray features = net.features(Network.positions(x, 0, n), Network.times(t, n));
        double[] div = new double[n];
        for (int k = 0; k < 2; k++) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 2);
            labels.get(NDArrayIndex.all(), NDArrayIndex.point(k)).assign(1);
            INDArray grad = twin.calculateGradients(features, labels, null, null).getSecond();
            float[] dk = grad.get(NDArrayIndex.all(), NDArrayIndex.point(k)).dup().data().asFloat();
            for (int i = 0; i < n; i++) {
                div[i] += dk[i];
            }
        }
        return div;
    }
}
