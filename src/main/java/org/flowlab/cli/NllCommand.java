package org.flowlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowlab.density.DensitySources;
import org.flowlab.likelihood.LogDensity;
import org.flowlab.nn.NetworkDivergence;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "nll", mixinStandardHelpOptions = true,
        description = "Mean negative log-likelihood of points under the model, in nats per point (last line).")
final class NllCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelOptions model;

    @Option(names = "--points", required = true, description = "CSV of x,y points (e.g. from 'flowlab target').")
    Path points;

    @Option(names = "--solver", defaultValue = "rk4", description = "ODE solver (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--steps", defaultValue = "20", description = "Steps of a fixed-step solver (default: ${DEFAULT-VALUE}).")
    int steps;

    @Override
    public Integer call() throws Exception {
        OdeSolver s = UserInputException.fromOptions("--solver/--steps", () -> Solvers.create(solver, steps));
        float[] pts = DensitySources.readPoints(points);
        NetworkDivergence div = new NetworkDivergence(model.network());
        long t0 = System.nanoTime();
        double nll = LogDensity.meanNll(div, s, pts);
        System.out.printf(Locale.ROOT, "%d points, %s, %.1f s%n", pts.length / 2, solver,
                (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%.4f%n", nll);
        return 0;
    }
}
