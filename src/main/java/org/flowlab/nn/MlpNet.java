package org.flowlab.nn;


import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The MLP velocity net on a DL4J MultiLayerNetwork; input [x, y, t] or [x, y, γ(t)], shape [n, 2 + T]. */
final class MlpNet extends Dl4jVelocityNet {

    private final MultiLayerNetwork net;
    private final FourierTimeEmbedding fourier;
    private MlpCompute compute;
    private MlpTangents tangents;

    MlpNet(ModelConfig config, MultiLayerNetwork net) {
        super(config, net);
        this.net = net;
        this.fourier = config.fourierFeatures() > 0
                ? new FourierTimeEmbedding(config.fourierFeatures(), config.fourierScale(), config.seed()) : null;
    }

    MultiLayerNetwork network() {
        return net;
    }

    INDArray features(INDArray x, INDArray t) {
        return features(x, t, null);
    }

    /** [x, y, time features] [n, 2 + T], then the one-hot class [n, K+1] of a conditional network. */
    INDArray features(INDArray x, INDArray t, INDArray c) {
        INDArray time = fourier == null ? t : fourier.embed(t);
        if (config().conditional() != (c != null)) {
            throw new IllegalArgumentException(config().conditional() ? "this network needs a class input"
                    : "this network takes no class input");
        }
        return c == null ? Nd4j.hstack(x, time) : Nd4j.hstack(x, time, c);
    }

    /** The ND4J-op implementation of this network's passes, created on first use (by the owning thread). */
    private MlpCompute compute() {
        if (compute == null) {
            compute = new MlpCompute(net);
        }
        return compute;
    }

    /** The forward-mode pass for v and div v, created on first use (by the owning thread). */
    MlpTangents tangents() {
        if (tangents == null) {
            tangents = new MlpTangents(net, Kernels.forBackend());
        }
        return tangents;
    }

    @Override
    public INDArray predict(INDArray x, INDArray t, INDArray c) {
        return compute().predict(features(x, t, c));
    }

    @Override
    public double fit(INDArray x, INDArray t, INDArray c, INDArray target) {
        return compute().fit(features(x, t, c), target);
    }

    /** One step through DL4J's own {@code MultiLayerNetwork.fit}: the oracle {@link MlpCompute} is tested against. */
    double fitWithDl4j(INDArray x, INDArray t, INDArray target) {
        net.fit(new DataSet(features(x, t), target));
        return net.score();
    }

    /** v through DL4J's own {@code output}, for the same tests. */
    INDArray predictWithDl4j(INDArray x, INDArray t) {
        return net.output(features(x, t), false);
    }

    @Override
    public double loss(INDArray x, INDArray t, INDArray c, INDArray target) {
        return compute().loss(features(x, t, c), target);
    }

    @Override
    INDArray updaterView() {
        return net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
    }

    @Override
    public void setLearningRate(double lr) {
        net.setLearningRate(lr);
    }

    @Override
    public void setIteration(long step) {
        net.getLayerWiseConfigurations().setIterationCount((int) Math.min(Integer.MAX_VALUE, step));
    }

}
