package org.flowlab.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.ode.Trajectory;
import org.flowlab.ode.VectorField;
import org.junit.jupiter.api.Test;

/** The warped grid: the identity at t = 0, and invertible (the backward flow of φ_t(grid) returns the grid). */
class GridWarpTest {

    /** The exact OT marginal field of N(0, I) → N(m, s²I): affine, strongly curving the grid late in t. */
    static VectorField gaussianOt(double mx, double my, double s) {
        return new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] x, int n, double[] out) {
                double k = (t * s * s - (1 - t)) / (t * t * s * s + (1 - t) * (1 - t));
                for (int i = 0; i < n; i++) {
                    out[2 * i] = mx + k * (x[2 * i] - t * mx);
                    out[2 * i + 1] = my + k * (x[2 * i + 1] - t * my);
                }
            }
        };
    }

    @Test
    void theGridLiesOnLines() {
        GridWarp.Grid g = GridWarp.grid(5, 7, 3);
        assertEquals(10, g.lines());
        assertEquals(70, g.points());
        double[] x = g.positions();
        assertEquals(-3, x[0]);
        assertEquals(-3, x[1]);
        assertEquals(-3, x[2 * 6]);
        assertEquals(3, x[2 * 6 + 1], 1e-12, "the first vertical line runs from y = −3 to 3");
        int h = 5 * 7;
        assertEquals(-3, x[2 * h + 1]);
        assertEquals(3, x[2 * (h + 6)], 1e-12, "the first horizontal line runs from x = −3 to 3");
    }

    @Test
    void atTimeZeroTheWarpIsTheIdentityAndTheBackwardFlowUndoesIt() {
        VectorField v = gaussianOt(1.5, -0.5, 0.3);
        OdeSolver rk4 = Solvers.create("rk4", 40);
        GridWarp.Grid g = GridWarp.grid(9, 25, 3);
        int n = g.points();
        Trajectory carried = GridWarp.carry(v, rk4, g);
        float[] at = new float[2 * n];
        carried.interpolate(0, at);
        for (int e = 0; e < 2 * n; e++) {
            assertEquals((float) g.positions()[e], at[e], "φ_0 is the identity at " + e);
        }
        for (double t : new double[]{0.3, 0.7, 0.95}) {
            float[] image = new float[2 * n];
            carried.interpolate(t, image);
            double moved = 0;
            double[] x = new double[2 * n];
            for (int e = 0; e < 2 * n; e++) {
                x[e] = image[e];
                moved = Math.max(moved, Math.abs(image[e] - g.positions()[e]));
            }
            assertTrue(moved > 0.5, "the grid is deformed at t = " + t);
            double[] back = GridWarp.pullBack(v, rk4, x, n, t);
            double err = 0;
            for (int e = 0; e < 2 * n; e++) {
                err = Math.max(err, Math.abs(back[e] - g.positions()[e]));
            }
            assertTrue(err < 1e-3, "φ_t⁻¹(φ_t(grid)) = grid within 1e-3 at t = " + t + ": " + err);
        }
    }
}
