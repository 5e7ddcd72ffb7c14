package org.flowlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowlab.likelihood.LogDensity;
import org.flowlab.nn.NetworkDivergence;
import org.flowlab.io.Budgets;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.RungeKuttaSolver;
import org.flowlab.ode.Solvers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "nll", mixinStandardHelpOptions = true,
        description = "Mean negative log-likelihood of points under the model, in nats per point (last line).")
final class NllCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelOptions model;

    @CommandLine.Mixin
    ClassOptions classes = new ClassOptions();

    @Option(names = "--points", required = true, description = "CSV of x,y points (e.g. from 'flowlab target').")
    Path points;

    @Option(names = "--solver", defaultValue = "rk4", description = "ODE solver (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--steps", defaultValue = "20", description = "Steps of a fixed-step solver (default: ${DEFAULT-VALUE}).")
    int steps;

    @Override
    public Integer call() throws Exception {
        UserInputException.fromOptions("--solver/--steps", () -> Solvers.create(solver, steps));
        float[] pts = Notes.points(points);
        int n = pts.length / 2;
        WeightsSnapshot weights = model.weights();
        org.flowlab.nn.Condition condition = classes.condition(model.contents(), 0, 0, false);
        if (condition.perRow() != null) {
            throw new UserInputException("--class all: choose one class (or none, for the unconditional field)");
        }
        boolean guided = !condition.unconditional() && condition.guidance() != 1.0;
        double cost = (double) weights.config().parameterCount() * Budgets.DIVERGENCE_PASSES * (guided ? 2 : 1);
        RungeKuttaSolver s = Work.solver(solver, steps, Solvers.DEFAULT_RTOL, Solvers.DEFAULT_ATOL, n, cost,
                Integer.MAX_VALUE);
        Work.require("log-likelihoods of " + n + " points with " + Work.describe(s, steps), s, n, 3, cost,
                "use fewer --steps or fewer points");
        NetworkDivergence div = new NetworkDivergence(ModelOptions.network(weights), condition);
        long t0 = System.nanoTime();
        double[] p = new double[2 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = pts[i];
        }
        double nll = 0;
        for (double l : LogDensity.logDensity(div, s, p, n, 1.0, Work.progress("log-likelihoods", 1, 0))) {
            nll -= l;
        }
        nll /= n;
        System.out.printf(Locale.ROOT, "%d points, %s, %.1f s%n", pts.length / 2, solver,
                (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%.4f%n", nll);
        return 0;
    }
}
