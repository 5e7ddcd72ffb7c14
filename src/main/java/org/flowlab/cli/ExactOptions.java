package org.flowlab.cli;

import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.marginal.MarginalField;
import org.flowlab.marginal.MemorisationLens;
import org.flowlab.marginal.Target;
import picocli.CommandLine.Option;

/**
 * The options that choose the exact marginal field of a target instead of a trained model: the data (as
 * {@code train} reads it, on the same 256² grid over [−4, 4]²), the path, and optionally a finite training set of N
 * points drawn from it (the memorisation lens). Used as an argument group beside {@link ModelOptions}.
 */
final class ExactOptions {

    @Option(names = "--data", required = true, paramLabel = "<preset|image|csv>",
            description = "The target: a preset (moons, 8gaussians, 4gaussians, checkerboard, rings, spiral), an image "
                    + "or a CSV of x,y points, on the grid 'train' uses.")
    String data;

    @Option(names = "--exact", required = true,
            description = "Use the exact marginal field of the data (Σ_i w_i·u_t(x | x1_i)) instead of a model.")
    boolean exact;

    @Option(names = "--path", defaultValue = "ot", description = "ot, sigma-min or vp (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--train-points", paramLabel = "N",
            description = "Use the exact field of N points drawn from the data instead (the memorisation lens: it "
                    + "carries noise onto exactly those points).")
    Integer trainPoints;

    @Option(names = "--train-seed", defaultValue = "0",
            description = "Seed of the --train-points draw (default: ${DEFAULT-VALUE}).")
    long trainSeed;

    /** The data's grid, as {@code train} loads it. */
    DensityGrid grid() {
        return DensitySources.load(data, DensityGrid.DEFAULT_SIZE, DensityGrid.DEFAULT_HALF_WIDTH);
    }

    ProbabilityPath path() {
        return UserInputException.fromOptions("--path", () -> ProbabilityPath.byId(path));
    }

    /** The memorisation lens when --train-points was given, else null. */
    MemorisationLens lens(DensityGrid grid) {
        if (trainPoints == null) {
            return null;
        }
        if (trainPoints < 1 || trainPoints > 1_000_000) {
            throw new UserInputException("--train-points must be in [1, 1000000]");
        }
        return MemorisationLens.of(grid.sampler(), trainPoints, trainSeed, path());
    }

    /** The exact field of the data (or of the training points). */
    MarginalField field() {
        DensityGrid grid = grid();
        MemorisationLens lens = lens(grid);
        return lens != null ? lens.field() : new MarginalField(Target.ofGrid(grid), path());
    }

    /** One word for what was used, for the report line. */
    String describe() {
        return "exact " + path().id() + " field of " + data
                + (trainPoints == null ? "" : " (" + trainPoints + " training points, seed " + trainSeed + ")");
    }

    /** Refuses a t outside [0, 1] or not finite. */
    static void checkTime(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new UserInputException("--t must be a number in [0, 1], got " + t);
        }
    }
}
