package org.flowlab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Solvers against closed-form flows: global error orders, tolerances, reversibility, NFE counts. */
class RungeKuttaSolverTest {

    /** Global error at t = 1 of dx/dt = t·x from x0 = 1 with k steps. */
    private static double timeScaledError(String solver, int steps) {
        double[] x = {1.0, -0.5};
        Solvers.create(solver, steps).integrate(AnalyticFields.timeScaled(), x, 2, 0, 1);
        double exact = Math.exp(0.5);
        return Math.max(Math.abs(x[0] - exact), Math.abs(x[1] + 0.5 * exact));
    }

    /** Global error after one full turn of a rotation from (1, 0), ω = 2π. */
    private static double rotationError(String solver, int steps) {
        double[] x = {1.0, 0.0};
        Solvers.create(solver, steps).integrate(AnalyticFields.rotation(2 * Math.PI), x, 1, 0, 1);
        return Math.hypot(x[0] - 1, x[1]);
    }

    private static double slope(double errCoarse, double errFine) {
        return Math.log(errCoarse / errFine) / Math.log(2);
    }

    @ParameterizedTest(name = "{0} has global order {1}")
    @CsvSource({"euler, 1", "midpoint, 2", "heun, 2", "rk4, 4"})
    void fixedStepSolversConvergeAtTheirOrder(String solver, int order) {
        // Error ratios when the step halves, over 32 → 64 → 128 steps; asymptotic slope = order.
        double e32 = timeScaledError(solver, 32);
        double e64 = timeScaledError(solver, 64);
        double e128 = timeScaledError(solver, 128);
        assertEquals(order, slope(e32, e64), 0.15, "slope 32→64 on dx/dt = t·x");
        assertEquals(order, slope(e64, e128), 0.1, "slope 64→128 on dx/dt = t·x");

        double r64 = rotationError(solver, 64);
        double r128 = rotationError(solver, 128);
        double r256 = rotationError(solver, 256);
        assertEquals(order, slope(r128, r256), 0.15, "slope on the rotation");
        assertTrue(r64 > r128, "error shrinks with the step");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dopri5", "tsit5"})
    void adaptiveSolversMeetTheirTolerance(String name) {
        for (double tol : new double[]{1e-4, 1e-6, 1e-8}) {
            double[] x = {1.0, 2.0};
            OdeSolver s = Solvers.create(name, 0, tol, tol);
            OdeStats stats = s.integrate(AnalyticFields.timeScaled(), x, 2, 0, 1);
            double err = Math.abs(x[0] - Math.exp(0.5));
            // Local control at tolerance tol keeps the global error within a small multiple of it.
            assertTrue(err < 10 * tol, name + " at tol " + tol + ": error " + err);
            assertTrue(stats.accepted() >= 1);

            double[] r = {1.0, 0.0};
            s.integrate(AnalyticFields.rotation(2 * Math.PI), r, 1, 0, 1);
            double rerr = Math.hypot(r[0] - 1, r[1]);
            assertTrue(rerr < 50 * tol, name + " rotation at tol " + tol + ": error " + rerr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dopri5", "tsit5"})
    void adaptiveSolversAreFifthOrderPairs(String name) {
        // Tightening the tolerance 1000× should cost ≈ 1000^(1/5) ≈ 4× the steps for a 5th-order method
        // (≈ 5.6× for 4th order); allow 2.5×–6×. A wrong tableau coefficient breaks this.
        int loose = Solvers.create(name, 0, 1e-5, 1e-5).integrate(AnalyticFields.rotation(8 * Math.PI),
                new double[]{1, 0}, 1, 0, 1).accepted();
        int tight = Solvers.create(name, 0, 1e-8, 1e-8).integrate(AnalyticFields.rotation(8 * Math.PI),
                new double[]{1, 0}, 1, 0, 1).accepted();
        double ratio = (double) tight / loose;
        assertTrue(ratio > 2.5 && ratio < 6, name + ": steps " + loose + " → " + tight);
    }

    @ParameterizedTest
    @ValueSource(strings = {"euler", "midpoint", "heun", "rk4", "dopri5", "tsit5"})
    void backwardIntegrationInvertsForward(String name) {
        double[] start = {0.3, -1.2, 2.0, 0.5};
        double[] x = start.clone();
        OdeSolver s = Solvers.create(name, 400);
        VectorField f = AnalyticFields.rotation(3.0);
        s.integrate(f, x, 2, 0, 1);
        assertTrue(Math.abs(x[0] - start[0]) > 0.1, "the forward solve moved the particle");
        s.integrate(f, x, 2, 1, 0);
        double tol = name.equals("euler") ? 0.05 : 1e-4;
        for (int i = 0; i < start.length; i++) {
            assertEquals(start[i], x[i], tol, name + " component " + i);
        }
    }

    @Test
    void backwardSolveMatchesClosedForm() {
        double[] x = {Math.exp(0.5)};
        Solvers.create("rk4", 50).integrate(AnalyticFields.timeScaled(), x, 1, 1, 0);
        assertEquals(1.0, x[0], 1e-8);
        double[] y = {Math.exp(0.5)};
        Solvers.create("dopri5", 0).integrate(AnalyticFields.timeScaled(), y, 1, 1, 0);
        assertEquals(1.0, y[0], 1e-4);
    }

    @ParameterizedTest
    @CsvSource({"euler, 1", "midpoint, 2", "heun, 2", "rk4, 4"})
    void fixedStepNfeIsStepsTimesStages(String name, int stages) {
        OdeStats s = Solvers.create(name, 17).integrate(AnalyticFields.decay(), new double[]{1}, 1, 0, 1);
        assertEquals(17 * stages, s.nfe());
        assertEquals(17, s.accepted());
    }

    @Test
    void adaptiveNfeCountsEveryEvaluation() {
        int[] calls = {0};
        VectorField counting = new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] x, int n, double[] out) {
                calls[0]++;
                AnalyticFields.rotation(2 * Math.PI).evaluate(t, x, n, out);
            }
        };
        OdeStats s = Solvers.create("tsit5", 0).integrate(counting, new double[]{1, 0}, 1, 0, 1);
        assertEquals(calls[0], s.nfe());
        // FSAL: 6 new evaluations per attempted step, plus the first and the initial-step probe.
        assertEquals(6 * (s.accepted() + s.rejected()) + 2, s.nfe());
    }

    @Test
    void stepCapFailsWithAClearMessage() {
        OdeSolver s = RungeKuttaSolver.adaptive(ButcherTableau.DOPRI5, 1e-12, 1e-12, 1e-3, 5);
        OdeException e = assertThrows(OdeException.class,
                () -> s.integrate(AnalyticFields.rotation(50), new double[]{1, 0}, 1, 0, 1));
        assertTrue(e.getMessage().contains("cap of 5 steps"), e.getMessage());
    }

    @Test
    void impossibleTolerancesAreReportedAsSuchNotAsANonFiniteState() {
        // rtol 1e-300 used to surface as "non-finite state": the error estimate overflowed, the state was fine.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Solvers.create("dopri5", 0, 1e-300, 1e-300));
        assertTrue(e.getMessage().contains("double precision cannot meet tighter tolerances (got rtol 1.0E-300"),
                e.getMessage());
        assertTrue(e.getMessage().contains("[1e-12, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Solvers.create("tsit5", 0, 1e-5, Double.NaN));
    }

    @Test
    void unknownSolverIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Solvers.create("rk45", 10));
        assertTrue(e.getMessage().contains("euler, midpoint, heun, rk4, dopri5, tsit5"));
    }

    @Test
    void tableauxAreConsistent() {
        for (ButcherTableau t : new ButcherTableau[]{ButcherTableau.EULER, ButcherTableau.MIDPOINT,
                ButcherTableau.HEUN, ButcherTableau.RK4, ButcherTableau.DOPRI5, ButcherTableau.TSIT5}) {
            double sb = 0;
            for (double b : t.b()) {
                sb += b;
            }
            assertEquals(1.0, sb, 1e-12, t.name() + ": Σ b = 1");
            for (int i = 1; i < t.stages(); i++) {
                double sa = 0;
                for (double a : t.a()[i]) {
                    sa += a;
                }
                assertEquals(t.c()[i], sa, 1e-12, t.name() + ": row sum = c at stage " + i);
            }
            if (t.adaptive()) {
                double se = 0;
                for (double e : t.errorWeights()) {
                    se += e;
                }
                assertEquals(0.0, se, 1e-12, t.name() + ": Σ (b − b̂) = 0");
            }
        }
    }
}
