package org.flowlab.flow;

import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Trajectory;
import org.flowlab.ode.VectorField;

/**
 * The flow map φ_t as a deformation of space: a regular grid of lines laid out in noise space (t = 0), every
 * line sampled at evenly spaced points, and those points carried by dx/dt = v(x, t). At t the lines through the
 * points φ_t(grid) show the image of the grid. φ_t is invertible (the ODE run backwards from t to 0 undoes it),
 * so lines never cross: the flow bends space without tearing or folding it.
 */
public final class GridWarp {

    /**
     * A grid of points on lines, [n × 2] with n = lines × pointsPerLine.
     *
     * @param positions     the points, line after line (point j of line l at index l·pointsPerLine + j)
     * @param lines         2·linesPerAxis: first the vertical lines (x fixed, y from −L to L), then the horizontal
     * @param pointsPerLine points along each line, evenly spaced from −L to L
     */
    public record Grid(double[] positions, int lines, int pointsPerLine) {

        public int points() {
            return lines * pointsPerLine;
        }
    }

    private GridWarp() {
    }

    /**
     * {@code linesPerAxis} vertical and as many horizontal lines at evenly spaced coordinates of [−L, L], each
     * sampled at {@code pointsPerLine} evenly spaced points from −L to L.
     */
    public static Grid grid(int linesPerAxis, int pointsPerLine, double halfWidth) {
        if (linesPerAxis < 2 || pointsPerLine < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 lines per axis and 2 points per line");
        }
        int lines = 2 * linesPerAxis;
        double[] x = new double[2 * lines * pointsPerLine];
        for (int l = 0; l < linesPerAxis; l++) {
            double c = -halfWidth + 2 * halfWidth * l / (linesPerAxis - 1);
            for (int j = 0; j < pointsPerLine; j++) {
                double s = -halfWidth + 2 * halfWidth * j / (pointsPerLine - 1);
                int vertical = l * pointsPerLine + j;
                int horizontal = (linesPerAxis + l) * pointsPerLine + j;
                x[2 * vertical] = c;
                x[2 * vertical + 1] = s;
                x[2 * horizontal] = s;
                x[2 * horizontal + 1] = c;
            }
        }
        return new Grid(x, lines, pointsPerLine);
    }

    /** The grid's points carried from t = 0 to 1, every accepted step recorded (dense output gives φ_t for any t). */
    public static Trajectory carry(VectorField field, OdeSolver solver, Grid grid) {
        int n = grid.points();
        double[] x = grid.positions().clone();
        Trajectory.Recorder rec = new Trajectory.Recorder(n, 2);
        solver.integrate(field, x, n, 0, 1, rec);
        return rec.build();
    }

    /**
     * φ_t⁻¹: points at time t ([n × 2]) carried backwards to t = 0 by the same ODE (the inverse flow map).
     * At t = 0 the points are returned unchanged.
     */
    public static double[] pullBack(VectorField field, OdeSolver solver, double[] atT, int n, double t) {
        double[] x = atT.clone();
        if (t > 0) {
            solver.integrate(field, x, n, t, 0, OdeObserver.NONE);
        }
        return x;
    }
}
