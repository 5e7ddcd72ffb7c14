package org.flowlab.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.density.PointSampler;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.marginal.LossFloor;
import org.flowlab.marginal.MarginalField;
import org.flowlab.marginal.MemorisationLens;
import org.flowlab.marginal.Target;
import org.flowlab.nn.Network;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "floor", mixinStandardHelpOptions = true,
        description = "The irreducible flow-matching loss L* = E ½‖u_t(x_t | x1) − u_t(x_t)‖² of a target and path "
                + "(the loss of the exact marginal field, in the training loss's units), by Monte Carlo with its "
                + "standard error, and the loss by t; with --model also the model's loss on the same samples. "
                + "The last line ends with the floor.")
final class FloorCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "<preset|image|csv>",
            description = "The target, as 'train' reads it (preset, image or CSV of points).")
    String data;

    @Option(names = "--path", description = "ot, sigma-min or vp (default: the model's path with --model, else ot).")
    String path;

    @Option(names = "--samples", defaultValue = "" + LossFloor.DEFAULT_SAMPLES,
            description = "About this many (t, x0, x1) samples (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--bins", defaultValue = "" + LossFloor.DEFAULT_BINS,
            description = "Bins of t for the loss by t (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-points", paramLabel = "N",
            description = "The floor of a finite training set of N points drawn from the data (lower: it memorises).")
    Integer trainPoints;

    @ArgGroup(exclusive = false, heading = "Compare a trained model on the same samples:%n")
    ModelOptions model;

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || samples > 10_000_000) {
            throw new UserInputException("--samples must be in [1, 10000000]");
        }
        if (bins < 1 || bins > 1000) {
            throw new UserInputException("--bins must be in [1, 1000]");
        }
        Network net = model == null ? null : model.network();
        String id = path != null ? path : net != null ? net.config().path().id() : "ot";
        ProbabilityPath p = UserInputException.fromOptions("--path", () -> ProbabilityPath.byId(id));
        if (net != null && !net.config().path().id().equals(p.id())) {
            throw new UserInputException("the model was trained on the " + net.config().path().id()
                    + " path, not " + p.id() + "; leave out --path");
        }
        DensityGrid grid = DensitySources.load(data, DensityGrid.DEFAULT_SIZE, DensityGrid.DEFAULT_HALF_WIDTH);
        MarginalField field;
        PointSampler x1;
        if (trainPoints != null) {
            if (trainPoints < 1 || trainPoints > 1_000_000) {
                throw new UserInputException("--train-points must be in [1, 1000000]");
            }
            MemorisationLens lens = MemorisationLens.of(grid.sampler(), trainPoints, seed, p);
            field = lens.field();
            x1 = lens.target().sampler();
        } else {
            field = new MarginalField(Target.ofGrid(grid), p);
            x1 = grid.sampler();
        }
        long t0 = System.nanoTime();
        LossFloor floor = LossFloor.measure(field, x1, samples, bins, seed);
        double secs = (System.nanoTime() - t0) / 1e9;
        LossFloor.Curve m = net == null ? null : floor.model(net);
        System.out.printf(Locale.ROOT, "loss floor of %s%s on the %s path: %d samples in %d t bins, seed %d, %.2f s%n",
                data, trainPoints == null ? "" : " (" + trainPoints + " training points)", p.id(), floor.samples(),
                floor.bins(), seed, secs);
        double[] edges = floor.binEdges();
        LossFloor.Curve f = floor.floor();
        System.out.println(m == null ? "t bin            floor" : "t bin            floor              model");
        for (int b = 0; b < floor.bins(); b++) {
            System.out.printf(Locale.ROOT, "[%.3f, %.3f)  %.4f ± %.4f%s%n", edges[b], edges[b + 1], f.byBin()[b],
                    f.byBinError()[b], m == null ? "" : String.format(Locale.ROOT, "   %.4f ± %.4f", m.byBin()[b],
                            m.byBinError()[b]));
        }
        if (m != null) {
            System.out.printf(Locale.ROOT, "model loss on the same samples: %.4f ± %.4f (%.4f above the floor)%n",
                    m.loss(), m.standardError(), m.loss() - f.loss());
        }
        System.out.printf(Locale.ROOT, "loss floor L* (standard error %.4f): %.4f%n", f.standardError(), f.loss());
        return 0;
    }
}
