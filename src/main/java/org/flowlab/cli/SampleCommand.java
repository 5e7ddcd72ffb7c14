package org.flowlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flowlab.density.DensityGrid;
import org.flowlab.flow.FlowSampler;
import org.flowlab.marginal.MarginalField;
import org.flowlab.marginal.MemorisationLens;
import org.flowlab.marginal.Target;
import org.flowlab.nn.Network;
import org.flowlab.format.ModelFile;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.RungeKuttaSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.ode.VectorField;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Integrate a trained model's ODE — or the exact marginal field of the data (--data D --exact) — "
                + "from noise to data and write the samples as x,y rows.")
final class SampleCommand implements Callable<Integer> {

    /** Exactly one of a model and the exact field (picocli reports both or neither as bad usage, exit 2). */
    static final class Source {
        @ArgGroup(exclusive = false, heading = "A trained model:%n")
        ModelOptions model;

        @ArgGroup(exclusive = false, heading = "Or the exact field of the data:%n")
        ExactOptions exact;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

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

    @Option(names = "--sde", description = "Sample the SDE with the same marginals instead of the ODE: Euler–Maruyama "
            + "with --steps steps and noise level g(t) = G·√σ_t (see --noise).")
    boolean sde;

    @picocli.CommandLine.Mixin
    ClassOptions classes = new ClassOptions();

    @Option(names = "--noise", description = "G ≥ 0, the SDE's noise level (0 = the ODE; default 1 with --sde).")
    Double noise;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 10_000_000) {
            throw new UserInputException("--n must be in [1, 10000000]");
        }
        if (sde || noise != null) {
            return sampleSde();
        }
        if (!(rtol >= RungeKuttaSolver.MIN_TOLERANCE && rtol <= 1)
                || !(atol >= RungeKuttaSolver.MIN_TOLERANCE && atol <= 1)) {
            throw new UserInputException("--rtol and --atol must be in [1e-12, 1] (double precision cannot meet "
                    + "tighter tolerances), got " + rtol + " and " + atol);
        }
        if (source.model != null) {
            Outputs.notInput("--out", out, source.model.model, "the model");
        }
        Outputs.csvName(out);
        Outputs.check(out, 0);
        UserInputException.fromOptions("--solver/--steps/--rtol/--atol",
                () -> Solvers.create(solver, steps, rtol, atol));
        VectorField field;
        MemorisationLens lens = null;
        double cost;   // multiply-adds per evaluated point
        Labels labels = labels();
        if (source.exact != null) {
            DensityGrid grid = source.exact.grid();
            lens = source.exact.lens(grid);
            Target target = lens != null ? null : Target.ofGrid(grid);
            field = lens != null ? lens.field() : new MarginalField(target, source.exact.path());
            // One weight (a few flops) per target cell or training point, before pruning: an upper bound.
            cost = 8.0 * (lens != null ? lens.size() : (double) grid.size() * grid.size());
        } else {
            WeightsSnapshot weights = source.model.weights();
            cost = weights.config().parameterCount() * (labels.guided() ? 2.0 : 1.0);
            field = ModelOptions.network(weights).conditioned(labels.condition);
        }
        RungeKuttaSolver s = Work.solver(solver, steps, rtol, atol, n, cost, Integer.MAX_VALUE);
        Work.require("sampling " + n + " points with " + Work.describe(s, steps), s, n, 2, cost,
                "use fewer --steps or a smaller --n");
        long t0 = System.nanoTime();
        FlowSampler.Result r = FlowSampler.sample(field, s, FlowSampler.noise(n, seed), n, false,
                Work.progress("sampling", 0, 1));
        double secs = (System.nanoTime() - t0) / 1e9;
        labels.write(out, r.samples());
        System.out.printf(java.util.Locale.ROOT, "wrote %d samples to %s (%s, %d accepted steps, %.2f s%s)%n",
                n, out, s.name(), r.stats().accepted(), secs,
                source.exact == null ? labels.describe() : ", " + source.exact.describe());
        if (lens != null) {
            double[] d = lens.nearestDistances(r.samples(), n);
            System.out.printf(java.util.Locale.ROOT, "mean distance to the nearest of the %d training points: %.3g%n",
                    lens.size(), java.util.Arrays.stream(d).average().orElse(Double.NaN));
        }
        System.out.println("NFE " + r.stats().nfe());
        return 0;
    }

    /** The condition of a model's samples and how their rows are written (x,y or x,y,label). */
    private record Labels(org.flowlab.nn.Condition condition, org.flowlab.density.ClassSet classes) {
        boolean guided() {
            return !condition.unconditional() && condition.guidance() != 1.0;
        }

        String describe() {
            String d = ClassOptions.describe(condition, classes);
            return d.isEmpty() ? "" : ", " + d;
        }

        void write(Path out, float[] xy) throws java.io.IOException {
            if (classes == null || condition.label() == org.flowlab.nn.Condition.NULL && condition.perRow() == null) {
                CsvPointsWriter.write(out, xy);
                return;
            }
            int n = xy.length / 2;
            String[] names = new String[n];
            int[] rows = condition.perRow();
            for (int i = 0; i < n; i++) {
                names[i] = classes.get(rows != null ? rows[i] : condition.label()).name();
            }
            CsvPointsWriter.write(out, xy, names);
        }
    }

    private Labels labelsCache;

    private Labels labels() throws java.io.IOException {
        if (labelsCache == null) {
            if (source.model == null) {
                if (classes.cls != null || classes.guidance != null) {
                    throw new UserInputException("--class and --guidance choose a class of a conditional model; "
                            + "the exact field (--data) has none");
                }
                labelsCache = new Labels(org.flowlab.nn.Condition.NONE, null);
            } else {
                ModelFile.Contents c = source.model.contents();
                labelsCache = new Labels(classes.condition(c, n, seed, true), c.classes());
            }
        }
        return labelsCache;
    }

    /** --sde: Euler–Maruyama on the model's path (its score from the velocity), Brownian seed derived from --seed. */
    private int sampleSde() throws java.io.IOException {
        if (!sde) {
            throw new UserInputException("--noise sets the SDE's noise level: add --sde");
        }
        double g = noise == null ? 1.0 : noise;
        if (!(g >= 0) || g > 100) {
            throw new UserInputException("--noise must be in [0, 100], got " + g);
        }
        if (!solver.equalsIgnoreCase("euler")) {
            throw new UserInputException("--sde integrates with Euler–Maruyama; leave out --solver " + solver);
        }
        if (steps < 1) {
            throw new UserInputException("--steps must be at least 1");
        }
        // The score comes from the velocity on the field's own path: the model's, or the exact field's --path.
        VectorField field;
        org.flowlab.flow.ProbabilityPath path;
        if (source.exact != null) {
            DensityGrid grid = source.exact.grid();
            MemorisationLens lens = source.exact.lens(grid);
            path = source.exact.path();
            field = lens != null ? lens.field() : new MarginalField(Target.ofGrid(grid), path);
        } else {
            Network net = source.model.network();
            field = net.conditioned(labels().condition);
            path = net.config().path();
        }
        long t0 = System.nanoTime();
        FlowSampler.Result r = org.flowlab.flow.SdeSampler.sample(field, path, g, steps,
                FlowSampler.noise(n, seed), n, seed ^ 0x5DE5EEDL, org.flowlab.ode.OdeObserver.NONE);
        labels().write(out, r.samples());
        System.out.printf(java.util.Locale.ROOT, "wrote %d samples to %s (SDE, Euler–Maruyama × %d, noise %s on the %s "
                + "path, %.2f s)%n", n, out, steps, g, path.id(), (System.nanoTime() - t0) / 1e9);
        System.out.println("NFE " + r.stats().nfe());
        return 0;
    }
}
