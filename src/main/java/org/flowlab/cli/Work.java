package org.flowlab.cli;

import java.util.Locale;
import org.flowlab.io.Budgets;
import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.RungeKuttaSolver;
import org.flowlab.ode.Solvers;

/**
 * The work budget of {@link Budgets} as the commands apply it, before they start: a solver from the options whose
 * evaluations over the given rows fit the budget (an adaptive one gets a step cap that fits it), the solver's
 * working memory, and a progress line for integrations that take a while. Ctrl+C cancels any of them.
 */
final class Work {

    private Work() {
    }

    /**
     * The solver the options name; an adaptive one is capped at the steps the budget allows for {@code rows} rows
     * of {@code passCost} multiply-adds (and at {@code maxSteps}).
     */
    static RungeKuttaSolver solver(String name, int steps, double rtol, double atol, long rows, double passCost,
                                   long maxSteps) {
        String opts = Solvers.isAdaptive(name) ? "--solver/--rtol/--atol" : "--solver/--steps";
        RungeKuttaSolver probe = UserInputException.fromOptions(opts, () -> Solvers.create(name, steps, rtol, atol,
                Solvers.DEFAULT_MAX_STEPS));
        if (!probe.isAdaptive()) {
            return probe;
        }
        int cap = (int) Math.min(maxSteps, Budgets.adaptiveStepCap(rows, probe.tableau().stages() + 1, passCost,
                Solvers.DEFAULT_MAX_STEPS));
        return Solvers.create(name, steps, rtol, atol, Math.max(1, cap));
    }

    /**
     * Refuses, before anything runs, an integration of {@code rows} rows of {@code dimension} values whose
     * evaluations exceed {@link Budgets#MAX_WORK} or whose solver state exceeds {@link Budgets#MAX_SOLVER_BYTES}.
     */
    static void require(String what, RungeKuttaSolver s, long rows, int dimension, double passCost, String hint) {
        Budgets.requireSolverMemory(what, rows, dimension, s.tableau().stages(), hint);
        Budgets.requireWork(what, rows, s.maxEvaluations(), passCost, hint);
    }

    /** "rk4 × 20 steps" or "dopri5 (rtol 1e-05, at most 400 steps)". */
    static String describe(RungeKuttaSolver s, int steps) {
        return s.isAdaptive() ? s.name() : s.name() + " × " + steps + " steps";
    }

    /**
     * Prints "what: 40 % (t = 0.40), 12 s" on stdout at most every 5 s while integrating from {@code t0} to
     * {@code t1}; nothing for work that ends sooner.
     */
    static OdeObserver progress(String what, double t0, double t1) {
        long start = System.nanoTime();
        long[] last = {start};
        return (t, x, v) -> {
            long now = System.nanoTime();
            if (now - last[0] >= 5_000_000_000L && t1 != t0) {
                last[0] = now;
                double done = Math.max(0, Math.min(1, (t - t0) / (t1 - t0)));
                System.out.printf(Locale.ROOT, "%s: %.0f %% (t = %.2f), %.0f s%n", what, 100 * done, t,
                        (now - start) / 1e9);
            }
        };
    }
}
