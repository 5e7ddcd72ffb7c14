package org.flowlab.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.flowlab.density.Preset;
import org.flowlab.metrics.SlicedWasserstein;
import org.flowlab.compute.Backend;
import org.flowlab.nn.FlowSampler;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkVectorField;
import org.flowlab.nn.Networks;
import org.flowlab.nn.VelocityNet;
import org.flowlab.ode.Solvers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The reference recipe of ../shared/bench/torch_ref.py on DL4J: the same MLP (3×256 SiLU on [x, t]), Adam 1e-3,
 * two moons scaled as there, the OT path. Prints a table and, with --json, one JSON line with the same keys as the
 * PyTorch script so the two can be compared side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training steps/s, sampling throughput and time-to-quality on this machine.")
final class BenchCommand implements Callable<Integer> {

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

    @Override
    public Integer call() {
        // Every measurement touches networks directly, so it runs where device work belongs (see Device).
        return org.flowlab.compute.Device.call(this::measure);
    }

    private Integer measure() {
        // Options and recipes are checked before anything runs, so a typo fails at once rather than after the
        // throughput part.
        if (!(seconds > 0 && qualityBudget > 0 && warmup >= 0)
                || !Double.isFinite(seconds + qualityBudget + warmup)) {
            throw new UserInputException("--seconds and --quality-budget must be positive, --warmup at least 0");
        }
        for (int bs : batches) {
            if (bs < 1 || bs > 1 << 20) {
                throw new UserInputException("--batches must be in [1, 1048576], got " + bs);
            }
        }
        if (particles < 1 || particles > 10_000_000) {
            throw new UserInputException("--particles must be in [1, 10000000]");
        }
        java.util.List<Recipe> parsed = new java.util.ArrayList<>();
        for (String spec : recipes) {
            parsed.add(Recipe.parse(spec));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend", Backend.describe());
        out.put("threads", Runtime.getRuntime().availableProcessors());
        out.put("omp_wait_policy", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        out.put("openblas_thread_timeout", String.valueOf(System.getenv("OPENBLAS_THREAD_TIMEOUT")));
        System.out.println("FlowLab bench on " + Backend.describe());
        float[] pool = Preset.MOONS.sample(200_000, new SplittableRandom(0));
        VelocityNet warm = Networks.build(ModelConfig.referenceMlp(0), 1e-3);
        SplittableRandom wr = new SplittableRandom(9);
        long w0 = System.nanoTime();
        while (System.nanoTime() - w0 < warmup * 1e9) {
            step(warm, pool, 1024, wr);
        }

        Map<String, Double> train = new LinkedHashMap<>();
        for (int bs : batches) {
            VelocityNet net = Networks.build(ModelConfig.referenceMlp(0), 1e-3);
            SplittableRandom r = new SplittableRandom(1);
            // Warm-up is shape-specific (ND4J caches per array shape): 1.5 s at this batch size first.
            long w = System.nanoTime();
            while (System.nanoTime() - w < 1.5e9) {
                step(net, pool, bs, r);
            }
            long t0 = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - t0 < seconds * 1e9) {
                step(net, pool, bs, r);
                n++;
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            train.put(Integer.toString(bs), rate);
            System.out.printf(Locale.ROOT, "train  batch %5d: %7.1f steps/s%n", bs, rate);
        }
        out.put("train_steps_per_s", train);

        Map<String, Double> sample = new LinkedHashMap<>();
        VelocityNet net = Networks.build(ModelConfig.referenceMlp(0), 1e-3);
        NetworkVectorField field = new NetworkVectorField(net);
        for (String solver : new String[]{"euler", "rk4"}) {
            int steps = solver.equals("euler") ? 100 : 25;
            FlowSampler.sample(field, Solvers.create(solver, 2), FlowSampler.noise(particles, 0), particles, false,
                    org.flowlab.ode.OdeObserver.NONE);
            long t0 = System.nanoTime();
            FlowSampler.sample(field, Solvers.create(solver, steps), FlowSampler.noise(particles, 0), particles, false,
                    org.flowlab.ode.OdeObserver.NONE);
            double secs = (System.nanoTime() - t0) / 1e9;
            double rate = (double) particles * steps / secs;
            sample.put(solver, rate);
            System.out.printf(Locale.ROOT, "sample %-6s %d particles × %d steps: %.2f s, %.0f particle-steps/s%n",
                    solver, particles, steps, secs, rate);
        }
        out.put("euler_particle_steps_per_s", Map.of(Integer.toString(particles), sample.get("euler")));
        out.put("rk4_particle_steps_per_s", Map.of(Integer.toString(particles), sample.get("rk4")));

        if (!skipQuality) {
            Map<String, Object> quality = new LinkedHashMap<>();
            double floor = noiseFloor2000();
            for (Recipe recipe : parsed) {
                Map<String, Object> q = timeToQuality(pool, recipe, floor);
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

    /** One Adam step of the reference recipe: x1 from the pool, x0 ~ N(0, I), t ~ U(0, 1), OT target. */
    private static double step(VelocityNet net, float[] pool, int bs, SplittableRandom r) {
        float[] xt = new float[2 * bs];
        float[] ut = new float[2 * bs];
        float[] t = new float[bs];
        int poolN = pool.length / 2;
        for (int i = 0; i < bs; i++) {
            int k = r.nextInt(poolN);
            float tt = (float) r.nextDouble();
            for (int d = 0; d < 2; d++) {
                float x1 = pool[2 * k + d];
                float x0 = (float) r.nextGaussian();
                xt[2 * i + d] = (1 - tt) * x0 + tt * x1;
                ut[2 * i + d] = x1 - x0;
            }
            t[i] = tt;
        }
        INDArray x = Nd4j.create(xt, new long[]{bs, 2}, DataType.FLOAT);
        INDArray tc = Nd4j.create(t, new long[]{bs, 1}, DataType.FLOAT);
        INDArray u = Nd4j.create(ut, new long[]{bs, 2}, DataType.FLOAT);
        return net.fit(x, tc, u);
    }

    /** A training recipe for time-to-quality: MLP widths, Fourier time features, batch size, Adam learning rate. */
    record Recipe(String name, int width, int depth, int fourier, int batch, double lr, double ema) {

        static Recipe parse(String spec) {
            if (spec.equals("reference")) {
                return new Recipe("reference", 256, 3, 0, 1024, 1e-3, 0);
            }
            if (spec.equals("default")) {
                ModelConfig m = ModelConfig.defaults(org.flowlab.nn.NetworkKind.MLP, 0);
                org.flowlab.train.TrainingConfig t = org.flowlab.train.TrainingConfig.defaults(0);
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
                r.model(); // the network's own checks (e.g. Fourier features ≤ 512), before any training
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
    private Map<String, Object> timeToQuality(float[] pool, Recipe recipe, double floor) {
        Map<String, Object> out = new LinkedHashMap<>();
        float[] ref = Preset.MOONS.sample(2000, new SplittableRandom(10));
        VelocityNet net = Networks.build(recipe.model(), recipe.lr());
        // With an EMA decay, samples come from the trainer's weight average, updated after every step (timed).
        VelocityNet eval = recipe.ema() > 0 ? Networks.build(recipe.model(), recipe.lr()) : net;
        org.flowlab.nn.WeightAverage ema = recipe.ema() > 0
                ? new org.flowlab.nn.WeightAverage(recipe.ema(), net.params()) : null;
        SplittableRandom r = new SplittableRandom(2);
        double trainSeconds = 0;
        int steps = 0;
        Double reachedSeconds = null;
        Integer reachedSteps = null;
        double sw = Double.NaN;
        while (trainSeconds < qualityBudget) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                step(net, pool, recipe.batch(), r);
                if (ema != null) {
                    ema.update(net.params());
                }
            }
            trainSeconds += (System.nanoTime() - t0) / 1e9;
            steps += 100;
            if (reachedSteps == null || trainSeconds >= qualityBudget) {
                if (ema != null) {
                    eval.setParams(ema.average());
                }
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
