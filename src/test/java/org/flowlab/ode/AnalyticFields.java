package org.flowlab.ode;

/** Vector fields with closed-form flows, for oracle tests. */
public final class AnalyticFields {

    private AnalyticFields() {
    }

    /** dx/dt = −x in one dimension: x(t) = x0·e^{−(t − t0)}. */
    static VectorField decay() {
        return new VectorField() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public void evaluate(double t, double[] x, int n, double[] out) {
                for (int i = 0; i < n; i++) {
                    out[i] = -x[i];
                }
            }
        };
    }

    /** Rotation at angular speed ω: (x, y)' = ω·(−y, x). */
    public static VectorField rotation(double omega) {
        return new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] x, int n, double[] out) {
                for (int i = 0; i < n; i++) {
                    out[2 * i] = -omega * x[2 * i + 1];
                    out[2 * i + 1] = omega * x[2 * i];
                }
            }
        };
    }

    /** dx/dt = t·x (time-dependent, so wrong stage times c_i show): x(t) = x0·e^{(t² − t0²)/2}. */
    static VectorField timeScaled() {
        return new VectorField() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public void evaluate(double t, double[] x, int n, double[] out) {
                for (int i = 0; i < n; i++) {
                    out[i] = t * x[i];
                }
            }
        };
    }
}
