package org.flowlab.marginal;

import java.util.SplittableRandom;
import org.flowlab.density.PointSampler;
import org.flowlab.flow.ProbabilityPath;

/**
 * The memorisation lens: the exact marginal field of a finite training set of N points drawn from the target. It
 * is the minimiser of the training loss on those N points, and its flow carries N(0, I) onto exactly those points
 * (a mixture of N Dirac masses): a perfect regressor of a finite set memorises it. Integrate {@link #field()} with
 * any solver (it is a {@link org.flowlab.ode.VectorField}) beside the network, from the same noise, and compare.
 *
 * <p>The field is singular at σ_t = 0 (t = 1 on OT): near t = 1 it pulls each particle towards the nearest point
 * at speed |x − α·x1|/σ_t. Solvers that never evaluate t = 1 (Euler, midpoint) land on the points (an Euler step
 * from t = 1 − h ends exactly on the posterior mean); those that do (Heun, RK4, Dopri5) use the finite value of
 * {@link PathTerms} there and converge at first order in h (README gives the measured rates). Immutable.
 */
public final class MemorisationLens {

    private final float[] points;
    private final Target target;
    private final MarginalField field;

    private MemorisationLens(float[] points, ProbabilityPath path) {
        this.points = points;
        this.target = Target.ofPoints(points, points.length / 2);
        this.field = new MarginalField(target, path);
    }

    /** N points drawn from {@code data} with {@code seed} (the same seed, the same points). */
    public static MemorisationLens of(PointSampler data, int n, long seed, ProbabilityPath path) {
        if (n < 1) {
            throw new IllegalArgumentException("the training set needs at least 1 point, got " + n);
        }
        return new MemorisationLens(data.sample(n, new SplittableRandom(seed)), path);
    }

    /** The lens of given training points ([x0, y0, x1, y1, …], copied). */
    public static MemorisationLens ofPoints(float[] xy, ProbabilityPath path) {
        if (xy.length < 2) {
            throw new IllegalArgumentException("the training set needs at least 1 point");
        }
        return new MemorisationLens(java.util.Arrays.copyOf(xy, xy.length - xy.length % 2), path);
    }

    public int size() {
        return points.length / 2;
    }

    /** The training points ([x0, y0, x1, y1, …], a copy). */
    public float[] trainingPoints() {
        return points.clone();
    }

    public Target target() {
        return target;
    }

    /** The exact field of the training set. */
    public MarginalField field() {
        return field;
    }

    /** For each of the n points of xy ([n × 2]), the distance to its nearest training point. */
    public double[] nearestDistances(float[] xy, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = target.nearestDistance(xy[2 * i], xy[2 * i + 1]);
        }
        return d;
    }
}
