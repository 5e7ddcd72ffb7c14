package org.flowlab.flow;

import org.flowlab.ode.VectorField;

import java.util.SplittableRandom;
import org.flowlab.ode.OdeObserver;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.OdeStats;
import org.flowlab.ode.Trajectory;

/** Draws samples by integrating a velocity field's ODE from noise (t = 0) to data (t = 1). */
public final class FlowSampler {

    /**
     * @param noise      the starting points x0 ~ N(0, I), [n × 2]
     * @param samples    the end points at t = 1, [n × 2]
     * @param trajectory every accepted step, or null when not recorded
     */
    public record Result(float[] noise, float[] samples, Trajectory trajectory, OdeStats stats) {
    }

    private FlowSampler() {
    }

    /** n standard normal points from the seed, [n × 2]. */
    public static double[] noise(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    /** n samples from noise drawn with {@code seed} (see {@link #noise}). */
    public static Result sample(VectorField field, OdeSolver solver, int n, long seed, boolean record) {
        return sample(field, solver, noise(n, seed), n, record, OdeObserver.NONE);
    }

    /** Integrates from the given x0 ([n × 2]); {@code extra} observes every accepted step too. */
    public static Result sample(VectorField field, OdeSolver solver, double[] x0, int n, boolean record,
                                OdeObserver extra) {
        double[] x = x0.clone();
        float[] start = toFloat(x0);
        Trajectory.Recorder rec = record ? new Trajectory.Recorder(n, 2) : null;
        OdeObserver obs = rec == null ? extra : (t, s, v) -> {
            rec.accept(t, s, v);
            extra.accept(t, s, v);
        };
        OdeStats stats = solver.integrate(field, x, n, 0, 1, obs);
        return new Result(start, toFloat(x), rec == null ? null : rec.build(), stats);
    }

    public static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
