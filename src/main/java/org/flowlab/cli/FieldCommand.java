package org.flowlab.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.io.AtomicFiles;
import org.flowlab.ode.VectorField;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "field", mixinStandardHelpOptions = true,
        description = "Write a velocity field at time t — a trained model's, or the exact marginal field of the "
                + "data — at given points or on a grid, as x,y,u,v rows (in the order of the points).")
final class FieldCommand implements Callable<Integer> {

    /** Exactly one of a model and the exact field. */
    static final class Source {
        @ArgGroup(exclusive = false, heading = "A trained model:%n")
        ModelOptions model;

        @ArgGroup(exclusive = false, heading = "Or the exact field of the data:%n")
        ExactOptions exact;
    }

    /** Exactly one of a points file and a grid. */
    static final class Where {
        @Option(names = "--points", description = "CSV of x,y points (e.g. from 'flowlab target').")
        Path points;

        @Option(names = "--grid", paramLabel = "G",
                description = "A G×G grid of cell centres over [−4, 4]², rows from the top, x increasing.")
        Integer grid;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    @Option(names = "--t", required = true, description = "Time t in [0, 1] (noise at 0, data at 1).")
    double t;

    @Option(names = "--out", required = true, description = "Output CSV (x,y,u,v).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ExactOptions.checkTime(t);
        double[] xy = points();
        int n = xy.length / 2;
        VectorField field;
        String what;
        if (source.exact != null) {
            field = source.exact.field();
            what = source.exact.describe();
        } else {
            field = source.model.network();
            what = "model " + source.model.model;
        }
        double[] uv = new double[xy.length];
        long t0 = System.nanoTime();
        if (where.grid != null && field instanceof org.flowlab.marginal.MarginalField exact) {
            double[][] axes = axes(where.grid);
            exact.evaluateLattice(t, axes[0], axes[1], uv);
        } else {
            field.evaluate(t, xy, n, uv);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        AtomicFiles.write(out, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            w.write("x,y,u,v\n");
            for (int i = 0; i < n; i++) {
                w.write(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f%n", xy[2 * i], xy[2 * i + 1], uv[2 * i],
                        uv[2 * i + 1]));
            }
            w.flush();
        });
        System.out.printf(Locale.ROOT, "wrote %d velocities of the %s at t=%s to %s (%.1f ms)%n", n, what, t, out, ms);
        return 0;
    }

    /** The query points, [n × 2]: the file's rows, or the grid's cell centres row by row from the top. */
    private double[] points() {
        if (where.points != null) {
            float[] p = DensitySources.readPoints(where.points);
            double[] xy = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                xy[i] = p[i];
            }
            return xy;
        }
        if (where.grid < 1 || where.grid > 2048) {
            throw new UserInputException("--grid must be in [1, 2048]");
        }
        double[][] axes = axes(where.grid);
        int g = where.grid;
        double[] xy = new double[2 * g * g];
        for (int row = 0; row < g; row++) {
            for (int col = 0; col < g; col++) {
                xy[2 * (row * g + col)] = axes[0][col];
                xy[2 * (row * g + col) + 1] = axes[1][row];
            }
        }
        return xy;
    }

    /** Cell centres of a g×g grid over [−L, L]²: x increasing, y from the top. */
    static double[][] axes(int g) {
        double half = DensityGrid.DEFAULT_HALF_WIDTH;
        double[] xs = new double[g];
        double[] ys = new double[g];
        for (int i = 0; i < g; i++) {
            xs[i] = -half + (i + 0.5) * 2 * half / g;
            ys[i] = half - (i + 0.5) * 2 * half / g;
        }
        return new double[][]{xs, ys};
    }
}
