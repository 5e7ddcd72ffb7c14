package org.flowlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowlab.compute.ComputeThread;
import org.flowlab.format.ModelFile;
import org.flowlab.metrics.Straightness;
import org.flowlab.nn.Network;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.reflow.Reflow;
import org.flowlab.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reflow", mixinStandardHelpOptions = true,
        description = "Rectified flow: carry N noise points to data with the model's ODE, train a new model "
                + "(starting from the old weights) on those fixed pairs, and save it; repeat for --rounds. Prints the "
                + "straightness before and after each round. Earlier rounds are saved beside --out as "
                + "NAME.round1.zip, NAME.round2.zip, ….")
final class ReflowCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelOptions model;

    @Option(names = "--pairs", defaultValue = "10000", description = "Pairs (x0, ODE(x0)) per round (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--steps", defaultValue = "2000", description = "Training steps per round (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--solver", defaultValue = "dopri5",
            description = "Solver that makes the pairs: euler, midpoint, heun, rk4, dopri5 or tsit5 (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--solver-steps", defaultValue = "50", description = "Steps of a fixed-step --solver (default: ${DEFAULT-VALUE}).")
    int solverSteps;

    @Option(names = "--tol", defaultValue = "1e-5", description = "rtol = atol of dopri5/tsit5 (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--rounds", defaultValue = "1", description = "Reflow rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the pairs' noise and the batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Where to write the last round's model (.zip).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (pairs < 1 || pairs > 10_000_000) {
            throw new UserInputException("--pairs must be in [1, 10000000], got " + pairs);
        }
        if (steps < 1) {
            throw new UserInputException("--steps must be at least 1");
        }
        if (rounds < 1 || rounds > 20) {
            throw new UserInputException("--rounds must be in [1, 20]");
        }
        TrainingConfig tc = UserInputException.fromOptions("--batch/--lr",
                () -> TrainingConfig.defaults(seed).withBatchSize(batch).withLearningRate(lr).withMaxSteps(steps));
        // Settings check the solver by building it: what they refuse came from the options.
        Reflow.Settings settings = UserInputException.fromOptions("--solver/--solver-steps/--tolerance",
                () -> new Reflow.Settings(pairs, seed, solver, solverSteps, tolerance, tc));
        // Where the result goes is checked before the pairs and the training (≤ 16 bytes per parameter, + 1 MB).
        Outputs.notInput("--out", out, model.model, "the model");
        WeightsSnapshot from = model.weights();
        Outputs.check(out, 16 * from.config().parameterCount() + (1 << 20));
        ComputeThread compute = ComputeThread.forBackend();
        print("before", Straightness.measure(Network.of(compute, from), Straightness.DEFAULT_PARTICLES, 0,
                Straightness.DEFAULT_STEPS));
        long[] phaseStart = {System.nanoTime()};
        Reflow.Progress progress = (phase, done, total) -> {
            if (done == 0) {
                phaseStart[0] = System.nanoTime();
            } else if (done == total || (phase == Reflow.Phase.TRAINING && done % Math.max(1, total / 4) == 0)) {
                System.out.printf(Locale.ROOT, "  %s %d/%d (%.1f s)%n",
                        phase == Reflow.Phase.PAIRS ? "pairs" : "training step", done, total,
                        (System.nanoTime() - phaseStart[0]) / 1e9);
            }
        };
        WeightsSnapshot current = from;
        for (int r = 1; r <= rounds; r++) {
            System.out.printf(Locale.ROOT, "round %d: %d pairs with %s, then %d steps (batch %d, lr %s)%n", r, pairs,
                    solver, steps, batch, lr);
            Reflow.Round round = Reflow.round(compute, current, settings, r, progress);
            current = round.display();
            Path file = r == rounds ? out : sibling(out, r);
            ModelFile.save(file, round.end().weights(), round.end().averaged(), tc);
            System.out.printf(Locale.ROOT, "  pair generation took %d NFE; saved %s%n", round.pairNfe(), file);
            print("after round " + r, Straightness.measure(Network.of(compute, current),
                    Straightness.DEFAULT_PARTICLES, 0, Straightness.DEFAULT_STEPS));
        }
        return 0;
    }

    /** m2.zip → m2.round1.zip beside it. */
    static Path sibling(Path out, int round) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".zip";
        return out.resolveSibling(stem + ".round" + round + ext);
    }

    private static void print(String when, Straightness s) {
        System.out.println(String.format(Locale.ROOT, "straightness %s: %.6f (length excess %.4f, mean turning %.3f "
                + "rad)", when, s.straightness(), s.lengthExcess(), s.meanTurning()));
    }
}
