package org.flowlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flowlab.flow.FlowSampler;
import org.flowlab.nn.Network;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.RungeKuttaSolver;
import org.flowlab.ode.Solvers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Integrate a trained model's ODE from noise to data and write the samples as x,y rows.")
final class SampleCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelOptions model;

    @Option(names = "--solver", defaultValue = "euler",
            description = "euler, midpoint, heun, rk4, dopri5 or tsit5 (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--steps", defaultValue = "100", description = "Steps of a fixed-step solver (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--rtol", defaultValue = "1e-5", description = "Relative tolerance of dopri5/tsit5 (default: ${DEFAULT-VALUE}).")
    double rtol;

    @Option(names = "--atol", defaultValue = "1e-5", description = "Absolute tolerance of dopri5/tsit5 (default: ${DEFAULT-VALUE}).")
    double atol;

    @Option(names = "--n", defaultValue = "10000", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the starting noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output CSV file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 10_000_000) {
            throw new UserInputException("--n must be in [1, 10000000]");
        }
        if (!(rtol >= RungeKuttaSolver.MIN_TOLERANCE && rtol <= 1)
                || !(atol >= RungeKuttaSolver.MIN_TOLERANCE && atol <= 1)) {
            throw new UserInputException("--rtol and --atol must be in [1e-12, 1] (double precision cannot meet "
                    + "tighter tolerances), got " + rtol + " and " + atol);
        }
        Outputs.notInput("--out", out, model.model, "the model");
        Outputs.csvName(out);
        Outputs.check(out, 0);
        UserInputException.fromOptions("--solver/--steps/--rtol/--atol",
                () -> Solvers.create(solver, steps, rtol, atol));
        WeightsSnapshot weights = model.weights();
        double cost = weights.config().parameterCount();
        RungeKuttaSolver s = Work.solver(solver, steps, rtol, atol, n, cost, Integer.MAX_VALUE);
        Work.require("sampling " + n + " points with " + Work.describe(s, steps), s, n, 2, cost,
                "use fewer --steps or a smaller --n");
        Network net = ModelOptions.network(weights);
        long t0 = System.nanoTime();
        FlowSampler.Result r = FlowSampler.sample(net, s, FlowSampler.noise(n, seed), n, false,
                Work.progress("sampling", 0, 1));
        double secs = (System.nanoTime() - t0) / 1e9;
        CsvPointsWriter.write(out, r.samples());
        System.out.printf(java.util.Locale.ROOT, "wrote %d samples to %s (%s, %d accepted steps, %.2f s)%n",
                n, out, s.name(), r.stats().accepted(), secs);
        System.out.println("NFE " + r.stats().nfe());
        return 0;
    }
}
