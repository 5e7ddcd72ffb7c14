package org.flowlab.cli;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "target", mixinStandardHelpOptions = true,
        description = "Write N samples of a target density (preset, image or CSV points) as x,y rows.")
final class TargetCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "<preset|image|csv>",
            description = "A preset (moons, 8gaussians, 4gaussians, checkerboard, rings, spiral), an image "
                    + "(dark or opaque pixels are mass) or a CSV of x,y points.")
    String data;

    @Option(names = "--n", defaultValue = "10000", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output CSV file.")
    Path out;

    @Option(names = "--class", paramLabel = "K|NAME|all",
            description = "Labelled data only: samples of one class (index or name), or 'all' to write x,y,label rows.")
    String cls;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 10_000_000) {
            throw new UserInputException("--n must be in [1, 10000000]");
        }
        Outputs.notInput("--out", out, Outputs.dataFile(data), "the data");
        Outputs.csvName(out);
        Outputs.check(out, 0);
        DensityGrid grid = DensitySources.load(data, DensityGrid.DEFAULT_SIZE, DensityGrid.DEFAULT_HALF_WIDTH,
                Notes::print);
        if (cls != null && !grid.labelled()) {
            throw new UserInputException("--class: '" + data + "' has one class (no labels); give labelled data "
                    + "(x,y,label CSV, a colour image, or a preset such as moons:labels)");
        }
        if (cls == null) {
            float[] pts = grid.sampler().sample(n, new SplittableRandom(seed));
            CsvPointsWriter.write(out, pts);
            System.out.println("wrote " + n + " target samples to " + out);
            return 0;
        }
        org.flowlab.density.ClassSet classes = UserInputException.fromOptions("--data",
                () -> org.flowlab.density.ClassSet.of(grid));
        org.flowlab.density.LabelledSampler ls = grid.labelledSampler();
        if (cls.strip().equalsIgnoreCase("all")) {
            float[] pts = new float[2 * n];
            int[] labels = new int[n];
            ls.sample(n, new SplittableRandom(seed), pts, labels);
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = classes.get(labels[i]).name();
            }
            CsvPointsWriter.write(out, pts, names);
            System.out.println("wrote " + n + " labelled target samples to " + out + " (" + classes.describe() + ")");
            return 0;
        }
        int k = ClassOptions.classIndex(cls, classes);
        float[] pts = ls.classSampler(k).sample(n, new SplittableRandom(seed));
        CsvPointsWriter.write(out, pts);
        System.out.println("wrote " + n + " target samples of class " + k + " '" + classes.get(k).name() + "' to "
                + out);
        return 0;
    }
}
