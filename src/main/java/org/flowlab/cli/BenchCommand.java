package org.flowlab.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.flowlab.compute.ComputeThread;
import org.flowlab.compute.Nd4jBackend;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.density.PointSampler;
import org.flowlab.density.Preset;
import org.flowlab.flow.FlowSampler;
import org.flowlab.io.Budgets;
import org.flowlab.metrics.SlicedWasserstein;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.Network;
import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.Solvers;
import org.flowlab.train.FlowMatchingTrainer;
import org.flowlab.train.TrainingConfig;
import org.flowlab.train.TrainingState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The reference recipe of src/bench/torch_ref.py on DL4J: the same MLP (3×256 SiLU on [x, t]), Adam 1e-3,
 * two moons, the OT path, timed through {@link FlowMatchingTrainer#step()} — the loop the app and {@code train} run
 * (batch drawn from the moons preset on the density grid, validation loss every 100 steps), then the learned
 * density's cost against sampling. Prints a table and, with --json, one JSON line with the same keys as the PyTorch
 * script so the two can be compared side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training steps/s, sampling throughput and time-to-quality on this machine.")
final class BenchCommand implements Callable<Integer> {

    /** Longest --seconds, --warmup and --quality-budget: an hour each. */
    static final double MAX_SECONDS = 3600;
    /** Most batch sizes and recipes one bench times. */
    static final int MAX_RUNS = 16;

    @Option(names = "--seconds", defaultValue = "3", description = "Seconds per throughput measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--batches", defaultValue = "256,1024,4096", split = ",",
            description = "Batch sizes to time (default: ${DEFAULT-VALUE}).")
    int[] batches;

    @Option(names = "--particles", defaultValue = "10000", description = "Particles for sampling (default: ${DEFAULT-VALUE}).")
    int particles;

    @Option(names = "--skip-quality", description = "Skip the time-to-quality run.")
    boolean skipQuality;

    @Option(names = "--warmup", defaultValue = "12",
            description = "Seconds of training before any timing, so the JIT and ND4J's thread pools are warm "
                    + "(default: ${DEFAULT-VALUE}; measured here: batch 256 ran 57 steps/s after 4 s, 87 after 12 s: on 2 cores the JIT compiler competes with ND4J for a while after start-up).")
    double warmup;

    @Option(names = "--recipes", defaultValue = "reference", split = ",",
            description = "Training recipes for the time-to-quality runs, each WIDTHxDEPTH:bBATCH:lrRATE[:fFOURIER] "
                    + "or 'reference' (256x3:b1024:lr1e-3, torch_ref.py's) or 'default' (what the app and `train` "
                    + "start with) (default: ${DEFAULT-VALUE}).")
    String[] recipes;

    @Option(names = "--quality-budget", defaultValue = "20",
            description = "Seconds of training per recipe; the SW₂ at the end is the final quality (default: ${DEFAULT-VALUE}).")
    double qualityBudget;

    @Option(names = "--json", description = "Also print one JSON line (for src/bench/compare.sh).")
    boolean json;

    @Option(names = "--density-grid", defaultValue = "256",
            description = "Side of the learned-density grid timed against sampling the same points with the same "
                    + "solver (midpoint × 8, the default 3×128 MLP); 0 skips it (default: ${DEFAULT-VALUE}).")
    int densityGrid;

    @Override
    public Integer call() throws java.io.IOException {
        // Options and recipes are checked before anything runs, so a typo fails at once rather than after the
        // throughput part.
        if (!(seconds > 0 && seconds <= MAX_SECONDS) || !(qualityBudget > 0 && qualityBudget <= MAX_SECONDS)
                || !(warmup >= 0 && warmup <= MAX_SECONDS)) {
            throw new UserInputException("--seconds and --quality-budget must be in (0, " + (int) MAX_SECONDS
                    + "], --warmup in [0, " + (int) MAX_SECONDS + "]");
        }
        if (batches.length > MAX_RUNS || recipes.length > MAX_RUNS) {
            throw new UserInputException("--batches and --recipes take at most " + MAX_RUNS + " values each");
        }
        for (int bs : batches) {
            if (bs < 1 || bs > 1 << 20) {
                throw new UserInputException("--batches must be in [1, 1048576], got " + bs);
            }
            UserInputException.fromOptions("--batches", () -> {
                TrainingConfig.defaults(0).withBatchSize(bs).requireFits(ModelConfig.referenceMlp(0));
                return bs;
            });
        }
        if (particles < 1 || particles > 10_000_000) {
            throw new UserInputException("--particles must be in [1, 10000000]");
        }
        // The sampling part: euler 2 + 100 steps, rk4 2 + 25 steps of 4 evaluations, on the reference network.
        Budgets.requireSolverMemory("sampling " + particles + " particles", particles, 2, 4, "use fewer --particles");
        Budgets.requireWork("sampling " + particles + " particles (euler × 100, rk4 × 25)", particles, 210,
                ModelConfig.referenceMlp(0).parameterCount(), "use fewer --particles");
        java.util.List<Recipe> parsed = new java.util.ArrayList<>();
        for (String spec : recipes) {
            parsed.add(Recipe.parse(spec));
        }
        ComputeThread compute = ComputeThread.forBackend();
        String backend = compute.call(Nd4jBackend::describe);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend", backend);
        out.put("threads", Runtime.getRuntime().availableProcessors());
        out.put("omp_wait_policy", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        out.put("openblas_thread_timeout", String.valueOf(System.getenv("OPENBLAS_THREAD_TIMEOUT")));
        String kernels = compute.call(org.flowlab.nn.Networks::kernelDescription);
        out.put("kernels", kernels);
        System.out.println("FlowLab bench on " + backend + "; element-wise kernels: " + kernels);
        // The loop the app and `train` run: a FlowMatchingTrainer on the moons preset rasterised to the grid.
        PointSampler moons = DensitySources.load("moons", DensityGrid.DEFAULT_SIZE, DensityGrid.DEFAULT_HALF_WIDTH)
                .sampler();
        FlowMatchingTrainer warm = trainer(compute, ModelConfig.referenceMlp(0), 1024, 1e-3, 0, moons);
        long w0 = System.nanoTime();
        while (System.nanoTime() - w0 < warmup * 1e9) {
            warm.step();
        }

        Map<String, Double> train = new LinkedHashMap<>();
        for (int bs : batches) {
            FlowMatchingTrainer t = trainer(compute, ModelConfig.referenceMlp(0), bs, 1e-3, 0, moons);
            // Warm-up is shape-specific (ND4J caches per array shape): 1.5 s at this batch size first.
            long w = System.nanoTime();
            while (System.nanoTime() - w < 1.5e9) {
                t.step();
            }
            long t0 = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - t0 < seconds * 1e9) {
                t.step();
                n++;
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            train.put(Integer.toString(bs), rate);
            System.out.printf(Locale.ROOT, "train  batch %5d: %7.1f steps/s%n", bs, rate);
        }
        out.put("train_steps_per_s", train);

        Map<String, Double> sample = new LinkedHashMap<>();
        Network field = Network.build(compute, ModelConfig.referenceMlp(0), 1e-3);
        for (String solver : new String[]{"euler", "rk4"}) {
            int steps = solver.equals("euler") ? 100 : 25;
            FlowSampler.sample(field, Solvers.create(solver, 2), particles, 0, false);
            long t0 = System.nanoTime();
            FlowSampler.sample(field, Solvers.create(solver, steps), particles, 0, false);
            double secs = (System.nanoTime() - t0) / 1e9;
            double rate = (double) particles * steps / secs;
            sample.put(solver, rate);
            System.out.printf(Locale.ROOT, "sample %-6s %d particles × %d steps: %.2f s, %.0f particle-steps/s%n",
                    solver, particles, steps, secs, rate);
        }
        out.put("euler_particle_steps_per_s", Map.of(Integer.toString(particles), sample.get("euler")));
        out.put("rk4_particle_steps_per_s", Map.of(Integer.toString(particles), sample.get("rk4")));

        if (densityGrid > 0) {
            out.put("density", densityAgainstSampling(compute));
        }

        if (!skipQuality) {
            Map<String, Object> quality = new LinkedHashMap<>();
            double floor = noiseFloor2000();
            for (Recipe recipe : parsed) {
                Map<String, Object> q = timeToQuality(compute, moons, recipe, floor);
                quality.put(recipe.name(), q);
                if (recipe.name().equals("reference")) {
                    out.putAll(q);
                }
            }
            out.put("recipes", quality);
        }
        if (json) {
            System.out.println(toJson(out));
        }
        return 0;
    }

    /**
     * What the learned density costs against sampling: log p_1 on a densityGrid² grid (exact divergence for the MLP)
     * and sampling as many points, both with midpoint × 8 on the default 3×128 MLP (the cost does not depend on
     * the weights). Each is timed on its second run (the first lets the JIT compile the kernels at these sizes).
     * Ratio = density seconds / sampling seconds.
     */
    private Map<String, Object> densityAgainstSampling(ComputeThread compute) {
        Network net = Network.build(compute, ModelConfig.defaults(org.flowlab.nn.NetworkKind.MLP, 0), 1e-3);
        org.flowlab.nn.NetworkDivergence div = new org.flowlab.nn.NetworkDivergence(net);
        int points = densityGrid * densityGrid;
        double density = 0;
        double sampling = 0;
        for (int run = 0; run < 2; run++) {
            long t0 = System.nanoTime();
            org.flowlab.likelihood.LogDensity.grid(div, Solvers.create("midpoint", 8), densityGrid,
                    org.flowlab.density.DensityGrid.DEFAULT_HALF_WIDTH, 1, OdeObserver.NONE);
            density = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            FlowSampler.sample(net, Solvers.create("midpoint", 8), points, 0, false);
            sampling = (System.nanoTime() - t1) / 1e9;
        }
        System.out.printf(Locale.ROOT, "density %d² grid, midpoint × 8 (%s divergence): %.2f s; sampling %d points: "
                        + "%.2f s; ratio %.2f%n", densityGrid, div.exact() ? "exact" : "finite-difference", density,
                points, sampling, density / sampling);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("grid", densityGrid);
        d.put("density_s", density);
        d.put("sampling_s", sampling);
        d.put("ratio", density / sampling);
        return d;
    }

    /** A trainer as `train` makes one (validation every 100 steps), with this batch, rate and weight average. */
    private static FlowMatchingTrainer trainer(ComputeThread compute, ModelConfig model, int batch, double lr,
                                               double ema, PointSampler target) {
        TrainingConfig tc = TrainingConfig.defaults(0).withBatchSize(batch).withLearningRate(lr).withEmaDecay(ema);
        return FlowMatchingTrainer.fresh(compute, model, tc, target);
    }

    /** A training recipe for time-to-quality: MLP widths, Fourier time features, batch size, Adam learning rate. */
    record Recipe(String name, int width, int depth, int fourier, int batch, double lr, double ema) {

        static Recipe parse(String spec) {
            if (spec.equals("reference")) {
                return new Recipe("reference", 256, 3, 0, 1024, 1e-3, 0);
            }
            if (spec.equals("default")) {
                ModelConfig m = ModelConfig.defaults(org.flowlab.nn.NetworkKind.MLP, 0);
                TrainingConfig t = TrainingConfig.defaults(0);
                return new Recipe("default", m.widths()[0], m.widths().length, m.fourierFeatures(), t.batchSize(),
                        t.learningRate(), t.emaDecay());
            }
            try {
                String[] parts = spec.split(":");
                String[] wd = parts[0].split("x");
                int fourier = 0;
                int batch = 0;
                double lr = 0;
                double ema = 0;
                for (int i = 1; i < parts.length; i++) {
                    if (parts[i].startsWith("b")) {
                        batch = Integer.parseInt(parts[i].substring(1));
                    } else if (parts[i].startsWith("lr")) {
                        lr = Double.parseDouble(parts[i].substring(2));
                    } else if (parts[i].startsWith("ema")) {
                        ema = Double.parseDouble(parts[i].substring(3));
                    } else if (parts[i].startsWith("f")) {
                        fourier = Integer.parseInt(parts[i].substring(1));
                    } else {
                        throw new IllegalArgumentException(parts[i]);
                    }
                }
                if (batch < 1 || !(lr > 0)) {
                    throw new IllegalArgumentException("batch and lr are required");
                }
                int width = Integer.parseInt(wd[0]);
                int depth = Integer.parseInt(wd[1]);
                if (width < 1 || width > 4096 || depth < 1 || depth > 16 || fourier < 0 || !(ema >= 0 && ema < 1)) {
                    throw new IllegalArgumentException("width 1–4096, depth 1–16, ema in [0, 1)");
                }
                Recipe r = new Recipe(spec, width, depth, fourier, batch, lr, ema);
                // The network's own checks (size limits, Fourier features ≤ 512) and its batch, before any training.
                TrainingConfig.defaults(0).withBatchSize(batch).withLearningRate(lr).requireFits(r.model());
                return r;
            } catch (RuntimeException e) {
                throw new UserInputException("bad recipe '" + spec + "' (" + e.getMessage() + "): expected e.g. 256x3:b1024:lr1e-3 or 128x3:b256:lr3e-3:f8:ema0.999");
            }
        }

        ModelConfig model() {
            int[] w = new int[depth];
            java.util.Arrays.fill(w, width);
            return new ModelConfig(org.flowlab.nn.NetworkKind.MLP, w, fourier, 1.0, "ot", 0);
        }
    }

    /**
     * The noise floor of the quality check: the mean SW₂ between two independent 2000-point draws of two moons,
     * over 8 pairs (one pair's value varies by ±20 %; src/bench/torch_ttq.py uses the same definition).
     */
    static double noiseFloor2000() {
        double sum = 0;
        for (int k = 0; k < 8; k++) {
            sum += SlicedWasserstein.distance(Preset.MOONS.sample(2000, new SplittableRandom(100 + 2L * k)),
                    Preset.MOONS.sample(2000, new SplittableRandom(101 + 2L * k)));
        }
        return sum / 8;
    }

    /**
     * Trains a recipe on two moons and checks every 100 steps whether 2000 Euler-100 samples are within 2× the
     * noise floor of fresh moons, as src/bench/torch_ttq.py does in PyTorch; reports training seconds (checks
     * excluded) and steps until then; then trains on to {@code qualityBudget} seconds of training and reports
     * the final SW₂ (quality at a fixed time budget).
     */
    private Map<String, Object> timeToQuality(ComputeThread compute, PointSampler target, Recipe recipe,
                                              double floor) {
        Map<String, Object> out = new LinkedHashMap<>();
        float[] ref = Preset.MOONS.sample(2000, new SplittableRandom(10));
        // With an EMA decay, samples come from the weight average, updated after every step (timed).
        FlowMatchingTrainer t = trainer(compute, recipe.model(), recipe.batch(), recipe.lr(), recipe.ema(), target);
        double trainSeconds = 0;
        int steps = 0;
        Double reachedSeconds = null;
        Integer reachedSteps = null;
        double sw = Double.NaN;
        while (trainSeconds < qualityBudget) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                t.step();
            }
            trainSeconds += (System.nanoTime() - t0) / 1e9;
            steps += 100;
            if (reachedSteps == null || trainSeconds >= qualityBudget) {
                Network eval = Network.of(compute, t.snapshot(TrainingState.RUNNING, 0, null).display());
                sw = SlicedWasserstein.distance(
                        FlowSampler.sample(eval, Solvers.create("euler", 100), 2000, 3, false).samples(), ref);
                if (reachedSteps == null && sw < 2 * floor) {
                    reachedSeconds = trainSeconds;
                    reachedSteps = steps;
                }
            }
        }
        System.out.printf(Locale.ROOT, "quality %-30s 2× floor after %s steps, %s s training; after %.0f s (%d steps): "
                        + "SW2 %.4f (%.2f× floor %.4f)%n", recipe.name(), reachedSteps == null ? "—" : reachedSteps,
                reachedSeconds == null ? "—" : String.format(Locale.ROOT, "%.1f", reachedSeconds), trainSeconds, steps,
                sw, sw / floor, floor);
        out.put("swd_noise_floor_2000", floor);
        out.put("time_to_2x_floor_s", reachedSeconds);
        out.put("steps_to_2x_floor", reachedSteps);
        out.put("budget_s", trainSeconds);
        out.put("budget_steps", steps);
        out.put("swd_at_budget", sw);
        return out;
    }

    static String toJson(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append('"').append(e.getKey()).append("\": ").append(toJson(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (o instanceof Number n) {
            return Double.isFinite(n.doubleValue()) ? String.format(Locale.ROOT, "%s", n) : "null";
        }
        return '"' + o.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
