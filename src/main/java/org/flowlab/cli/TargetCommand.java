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
        float[] pts = grid.sampler().sample(n, new SplittableRandom(seed));
        CsvPointsWriter.write(out, pts);
        System.out.println("wrote " + n + " target samples to " + out);
        return 0;
    }
}
