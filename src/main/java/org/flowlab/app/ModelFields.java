package org.flowlab.app;

import org.flowlab.likelihood.DivergenceField;
import org.flowlab.nn.NetworkDivergence;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.Condition;
import org.flowlab.nn.Network;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.VectorField;

/**
 * Turns weights into the fields background work evaluates. The app builds networks on its compute thread
 * ({@link #networks}); view-model tests pass analytic fields. Call only inside {@link TaskRunner} work: building a
 * network and evaluating it take time (on CUDA they are queued to the one device thread).
 */
public interface ModelFields {

    /** v(x, t) of the weights. */
    VectorField velocity(WeightsSnapshot weights);

    /**
     * The guided field v_w(x, t | y) of conditional weights (see {@link Condition}); analytic test fields, which
     * have no classes, ignore the condition.
     */
    default VectorField velocity(WeightsSnapshot weights, Condition condition) {
        return velocity(weights);
    }

    /** v(x, t) and div v(x, t) of the weights. */
    DivergenceField divergence(WeightsSnapshot weights);

    /** Fields of networks built from the weights on {@code compute}. */
    static ModelFields networks(ComputeThread compute) {
        return new ModelFields() {
            @Override
            public VectorField velocity(WeightsSnapshot weights) {
                return Network.of(compute, weights);
            }

            @Override
            public VectorField velocity(WeightsSnapshot weights, Condition condition) {
                return Network.of(compute, weights).conditioned(condition);
            }

            @Override
            public DivergenceField divergence(WeightsSnapshot weights) {
                return new NetworkDivergence(Network.of(compute, weights));
            }
        };
    }
}
