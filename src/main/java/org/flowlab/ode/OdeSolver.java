package org.flowlab.ode;

/** Integrates a {@link VectorField} over a batch of particles. */
public interface OdeSolver {

    /** Short lower-case name, as used by the CLI ("euler", "rk4", "dopri5", …). */
    String name();

    /**
     * Integrates dx/dt = v(x, t) from t0 to t1 in place. t1 &lt; t0 integrates backward in time.
     *
     * @param x        initial states [n × dim], overwritten with the states at t1
     * @param observer called at t0 and after every accepted step
     * @return counts of work done
     * @throws OdeException when an adaptive solver exceeds its step cap or meets a non-finite state
     */
    OdeStats integrate(VectorField field, double[] x, int n, double t0, double t1, OdeObserver observer);

    default OdeStats integrate(VectorField field, double[] x, int n, double t0, double t1) {
        return integrate(field, x, n, t0, t1, OdeObserver.NONE);
    }
}
