package org.flowlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.flowlab.compute.ComputeThread;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.format.ModelFile;
import org.flowlab.io.AtomicFiles;
import org.flowlab.nfe.NfeChart;
import org.flowlab.nfe.NfeLab;
import org.flowlab.nn.Network;
import org.flowlab.render.PngWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "nfe", mixinStandardHelpOptions = true,
        description = "The NFE lab: the same noise through every solver setting, against a Dopri5 1e-8 reference "
                + "solve. Writes one CSV row per model × solver × setting (nfe, endpoint error, sliced W2 to the "
                + "target) and optionally a log-log chart.")
final class NfeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, split = ",", paramLabel = "M[,M2…]",
            description = "Models (.zip) or sessions (.flowlab), comma-separated; compared on the same axes.")
    List<Path> models;

    @Option(names = "--raw-weights", description = "Use the raw weights instead of their average.")
    boolean rawWeights;

    @Option(names = "--solvers", split = ",", defaultValue = "euler,midpoint,heun,rk4,dopri5,tsit5",
            description = "Solvers (default: ${DEFAULT-VALUE}).")
    List<String> solvers;

    @Option(names = "--steps", split = ",", defaultValue = "1,2,4,8,16,32,64,128",
            description = "Step counts of the fixed-step solvers (default: ${DEFAULT-VALUE}).")
    int[] steps;

    @Option(names = "--tolerances", split = ",", defaultValue = "1e-2,1e-3,1e-4,1e-5,1e-6",
            description = "rtol = atol of the adaptive solvers (default: ${DEFAULT-VALUE}).")
    double[] tolerances;

    @Option(names = "--data", defaultValue = "moons", paramLabel = "<preset|image|csv>",
            description = "The density the models were trained on, for SW2 (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--n", defaultValue = "2000", description = "Particles (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output CSV.")
    Path out;

    @Option(names = "--plot", description = "Also draw the table as a log-log PNG chart.")
    Path plot;

    /** What one adaptive solve is counted at in the work budget (NFE). */
    static final long ADAPTIVE_NFE = 1000;

    @Override
    public Integer call() throws Exception {
        if (n < 2 || n > 1_000_000) {
            throw new UserInputException("--n must be in [2, 1000000]");
        }
        List<NfeLab.Setting> settings = UserInputException.fromOptions("--solvers/--steps/--tolerances",
                () -> NfeLab.settings(solvers, steps, tolerances));
        // Where the results go is checked before anything runs, and never over an input.
        Outputs.csvName(out);
        Outputs.check(out, 0);
        if (plot != null) {
            Outputs.check(plot, 0);
        }
        for (Path m : models) {
            Outputs.notInput("--out", out, m, "a model");
            if (plot != null) {
                Outputs.notInput("--plot", plot, m, "a model");
            }
        }
        // Work, bounded before anything runs (README, "What is bounded"): fixed-step settings cost steps × stages
        // evaluations of n points; an adaptive solve is counted at ADAPTIVE_NFE (measured: 104–254 for Dopri5 at
        // 1e-8 on the trained presets), the reference included.
        long evaluations = ADAPTIVE_NFE;
        for (NfeLab.Setting st : settings) {
            evaluations += st.adaptive() ? ADAPTIVE_NFE : (long) st.steps() * 4;
        }
        for (Path m : models) {
            org.flowlab.io.Budgets.requireWork("the NFE lab for " + m.getFileName(), n, evaluations,
                    ModelFile.load(m).weights().config().parameterCount(), "use a smaller --n or fewer --steps");
        }
        DensityGrid grid = DensitySources.load(data, DensityGrid.DEFAULT_SIZE, DensityGrid.DEFAULT_HALF_WIDTH);
        float[] target = grid.sampler().sample(Math.max(n, 10_000), new SplittableRandom(seed ^ 0x5EEDL));
        ComputeThread compute = ComputeThread.forBackend();
        List<NfeLab.Result> results = new ArrayList<>();
        for (Path m : models) {
            ModelFile.Contents c = ModelFile.load(m);
            Network net = Network.of(compute, rawWeights ? c.weights() : c.display());
            String name = m.getFileName().toString();
            long t0 = System.nanoTime();
            NfeLab.Result r = NfeLab.run(name, net, settings, n, seed, target, (done, total) -> { });
            System.out.printf(Locale.ROOT, "%s (%s path): reference dopri5 1e-8 took %d NFE, SW2 to %s %.4f; "
                            + "%d settings in %.1f s%n", name, c.weights().config().pathId(), r.referenceNfe(), data,
                    r.referenceSw2(), settings.size(), (System.nanoTime() - t0) / 1e9);
            for (NfeLab.Row row : r.rows()) {
                System.out.printf(Locale.ROOT, "  %-18s NFE %5d  endpoint error %.3e  SW2 %.4f%n",
                        row.setting().label(), row.nfe(), row.endpointError(), row.sw2());
            }
            results.add(r);
        }
        writeCsv(out, NfeLab.csv(results));
        System.out.println("wrote " + out);
        if (plot != null) {
            PngWriter.write(NfeChart.render(results, 1200, 480), plot);
            System.out.println("wrote " + plot);
        }
        return 0;
    }

    private static void writeCsv(Path file, String csv) throws IOException {
        AtomicFiles.write(file, o -> o.write(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
