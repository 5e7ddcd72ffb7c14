package org.flowlab.ode;

/**
 * Work done by one integration.
 *
 * @param nfe      number of vector-field evaluations (each over the whole batch)
 * @param accepted accepted steps
 * @param rejected rejected steps (adaptive solvers only)
 */
public record OdeStats(int nfe, int accepted, int rejected) {
}
