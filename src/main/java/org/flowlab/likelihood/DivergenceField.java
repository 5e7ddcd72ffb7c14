package org.flowlab.likelihood;

/**
 * A velocity field that also knows its divergence div v = ∂v_x/∂x + ∂v_y/∂y, for the instantaneous change of
 * variables d/dt log p_t(x_t) = −div v(x_t, t).
 */
public interface DivergenceField {

    /** For n points x ([n × 2]) at time t writes v ([n × 2]) and div v ([n]). */
    void velocityAndDivergence(double t, double[] x, int n, double[] v, double[] div);
}
