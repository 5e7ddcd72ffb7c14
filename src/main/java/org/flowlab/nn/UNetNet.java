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

    private MultiDataSet data(INDArray x, INDArray t, INDArray target) {
        return new MultiDataSet(new INDArray[]{x, fourier.embed(t)}, new INDArray[]{target});
    }

    @Override
    public INDArray predict(INDArray x, INDArray t) {
        return net.output(false, x, fourier.embed(t))[0];
    }

    @Override
    public double fit(INDArray x, INDArray t, INDArray target) {
        net.fit(data(x, t, target));
        return net.score();
    }

    @Override
    public double loss(INDArray x, INDArray t, INDArray target) {
        return net.score(data(x, t, target), false);
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
