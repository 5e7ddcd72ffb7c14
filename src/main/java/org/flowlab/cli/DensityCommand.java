package org.flowlab.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowlab.density.DensityGrid;
import org.flowlab.io.AtomicFiles;
import org.flowlab.likelihood.LogDensity;
import org.flowlab.nn.NetworkDivergence;
import org.flowlab.io.Budgets;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.RungeKuttaSolver;
import org.flowlab.ode.Solvers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "density", mixinStandardHelpOptions = true,
        description = "Write the model's log-density log p_t(x) on a grid over the domain as x,y,logp rows.")
final class DensityCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelOptions model;

    @CommandLine.Mixin
    ClassOptions classes = new ClassOptions();

    @Option(names = "--t", defaultValue = "1.0", description = "Time t in [0, 1] (default: ${DEFAULT-VALUE}).")
    double t;

    @Option(names = "--grid", defaultValue = "128", description = "Grid size per side (default: ${DEFAULT-VALUE}).")
    int grid;

    @Option(names = "--solver", defaultValue = "rk4", description = "ODE solver (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--steps", defaultValue = "10", description = "Steps of a fixed-step solver (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--out", required = true, description = "Output CSV (x,y,logp).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!(t >= 0 && t <= 1)) {
            throw new UserInputException("--t must be in [0, 1]");
        }
        if (grid < 2 || grid > 1024) {
            throw new UserInputException("--grid must be in [2, 1024]");
        }
        Outputs.notInput("--out", out, model.model, "the model");
        Outputs.csvName(out);
        Outputs.check(out, 0);
        UserInputException.fromOptions("--solver/--steps", () -> Solvers.create(solver, steps));
        WeightsSnapshot weights = model.weights();
        org.flowlab.nn.Condition condition = classes.condition(model.contents(), 0, 0, false);
        if (condition.perRow() != null) {
            throw new UserInputException("--class all: choose one class (or none, for the unconditional field)");
        }
        boolean guided = !condition.unconditional() && condition.guidance() != 1.0;
        double cost = (double) weights.config().parameterCount() * Budgets.DIVERGENCE_PASSES * (guided ? 2 : 1);
        long cells = (long) grid * grid;
        RungeKuttaSolver s = Work.solver(solver, steps, Solvers.DEFAULT_RTOL, Solvers.DEFAULT_ATOL, cells, cost,
                Integer.MAX_VALUE);
        Work.require("log-densities on a " + grid + "² grid with " + Work.describe(s, steps), s, cells, 3, cost,
                "use a smaller --grid or fewer --steps");
        NetworkDivergence div = new NetworkDivergence(ModelOptions.network(weights), condition);
        double half = DensityGrid.DEFAULT_HALF_WIDTH;
        long t0 = System.nanoTime();
        double[] logp = LogDensity.grid(div, s, grid, half, t, Work.progress("log-densities", t, 0));
        double secs = (System.nanoTime() - t0) / 1e9;
        double cell = 2 * half / grid;
        double mass = 0;
        for (double l : logp) {
            mass += Math.exp(l) * cell * cell;
        }
        AtomicFiles.write(out, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            w.write("x,y,logp\n");
            for (int row = 0; row < grid; row++) {
                for (int col = 0; col < grid; col++) {
                    w.write(String.format(Locale.ROOT, "%.5f,%.5f,%.6f%n", -half + (col + 0.5) * cell,
                            half - (row + 0.5) * cell, logp[row * grid + col]));
                }
            }
            w.flush();
        });
        System.out.printf(Locale.ROOT, "wrote %d×%d log-densities at t=%.3f to %s in %.1f s (%s divergence); "
                + "∫p over the domain = %.4f%n", grid, grid, t, out, secs, div.exact() ? "exact" : "finite-difference",
                mass);
        return 0;
    }
}
