package org.flowlab.flow;

/** The reference optimal-transport path: x_t = (1 − t)·x0 + t·x1, u_t = x1 − x0 (straight lines). */
public final class LinearPath implements ProbabilityPath {

    @Override
    public String id() {
        return "ot";
    }

    @Override
    public double alpha(double t) {
        return t;
    }

    @Override
    public double sigma(double t) {
        return 1 - t;
    }

    @Override
    public double alphaDot(double t) {
        return 1;
    }

    @Override
    public double sigmaDot(double t) {
        return -1;
    }
}
