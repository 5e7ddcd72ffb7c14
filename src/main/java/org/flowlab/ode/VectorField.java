package org.flowlab.ode;

/**
 * A time-dependent vector field dx/dt = v(x, t) evaluated on a batch of independent particles.
 *
 * <p>States are flat row-major arrays of shape [n × dimension()]: particle i occupies
 * {@code x[i*dim .. i*dim+dim-1]}. Implementations must be pure: the same (t, x) gives the same output.
 */
public interface VectorField {

    /** Number of state components per particle (2 for positions in the plane). */
    int dimension();

    /**
     * Writes v(x_i, t) for particles i &lt; n into {@code out}.
     *
     * @param t   time in [0, 1] (solvers may evaluate slightly outside when stepping backward)
     * @param x   states, length ≥ n·dimension(); not modified
     * @param n   number of particles
     * @param out velocities, length ≥ n·dimension(); never aliases {@code x}
     */
    void evaluate(double t, double[] x, int n, double[] out);
}
