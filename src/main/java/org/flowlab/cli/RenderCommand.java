package org.flowlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.export.AnimationSettings;
import org.flowlab.export.AnimationSource;
import org.flowlab.export.Animator;
import org.flowlab.export.TrainingMovie;
import org.flowlab.flow.GridWarp;
import org.flowlab.render.SceneLayers;
import org.flowlab.compute.ComputeThread;
import org.flowlab.format.Session;
import org.flowlab.format.SessionFile;
import org.flowlab.train.Checkpoints;
import org.flowlab.export.ExportFormat;
import org.flowlab.export.Exports;
import org.flowlab.flow.FlowSampler;
import org.flowlab.nn.Network;
import org.flowlab.io.Budgets;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.RungeKuttaSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.render.Colors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render the learned flow as MP4, GIF, numbered PNG frames (a folder), or a PNG/SVG still.")
final class RenderCommand implements Callable<Integer> {

    /** Longest caption: more does not fit a frame's width at any size. */
    static final int MAX_CAPTION = 300;

    @CommandLine.Mixin
    ModelOptions model;

    @Option(names = "--out", required = true,
            description = "flow.mp4, flow.gif, frames/ (PNG sequence), still.png or still.svg.")
    Path out;

    @Option(names = "--size", defaultValue = "1280x720", description = "WxH, 720p, 1080p or square (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--fps", defaultValue = "30", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--seconds", defaultValue = "6", description = "Duration (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--direction", defaultValue = "forward",
            description = "forward (noise → data), backward, or ping-pong (default: ${DEFAULT-VALUE}).")
    String direction;

    @Option(names = "--from", defaultValue = "0", description = "First t of the animated range (default: ${DEFAULT-VALUE}).")
    double from;

    @Option(names = "--to", defaultValue = "1", description = "Last t of the animated range (default: ${DEFAULT-VALUE}).")
    double to;

    @Option(names = "--t", defaultValue = "1.0", description = "Time of a still (.png/.svg) (default: ${DEFAULT-VALUE}).")
    double stillT;

    @Option(names = "--solver", defaultValue = "rk4", description = "ODE solver (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--steps", defaultValue = "20", description = "Steps of a fixed-step solver (default: ${DEFAULT-VALUE}).")
    int steps;

    @picocli.CommandLine.Mixin
    ClassOptions classes = new ClassOptions();

    @Option(names = "--particles", defaultValue = "10000", description = "Particles (default: ${DEFAULT-VALUE}).")
    int particles;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the particles' noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "<preset|image|csv>", description = "Target density drawn underneath.")
    String data;

    @Option(names = "--trails", description = "Draw particle trails.")
    boolean trails;

    @Option(names = "--caption", description = "Caption; {t} becomes the frame's time, e.g. \"OT · RK4 · t={t}\"; "
            + "over training {step} becomes the checkpoint's step (added when missing).")
    String caption;

    @Option(names = "--trace", defaultValue = "0", paramLabel = "K",
            description = "Trace K particles (0–32, spread over the cloud): each one's whole path, x0 (ring), x1 "
                    + "(dot), its velocity at t (arrow) and its speed over t (inset, top right).")
    int trace;

    @Option(names = "--grid-warp",
            description = "Draw the warped grid: a regular grid of lines in noise space carried by the flow to t "
                    + "(the image φ_t(grid); the flow map is smooth and invertible, so lines bend but never cross).")
    boolean gridWarp;

    /** The warped grid: lines per axis and points per line over [−3, 3]² (±3 standard deviations of the noise). */
    static final int WARP_LINES = 13;
    static final int WARP_POINTS = 61;
    static final double WARP_HALF_WIDTH = 3.0;

    @Option(names = "--over", defaultValue = "t", paramLabel = "t|training",
            description = "What the frames run over: t (the flow of one model from noise to data, default) or "
                    + "training (the learning movie: the flow at the fixed --t, one frame group per checkpoint of "
                    + "a session's training history; needs a .flowlab --model).")
    String over;

    @Override
    public Integer call() throws Exception {
        if (particles < 1 || particles > 200_000) {
            throw new UserInputException("--particles must be in [1, 200000]");
        }
        if (!(stillT >= 0 && stillT <= 1)) {
            throw new UserInputException("--t must be in [0, 1]");
        }
        boolean overTraining = switch (over.toLowerCase(Locale.ROOT)) {
            case "t", "time" -> false;
            case "training" -> true;
            default -> throw new UserInputException("--over must be t or training, got '" + over + "'");
        };
        if (trace < 0 || trace > 32 || trace > particles) {
            throw new UserInputException("--trace must be in [0, 32] and at most --particles, got " + trace);
        }
        if (caption != null && caption.length() > MAX_CAPTION) {
            throw new UserInputException("--caption is " + caption.length() + " characters; at most " + MAX_CAPTION
                    + " fit a frame");
        }
        // The settings check size, fps, duration and range: what they refuse came from the options.
        int[] wh = UserInputException.fromOptions("--size", () -> AnimationSettings.parseSize(size));
        AnimationSettings settings = UserInputException.fromOptions("--size/--fps/--seconds/--from/--to/--direction",
                () -> AnimationSettings.defaults().withSize(wh[0], wh[1]).withTiming(fps, seconds)
                        .withRange(from, to).withDirection(AnimationSettings.Direction.byId(direction))
                        .withOverlays(trails, false, data != null)
                        .withCaption(caption));
        ExportFormat format = UserInputException.fromOptions("--out", () -> ExportFormat.forPath(out.toString()));
        if (format == ExportFormat.MP4 && (wh[0] % 2 != 0 || wh[1] % 2 != 0)) {
            throw new UserInputException("MP4 needs an even width and height, got " + wh[0] + "x" + wh[1]);
        }
        if (format == ExportFormat.PNG_SEQUENCE && Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("'" + out + "' is a file, not a folder for frames");
        }
        if (overTraining && (trace > 0 || gridWarp)) {
            throw new UserInputException("--trace and --grid-warp draw one model over t; the learning movie "
                    + "(--over training) shows neither");
        }
        if (overTraining && format.isStill()) {
            throw new UserInputException("--over training makes a movie: write .mp4, .gif or a folder of frames, "
                    + "not '" + out + "'");
        }
        Outputs.notInput("--out", out, model.model, "the model");
        Outputs.notInput("--out", out, Outputs.dataFile(data), "the data");
        if (format == ExportFormat.PNG_SEQUENCE) {
            Outputs.checkFolder(out);
        } else {
            Outputs.check(out, 0);
        }
        UserInputException.fromOptions("--solver/--steps", () -> Solvers.create(solver, steps));
        // Drawing, simulation and the recorded trajectory are bounded before anything runs.
        long frames = format.isStill() ? 1 : settings.frameCount();
        double frameWork = (double) frames * ((double) wh[0] * wh[1] + (double) particles * (trails ? 13 : 1));
        if (!(frameWork <= Budgets.MAX_FRAME_WORK)) {
            throw new Budgets.Exceeded(frames + " frames of " + wh[0] + "×" + wh[1] + " with " + particles
                    + " particles are " + Budgets.scientific(frameWork) + " pixel and particle draws, more than "
                    + "FlowLab's budget of " + Budgets.scientific(Budgets.MAX_FRAME_WORK) + " for one render; use "
                    + "fewer --seconds, a lower --fps or a smaller --size");
        }
        if (overTraining) {
            return learningMovie(settings, format, wh, frameWork);
        }
        WeightsSnapshot weights = model.weights();
        org.flowlab.nn.Condition condition = classes.condition(model.contents(), particles, seed, true);
        boolean guided = !condition.unconditional() && condition.guidance() != 1.0;
        double cost = weights.config().parameterCount() * (guided ? 2.0 : 1.0);
        long maxRecorded = Budgets.MAX_TRAJECTORY_POINTS / particles - 1;
        RungeKuttaSolver s = Work.solver(solver, steps, Solvers.DEFAULT_RTOL, Solvers.DEFAULT_ATOL, particles, cost,
                Math.max(1, maxRecorded));
        String what = "simulating " + particles + " particles with " + Work.describe(s, steps);
        String hint = "use fewer --steps or fewer --particles";
        Work.require(what, s, particles + (gridWarp ? 2L * WARP_LINES * WARP_POINTS : 0), 2, cost, hint);
        if (!s.isAdaptive() && (long) particles * (steps + 1) > Budgets.MAX_TRAJECTORY_POINTS) {
            throw new Budgets.Exceeded(what + " records " + Budgets.count((long) particles * (steps + 1))
                    + " particle positions, more than FlowLab's limit of "
                    + Budgets.count(Budgets.MAX_TRAJECTORY_POINTS) + " for one render; " + hint);
        }
        Network net = ModelOptions.network(weights);
        float[] mass = null;
        int gridSize = DensityGrid.DEFAULT_SIZE;
        if (data != null) {
            DensityGrid grid = DensitySources.load(data, gridSize, DensityGrid.DEFAULT_HALF_WIDTH, Notes::print);
            mass = grid.copyMass();
        }
        long t0 = System.nanoTime();
        FlowSampler.Result r = FlowSampler.sample(net.conditioned(condition), s, FlowSampler.noise(particles, seed),
                particles, true, Work.progress("simulating", 0, 1));
        double simulate = (System.nanoTime() - t0) / 1e9;
        SceneLayers.WarpedGrid warp = null;
        if (gridWarp) {
            GridWarp.Grid grid = GridWarp.grid(WARP_LINES, WARP_POINTS, WARP_HALF_WIDTH);
            warp = new SceneLayers.WarpedGrid(GridWarp.carry(net.conditioned(condition), s, grid), grid.lines(), grid.pointsPerLine());
        }
        // Particles of a conditional model take their class's colour; otherwise the colour of where they start.
        int[] colours = Colors.byStartPosition(r.noise(), particles);
        org.flowlab.density.ClassSet cs = model.contents().classes();
        if (cs != null && (condition.perRow() != null || condition.label() >= 0)) {
            for (int i = 0; i < particles; i++) {
                colours[i] = 0xFF000000 | cs.get(condition.labelOf(i)).rgb();
            }
        }
        AnimationSource source = new AnimationSource(r.trajectory(), colours,
                mass, gridSize, DensityGrid.DEFAULT_HALF_WIDTH, null, traced(trace, particles), warp);
        long t1 = System.nanoTime();
        int[] lastPercent = {-1};
        Exports.export(out, source, settings, stillT, (done, total) -> {
            int pct = 100 * done / total;
            if (pct / 10 != lastPercent[0] / 10) {
                lastPercent[0] = pct;
                System.out.printf(Locale.ROOT, "\rrendering %d/%d frames (%d%%)", done, total, pct);
            }
        });
        double render = (System.nanoTime() - t1) / 1e9;
        long bytes = Files.isDirectory(out) ? dirSize(out) : Files.size(out);
        System.out.printf(Locale.ROOT, "%nwrote %s: %s, %d×%d, %s; simulate %.2f s (NFE %d), render+encode %.2f s, "
                        + "%.1f MB%n", out, format, wh[0], wh[1],
                format.isStill() ? "t=" + stillT : settings.frameCount() + " frames at " + fps + " fps",
                simulate, r.stats().nfe(), render, bytes / 1e6);
        return 0;
    }

    /**
     * The learning movie: the checkpoints of the session's training history (and its final weights), each
     * sampled from the same noise with the same solver and drawn at --t.
     */
    private int learningMovie(AnimationSettings settings, ExportFormat format, int[] wh, double frameWork)
            throws Exception {
        if (!model.model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(SessionFile.EXTENSION)) {
            throw new UserInputException("--over training needs a session (.flowlab) with a training history, not '"
                    + model.model + "'");
        }
        Session session = SessionFile.load(model.model);
        WeightsSnapshot last = model.rawWeights ? session.weights()
                : session.averaged() != null ? session.averaged() : session.weights();
        Checkpoints history = session.checkpoints().withLatest(last);
        if (session.checkpoints().isEmpty()) {
            throw new UserInputException("'" + model.model + "' has no training history (sessions keep one since "
                    + "FlowLab 0.3); train it again to record one");
        }
        int n = history.size();
        int hold = TrainingMovie.holdFor(settings.frameCount(), n);
        double movieFrames = (double) n * hold;
        if (!(frameWork / settings.frameCount() * movieFrames <= Budgets.MAX_FRAME_WORK)) {
            throw new Budgets.Exceeded("the learning movie draws too much; use a smaller --size or fewer particles");
        }
        double cost = last.config().parameterCount();
        RungeKuttaSolver s = Work.solver(solver, steps, Solvers.DEFAULT_RTOL, Solvers.DEFAULT_ATOL, particles, cost,
                Math.max(1, Budgets.MAX_TRAJECTORY_POINTS / particles - 1));
        String what = "simulating " + particles + " particles with " + Work.describe(s, steps) + " for each of "
                + n + " checkpoints";
        Work.require(what, s, (long) particles * n, 2, cost, "use fewer --steps or fewer --particles");
        float[] mass = null;
        int gridSize = DensityGrid.DEFAULT_SIZE;
        if (data != null) {
            DensityGrid grid = DensitySources.load(data, gridSize, DensityGrid.DEFAULT_HALF_WIDTH, Notes::print);
            mass = grid.copyMass();
        } else {
            // The session's own density is the target the history was trained on.
            mass = session.densityMass();
            gridSize = session.densitySize();
        }
        double[] x0 = FlowSampler.noise(particles, seed);
        ComputeThread compute = ComputeThread.forBackend();
        AnimationSettings movieSettings = settings.withOverlays(trails, false, true)
                .withCaption(TrainingMovie.caption(caption));
        float[] shownMass = mass;
        TrainingMovie movie = new TrainingMovie(history.list(), w -> Network.of(compute, w), s, x0, particles,
                Colors.byStartPosition(FlowSampler.toFloat(x0), particles), shownMass, gridSize,
                DensityGrid.DEFAULT_HALF_WIDTH, stillT, movieSettings);
        long t1 = System.nanoTime();
        int[] lastPercent = {-1};
        Animator.animate(movie, movieSettings, Exports.sinkFor(out, format), (done, total) -> {
            int pct = 100 * done / total;
            if (pct / 10 != lastPercent[0] / 10) {
                lastPercent[0] = pct;
                System.out.printf(Locale.ROOT, "\rrendering %d/%d frames (%d%%)", done, total, pct);
            }
        });
        double seconds = (System.nanoTime() - t1) / 1e9;
        long bytes = Files.isDirectory(out) ? dirSize(out) : Files.size(out);
        System.out.printf(Locale.ROOT, "%nwrote %s: %s, %d×%d, the learning movie at t=%s: %d checkpoints (steps "
                        + "%d … %d) × %d frames at %s fps; simulate+render+encode %.2f s, %.1f MB%n", out, format,
                wh[0], wh[1], stillT, n, history.step(0), history.step(n - 1), hold, fps, seconds, bytes / 1e6);
        return 0;
    }

    /** K particle indices spread evenly over 0 … n − 1 (the noise is i.i.d., so these are a random sample). */
    static int[] traced(int k, int n) {
        if (k == 0) {
            return null;
        }
        int[] idx = new int[k];
        for (int j = 0; j < k; j++) {
            idx[j] = (int) Math.min(n - 1, (long) ((j + 0.5) * n / k));
        }
        return idx;
    }

    private static long dirSize(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
