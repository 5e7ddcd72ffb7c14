package org.flowlab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowlab.flow.FlowSampler;
import org.flowlab.ode.AnalyticFields;
import org.flowlab.ode.VectorField;
import org.junit.jupiter.api.Test;

/** Straightness and curvature against fields whose trajectories are known. */
class StraightnessTest {

    static VectorField constant(double vx, double vy) {
        return new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] x, int n, double[] out) {
                for (int i = 0; i < n; i++) {
                    out[2 * i] = vx;
                    out[2 * i + 1] = vy;
                }
            }
        };
    }

    @Test
    void straightPathsScoreZero() {
        Straightness s = Straightness.measure(constant(1.5, -0.5), 500, 1, 8);
        assertEquals(0, s.straightness(), 1e-20);
        assertEquals(0, s.lengthExcess(), 1e-12);
        assertEquals(0, s.meanTurning(), 1e-12);
        assertEquals(4 * 8 + 1, s.nfe());
    }

    @Test
    void circlesScoreTheirClosedForm() {
        // x_t = R(ωt)·x0: ∫₀¹ ‖(R(ω) − I)x0 − ωJR(ωt)x0‖² dt = |x0|²·(ω² − 2 + 2cos ω); arc/chord = ω / (2 sin(ω/2));
        // the velocity turns through ω. The trapezoid rule on 64 steps is within h²/12·max|f''| ≈ 1e-3 relative.
        double omega = 1.3;
        int n = 1000;
        double[] x0 = FlowSampler.noise(n, 4);
        double r2 = 0;
        for (double v : x0) {
            r2 += v * v / n;
        }
        Straightness s = Straightness.measure(AnalyticFields.rotation(omega), x0, n, 64);
        double exact = r2 * (omega * omega - 2 + 2 * Math.cos(omega));
        assertEquals(exact, s.straightness(), 1e-3 * exact);
        assertEquals(omega / (2 * Math.sin(omega / 2)) - 1, s.lengthExcess(), 1e-4);
        assertEquals(omega, s.meanTurning(), 1e-7, "up to RK4's error on the circles");
        assertTrue(s.describe().startsWith("straightness "), s.describe());
    }
}
