package org.flowlab.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowlab.metrics.Straightness;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "straightness", mixinStandardHelpOptions = true,
        description = "How straight a model's trajectories are: S = ∫ E‖(x1 − x0) − v(x_t, t)‖² dt along its own "
                + "ODE paths (Liu et al. 2022; 0 = straight lines, one Euler step exact), with the length excess "
                + "and total turning. The last line ends with S.")
final class StraightnessCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelOptions model;

    @Option(names = "--n", defaultValue = "" + Straightness.DEFAULT_PARTICLES,
            description = "Trajectories (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--steps", defaultValue = "" + Straightness.DEFAULT_STEPS,
            description = "RK4 steps along each trajectory (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the starting noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 1_000_000) {
            throw new UserInputException("--n must be in [1, 1000000]");
        }
        if (steps < 1 || steps > 10_000) {
            throw new UserInputException("--steps must be in [1, 10000]");
        }
        long t0 = System.nanoTime();
        Straightness s = Straightness.measure(model.network(), n, seed, steps);
        System.out.println(String.format(Locale.ROOT, "length excess %.4f, mean turning %.3f rad (%d trajectories, "
                + "RK4 × %d, %d NFE, %.1f s)", s.lengthExcess(), s.meanTurning(), n, steps, s.nfe(),
                (System.nanoTime() - t0) / 1e9));
        System.out.println(String.format(Locale.ROOT, "straightness %.6f", s.straightness()));
        return 0;
    }
}
