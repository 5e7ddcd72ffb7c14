package org.flowlab.nn;


import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the MLP (MultiLayerNetwork) and the U-Net (ComputationGraph) share: parameters and optimiser state. */
abstract class Dl4jVelocityNet implements VelocityNet {

    private final ModelConfig config;
    private final Model model;

    Dl4jVelocityNet(ModelConfig config, Model model) {
        this.config = config;
        this.model = model;
    }

    /** The flattened optimiser state of the underlying network, or null before it exists. */
    abstract INDArray updaterView();

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public INDArray params() {
        return model.params();
    }

    @Override
    public void setParams(INDArray params) {
        if (params.length() != model.numParams()) {
            throw new IllegalArgumentException("expected " + model.numParams() + " parameters, got " + params.length());
        }
        model.params().assign(params);
    }

    @Override
    public INDArray updaterState() {
        return updaterView();
    }

    @Override
    public void setUpdaterState(INDArray state) {
        INDArray view = updaterView();
        if (view == null || view.length() != state.length()) {
            throw new IllegalArgumentException("optimiser state does not match this network");
        }
        view.assign(state);
    }

    @Override
    public long numParams() {
        return model.numParams();
    }
}
