package org.flowlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.render.Colors;
import org.flowlab.render.Frame;
import org.flowlab.render.FrameRenderer;
import org.flowlab.render.PngWriter;
import org.flowlab.render.Viewport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw point sets (CSV files of x,y rows) as a PNG, optionally over a target density.")
final class PlotCommand implements Callable<Integer> {

    private static final int[] PALETTE = {0xFFF2B134, 0xFF4FC3F7, 0xFFE57373, 0xFF81C784};

    @Parameters(arity = "1..4", paramLabel = "POINTS.csv", description = "Up to four point files, drawn in order.")
    List<Path> points;

    @Option(names = "--data", paramLabel = "<preset|image|csv>", description = "A target density drawn underneath.")
    String data;

    @Option(names = "--size", defaultValue = "800", description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--out", required = true, description = "Output image: .png, or .jpg for a JPEG.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (size < 16 || size > 8192) {
            throw new UserInputException("--size must be in [16, 8192]");
        }
        if (points.size() > PALETTE.length) {
            throw new UserInputException("plot draws at most " + PALETTE.length + " point files (one colour each), got "
                    + points.size());
        }
        UserInputException.fromOptions("--out", () -> PngWriter.formatOf(out));
        for (Path p : points) {
            Outputs.notInput("--out", out, p, "a point file");
        }
        Outputs.notInput("--out", out, Outputs.dataFile(data), "the data");
        Outputs.check(out, 0);
        Frame f = new Frame(size, size);
        Viewport v = new Viewport(size, size, DensityGrid.DEFAULT_HALF_WIDTH);
        FrameRenderer.background(f, v);
        if (data != null) {
            DensityGrid grid = DensitySources.load(data, DensityGrid.DEFAULT_SIZE, DensityGrid.DEFAULT_HALF_WIDTH,
                Notes::print);
            FrameRenderer.densityUnderlay(f, v, grid, Colors.TARGET_TINT, 0.6f);
        }
        for (int k = 0; k < points.size(); k++) {
            float[] xy = Notes.points(points.get(k));
            FrameRenderer.particles(f, v, xy, xy.length / 2, null, PALETTE[k], 1.2, 0.8f);
        }
        PngWriter.writeImage(f, out);
        System.out.println("wrote " + out);
        return 0;
    }
}
