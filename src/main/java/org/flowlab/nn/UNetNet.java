package org.flowlab.nn;


import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/** The U-Net velocity net on a DL4J ComputationGraph with inputs x [n, 2] and γ(t) [n, 2F]. */
final class UNetNet extends Dl4jVelocityNet {

    private final ComputationGraph net;
    private final FourierTimeEmbedding fourier;

    UNetNet(ModelConfig config, ComputationGraph net) {
        super(config, net);
        this.net = net;
        this.fourier = new FourierTimeEmbedding(config.fourierFeatures(), config.fourierScale(), config.seed());
    }

    ComputationGraph network() {
        return net;
    }

    /** The graph's inputs: x [n, 2], γ(t) [n, 2F], and the one-hot class [n, K+1] of a conditional network. */
    private INDArray[] inputs(INDArray x, INDArray t, INDArray c) {
        if (config().conditional() != (c != null)) {
            throw new IllegalArgumentException(config().conditional() ? "this network needs a class input"
                    : "this network takes no class input");
        }
        return c == null ? new INDArray[]{x, fourier.embed(t)} : new INDArray[]{x, fourier.embed(t), c};
    }

    private MultiDataSet data(INDArray x, INDArray t, INDArray c, INDArray target) {
        return new MultiDataSet(inputs(x, t, c), new INDArray[]{target});
    }

    @Override
    public INDArray predict(INDArray x, INDArray t, INDArray c) {
        return net.output(false, inputs(x, t, c))[0];
    }

    @Override
    public double fit(INDArray x, INDArray t, INDArray c, INDArray target) {
        net.fit(data(x, t, c, target));
        return net.score();
    }

    @Override
    public double loss(INDArray x, INDArray t, INDArray c, INDArray target) {
        return net.score(data(x, t, c, target), false);
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
        net.getConfiguration().setIterationCount((int) Math.min(Integer.MAX_VALUE, step));
    }

}
