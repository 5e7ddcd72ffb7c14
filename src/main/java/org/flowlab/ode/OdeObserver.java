package org.flowlab.ode;

/**
 * Receives every accepted point of an integration, starting with the initial state.
 *
 * <p>{@code dxdt} is v(x, t) at that point when the solver has it for free, otherwise {@code null}
 * (the fixed-step solvers' final point). Arrays are the solver's buffers: copy what you keep.
 * Throwing {@link java.util.concurrent.CancellationException} aborts the integration.
 */
@FunctionalInterface
public interface OdeObserver {
    void accept(double t, double[] x, double[] dxdt);

    OdeObserver NONE = (t, x, dxdt) -> { };
}
