package org.flowlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flowlab.density.ClassSet;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.compute.Nd4jBackend;
import org.flowlab.nn.ModelConfig;
import org.flowlab.format.ModelFile;
import org.flowlab.nn.NetworkKind;
import org.flowlab.train.FlowMatchingTrainer;
import org.flowlab.train.TrainingRun;
import org.flowlab.compute.ComputeThread;
import org.flowlab.train.TrainingConfig;
import org.flowlab.train.TrainingSnapshot;
import org.flowlab.train.TrainingState;
import org.flowlab.format.Session;
import org.flowlab.format.SessionFile;
import org.flowlab.io.AppHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a flow-matching velocity network on a target density and save it.")
final class TrainCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    /** A billion steps is weeks of training here: anything beyond is a typo. */
    static final long MAX_STEPS = 1_000_000_000L;

    @Option(names = "--data", required = true, paramLabel = "<preset|image|csv>",
            description = "A preset (moons, 8gaussians, 4gaussians, checkerboard, rings, spiral; add :labels for its "
                    + "classes, e.g. moons:labels), an image (each ink colour a class) or a CSV (x,y or x,y,label). "
                    + "Data with several classes trains a class-conditional model.")
    String data;

    @Option(names = "--net", defaultValue = "mlp", description = "mlp or unet (default: ${DEFAULT-VALUE}).")
    String net;

    @Option(names = "--width", description = "Hidden width of the MLP (default " + ModelConfig.DEFAULT_MLP_WIDTH + ").")
    Integer width;

    @Option(names = "--depth", description = "Hidden layers of the MLP (default " + ModelConfig.DEFAULT_MLP_DEPTH + ").")
    Integer depth;

    @Option(names = "--path", defaultValue = "ot", description = "ot, sigma-min or vp (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--coupling", defaultValue = "independent", paramLabel = "independent|ot|ot:EPS",
            description = "How each batch pairs noise with data: independent, ot (exact minibatch optimal transport) "
                    + "or ot:EPS (entropic OT, EPS relative to the batch's mean squared distance) (default: ${DEFAULT-VALUE}).")
    String coupling;

    @Option(names = "--steps", defaultValue = "5000", description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "3e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--log-every", defaultValue = "500", description = "Print progress every N steps (default: ${DEFAULT-VALUE}).")
    long logEvery;

    @Option(names = "--label-dropout", defaultValue = "0.15", paramLabel = "P",
            description = "Labelled data: the probability that a training row's class is replaced by the null "
                    + "class, so the network also learns the unconditional field guidance needs (default: ${DEFAULT-VALUE}).")
    double labelDropout;

    @Option(names = "--out", description = "Where to write the model (.zip).")
    Path out;

    @Option(names = "--session", description = "Also (or instead) write a session (.flowlab): density, settings, "
            + "weights with optimiser state, and the loss history, to continue in the app.")
    Path session;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new UserInputException("--steps must be in [1, " + MAX_STEPS + "]");
        }
        if (logEvery < 1) {
            throw new UserInputException("--log-every must be at least 1");
        }
        if (out == null && session == null) {
            throw new UserInputException("say where to write the result: --out model.zip and/or --session s.flowlab");
        }
        NetworkKind kind = UserInputException.fromOptions("--net", () -> NetworkKind.byId(net));
        ModelConfig mc = UserInputException.fromOptions("--path",
                () -> ModelConfig.defaults(kind, seed).withPath(path));
        if (width != null || depth != null) {
            if (kind != NetworkKind.MLP) {
                throw new UserInputException("--width and --depth apply to the MLP only");
            }
            int w = width == null ? ModelConfig.DEFAULT_MLP_WIDTH : width;
            int d = depth == null ? ModelConfig.DEFAULT_MLP_DEPTH : depth;
            if (w < 1 || w > 4096) {
                throw new UserInputException("--width must be in [1, 4096]");
            }
            if (d < 1 || d > 16) {
                throw new UserInputException("--depth must be in [1, 16]");
            }
            int[] widths = java.util.Collections.nCopies(d, w).stream().mapToInt(Integer::intValue).toArray();
            ModelConfig base = mc;
            // The limit the loaders apply (ModelConfig): a network that could not be read back is refused here.
            mc = UserInputException.fromOptions("--width/--depth", () -> base.withWidths(widths));
        }
        // TrainingConfig checks batch size, learning rate and coupling: what it refuses came from the options.
        TrainingConfig base = UserInputException.fromOptions("--batch/--lr",
                () -> TrainingConfig.defaults(seed).withBatchSize(batch).withLearningRate(lr).withMaxSteps(steps));
        TrainingConfig coupled = UserInputException.fromOptions("--coupling", () -> base.withCoupling(coupling));
        TrainingConfig tc = UserInputException.fromOptions("--label-dropout",
                () -> coupled.withLabelDropout(labelDropout));
        ModelConfig model = mc;
        UserInputException.fromOptions("--batch", () -> {
            tc.requireFits(model);
            return tc;
        });
        // Where the result goes is checked before anything runs (a model holds ≤ 16 bytes per parameter).
        long modelBytes = 16 * model.parameterCount() + (1 << 20);
        if (out != null) {
            Outputs.check(out, modelBytes);
        }
        if (session != null) {
            Outputs.check(session, modelBytes + 4L * DensityGrid.DEFAULT_SIZE * DensityGrid.DEFAULT_SIZE
                    + 12 * Math.min(steps, org.flowlab.io.Budgets.MAX_HISTORY_POINTS));
        }
        if (out != null && session != null && out.toAbsolutePath().normalize().equals(
                session.toAbsolutePath().normalize())) {
            throw new UserInputException("--out and --session name the same file '" + out + "'");
        }
        if (out != null && out.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(SessionFile.EXTENSION)) {
            throw new UserInputException("--out '" + out + "' would be a model under a session's name; write the "
                    + "session with --session, or name the model .zip");
        }
        Outputs.notInput("--out", out, Outputs.dataFile(data), "the data");
        Outputs.notInput("--session", session, Outputs.dataFile(data), "the data");
        DensityGrid grid = DensitySources.load(data, DensityGrid.DEFAULT_SIZE, DensityGrid.DEFAULT_HALF_WIDTH,
                Notes::print);
        // Labelled data (several classes) trains a class-conditional network of K classes.
        ClassSet classes = null;
        if (grid.labelled()) {
            classes = UserInputException.fromOptions("--data", () -> ClassSet.of(grid));
            ModelConfig unconditional = mc;
            mc = UserInputException.fromOptions("--data", () -> unconditional.withClasses(grid.classCount()));
            System.out.println("classes: " + classes.describe() + "; label dropout " + tc.labelDropout());
        }
        ComputeThread compute = ComputeThread.forBackend();
        System.out.println("FlowLab train: " + mc.describe() + ", batch " + batch + ", lr " + lr + ", " + steps
                + " steps, seed " + seed + ", " + tc.coupling() + " coupling on " + compute.call(Nd4jBackend::describe));
        AtomicLong lastPrinted = new AtomicLong(-1);
        long started = System.nanoTime();
        org.flowlab.density.PointSampler target = classes != null ? grid.labelledSampler() : grid.sampler();
        try (TrainingRun trainer = new TrainingRun(FlowMatchingTrainer.fresh(compute, mc, tc, target))) {
            // A snapshot at every multiple of --log-every, so each line is that step's own numbers.
            trainer.publishEvery(logEvery);
            trainer.addListener(s -> {
                if (s.state() == TrainingState.RUNNING && s.step() % logEvery == 0 && s.step() != lastPrinted.get()) {
                    lastPrinted.set(s.step());
                    print(s, started);
                }
            });
            trainer.start();
            trainer.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
            TrainingSnapshot end = trainer.latest();
            if (end.step() != lastPrinted.get()) {
                print(end, started);
            }
            save(grid, tc, end, classes);
            if (end.state() == TrainingState.FAILED) {
                // The loss diverged on the user's data and settings: their input, reported in one line.
                LOG.warn("training failed at step {}: {}", end.step(), end.message());
                throw new UserInputException(end.message() + " The weights of step " + end.weights().step()
                        + " were saved.");
            }
            if (classes != null) {
                return 0;   // straightness of the null-class field says little about a conditional model
            }
            System.out.println(org.flowlab.metrics.Straightness.measure(
                    org.flowlab.nn.Network.of(compute, end.display()), 1000, 0,
                    org.flowlab.metrics.Straightness.DEFAULT_STEPS).describe());
        }
        return 0;
    }

    private void save(DensityGrid grid, TrainingConfig tc, TrainingSnapshot end, ClassSet classes)
            throws java.io.IOException {
        Path rescueDir = AppHome.home().resolve("rescued");
        java.util.List<String> failures = new java.util.ArrayList<>();
        if (out != null) {
            saveOrRescue(out, "model", f -> ModelFile.save(f, end.weights(), end.averaged(), tc, classes), rescueDir,
                    failures);
        }
        if (session != null) {
            Session s = new Session(grid.copyMass(), grid.size(), grid.halfWidth(), data, tc, end.weights(),
                    end.averaged(), end.trainLoss(), end.validation(), java.util.Map.of(), end.checkpoints(),
                    grid.labelled() ? grid.classes() : null, grid.labelled() ? layers(grid) : null, classes);
            saveOrRescue(session, "session", f -> SessionFile.save(f, s), rescueDir, failures);
        }
        if (!failures.isEmpty()) {
            throw new UserInputException(String.join("; ", failures));
        }
    }

    /** The K class layers of a labelled grid, one after the other (as sessions store them). */
    static float[] layers(DensityGrid grid) {
        int cells = grid.size() * grid.size();
        float[] all = new float[grid.classCount() * cells];
        for (int k = 0; k < grid.classCount(); k++) {
            System.arraycopy(grid.copyClassMass(k), 0, all, k * cells, cells);
        }
        return all;
    }

    /** Writes a result to a path. */
    @FunctionalInterface
    interface Saver {
        void save(Path file) throws java.io.IOException;
    }

    /**
     * Saves to {@code target}; when that fails after all (the disk filled up during training, the folder was
     * removed), saves to a new file in {@code rescueDir} instead, so the trained result is kept, and adds one
     * sentence naming both to {@code failures}.
     *
     * @return where the result is, or null when neither could be written
     */
    static Path saveOrRescue(Path target, String what, Saver saver, Path rescueDir, java.util.List<String> failures) {
        try {
            saver.save(target);
            System.out.println("saved " + what + " to " + target);
            return target;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("could not write the {} to {}", what, target, e);
            String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String name = target.getFileName().toString();
            int dot = name.lastIndexOf('.');
            Path rescue = rescueDir.resolve((dot > 0 ? name.substring(0, dot) : name) + "-"
                    + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern(
                            "yyyyMMdd-HHmmss")) + (dot > 0 ? name.substring(dot) : ""));
            try {
                saver.save(rescue);
                failures.add("could not write '" + target + "' (" + reason + "); the trained " + what
                        + " is safe in '" + rescue + "'");
                return rescue;
            } catch (java.io.IOException | RuntimeException again) {
                LOG.warn("could not write the rescue copy {}", rescue, again);
                failures.add("could not write '" + target + "' (" + reason + ") nor a copy in '" + rescueDir
                        + "'; the trained " + what + " is lost");
                return null;
            }
        }
    }

    private static void print(TrainingSnapshot s, long started) {
        double elapsed = (System.nanoTime() - started) / 1e9;
        String val = Double.isNaN(s.validationLoss()) ? "—" : String.format(Locale.ROOT, "%.4f", s.validationLoss());
        System.out.println(String.format(Locale.ROOT, "step %7d  loss %.4f  val %s  %.1f steps/s  %.1f s",
                s.step(), s.trainLoss().recentMean(100), val, s.step() / Math.max(1e-9, elapsed), elapsed));
    }
}
