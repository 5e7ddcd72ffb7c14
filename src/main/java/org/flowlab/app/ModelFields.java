package org.flowlab.app;

import org.flowlab.likelihood.DivergenceField;
import org.flowlab.nn.NetworkDivergence;
import org.flowlab.nn.NetworkVectorField;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.VectorField;

/**
 * Turns weights into the fields background work evaluates. The app builds ND4J networks ({@link #networks()});
 * view-model tests pass analytic fields. Call only inside {@link TaskRunner} work: a network belongs to the
 * thread that builds it (or, when the device is serialized, is used through the device thread).
 */
public interface ModelFields {

    /** v(x, t) of the weights. */
    VectorField velocity(WeightsSnapshot weights);

    /** v(x, t) and div v(x, t) of the weights. */
    DivergenceField divergence(WeightsSnapshot weights);

    /** Fields of networks built from the weights. */
    static ModelFields networks() {
        return new ModelFields() {
            @Override
            public VectorField velocity(WeightsSnapshot weights) {
                return new NetworkVectorField(weights.instantiate());
            }

            @Override
            public DivergenceField divergence(WeightsSnapshot weights) {
                return new NetworkDivergence(weights.instantiate());
            }
        };
    }
}
