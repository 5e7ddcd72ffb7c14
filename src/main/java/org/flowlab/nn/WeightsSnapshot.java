package org.flowlab.nn;


import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable copy of a network's weights (and optionally its Adam state) taken at one training step,
 * held on the Java heap so any thread may read it. {@link Network#of} builds a network from it.
 *
 * @param params  flattened parameters in DL4J's order, length = numParams of the config's network
 * @param updater flattened optimiser state, or null
 * @param step    the training step the weights belong to (0 = initialisation)
 */
public record WeightsSnapshot(ModelConfig config, float[] params, float[] updater, long step) {

    /** A copy of a network's current weights; call on the thread that owns {@code net}. */
    static WeightsSnapshot of(VelocityNet net, long step, boolean withUpdater) {
        float[] p = HostFloats.rowMajor(net.params());
        float[] u = null;
        if (withUpdater && net.updaterState() != null) {
            u = HostFloats.rowMajor(net.updaterState());
        }
        return new WeightsSnapshot(net.config(), p, u, step);
    }

    /** Copies these weights into an existing network of the same config. */
    void loadInto(VelocityNet net) {
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
