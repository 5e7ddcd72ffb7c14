package org.flowlab.nn;

import org.flowlab.compute.Device;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable copy of a network's weights (and optionally its Adam state) taken at one training step,
 * held on the Java heap so any thread may read it. {@link #instantiate()} builds a fresh network from it.
 *
 * @param params  flattened parameters in DL4J's order, length = numParams of the config's network
 * @param updater flattened optimiser state, or null
 * @param step    the training step the weights belong to (0 = initialisation)
 */
public record WeightsSnapshot(ModelConfig config, float[] params, float[] updater, long step) {

    /** A copy of a network's current weights; call on the thread that owns {@code net}. */
    public static WeightsSnapshot of(VelocityNet net, long step, boolean withUpdater) {
        float[] p = net.params().dup().data().asFloat();
        float[] u = null;
        if (withUpdater && net.updaterState() != null) {
            u = net.updaterState().dup().data().asFloat();
        }
        return new WeightsSnapshot(net.config(), p, u, step);
    }

    /**
     * A new network with these weights (and optimiser state when present), owned by the caller's thread — or,
     * when the {@link Device} is serialized, by the device thread: use it through {@link NetworkVectorField} or
     * {@link NetworkDivergence}, which route their work there.
     */
    public VelocityNet instantiate(double learningRate) {
        return Device.call(() -> {
            VelocityNet net = Networks.build(config, learningRate);
            loadInto(net);
            return net;
        });
    }

    /** The weights of a fresh, untrained network for a config (step 0, no optimiser state). */
    public static WeightsSnapshot initial(ModelConfig config) {
        return Device.call(() -> of(Networks.build(config, 1e-3), 0, false));
    }

    public VelocityNet instantiate() {
        return instantiate(1e-3);
    }

    /** Copies these weights into an existing network of the same config. */
    public void loadInto(VelocityNet net) {
        if (!net.config().equals(config)) {
            throw new IllegalArgumentException("snapshot of " + config + " does not fit " + net.config());
        }
        net.setParams(Nd4j.create(params, new long[]{1, params.length}, DataType.FLOAT));
        if (updater != null && net.updaterState() != null) {
            net.setUpdaterState(Nd4j.create(updater, new long[]{1, updater.length}, DataType.FLOAT));
        }
        net.setIteration(step);
    }

    public boolean allFinite() {
        for (float v : params) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
