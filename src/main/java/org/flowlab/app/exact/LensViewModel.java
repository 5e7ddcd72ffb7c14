package org.flowlab.app.exact;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.flowlab.app.ModelFields;
import org.flowlab.app.ModelInputs;
import org.flowlab.app.Seeds;
import org.flowlab.app.TaskRunner;
import org.flowlab.density.PointSampler;
import org.flowlab.flow.FlowSampler;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.marginal.MemorisationLens;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.VectorField;

/**
 * The memorisation lens: {@value #PARTICLES} noise points carried by the exact field of N training points drawn
 * from the target (the perfect regressor of those N points) and, from the same noise, by the network; both with
 * {@value #STEPS} Euler steps (which land exactly on the training points, see {@link MemorisationLens}). Computed
 * in the {@value #LANE} lane while shown, when N, the weights or the target change. N = {@link #ALL} uses the
 * exact field of the whole target density instead of a finite set.
 */
public final class LensViewModel {

    static final String LANE = "lens";
    static final int PARTICLES = 1500;
    static final int STEPS = 100;
    /** N at or above this means "all": the whole density's exact field. */
    public static final int ALL = 4096;
    public static final int MIN = 8;

    /**
     * What the lens shows.
     *
     * @param n        the training set's size (ALL: the whole density)
     * @param training the training points ([n × 2]; empty for ALL)
     * @param exact    where the exact field carries the noise
     * @param network  where the network carries the same noise
     * @param exactDistance   the mean distance of the exact particles to their nearest training point (NaN for ALL)
     * @param networkDistance the same for the network's particles
     */
    public record Sample(int n, float[] training, float[] exact, float[] network, double exactDistance,
                         double networkDistance) {
    }

    private final TaskRunner runner;
    private final ModelFields fields;
    private final ModelInputs model;
    private final ExactInputs exact;
    private final BooleanProperty show = new SimpleBooleanProperty(false);
    private final IntegerProperty n = new SimpleIntegerProperty(64);
    private final ReadOnlyObjectWrapper<Sample> sample = new ReadOnlyObjectWrapper<>();
    private final LatestRequest request = new LatestRequest(this::submit);
    private final PacedRequest paced;
    private final ExactInputs.Cache whole = new ExactInputs.Cache();
    /** The lens lane's cache of the exact particles (that lane's thread only). */
    private Object exactKey;
    private float[] exactMass;
    private float[] exactEnd;
    private volatile int exactRuns;

    public LensViewModel(TaskRunner runner, ModelFields fields, ModelInputs model, ExactInputs exact) {
        this.runner = runner;
        this.fields = fields;
        this.model = model;
        this.exact = exact;
        show.addListener((o, a, b) -> request.request());
        n.addListener((o, a, b) -> request.request());
        this.paced = new PacedRequest(request, () -> model.training().get());
        model.weights().addListener((o, a, b) -> paced.weightsChanged());
        model.training().addListener((o, was, now) -> {
            if (!now) {
                paced.trainingStopped();
            }
        });
        model.targetVersion().addListener((o, a, b) -> request.request());
    }

    /** Once per pulse: while training runs, the lens follows the weights at {@link PacedRequest}'s pace. */
    public void onPulse(long nowNanos) {
        paced.onPulse(nowNanos);
    }

    public BooleanProperty showProperty() {
        return show;
    }

    /** N, the training set's size, in [{@value #MIN}, {@value #ALL}] ({@value #ALL}: all of the density). */
    public IntegerProperty nProperty() {
        return n;
    }

    /** How often the exact particles were integrated (they are kept while only the weights change). */
    int exactRuns() {
        return exactRuns;
    }

    public ReadOnlyObjectProperty<Sample> sampleProperty() {
        return sample.getReadOnlyProperty();
    }

    private TaskRunner.Handle submit() {
        PointSampler data = model.target().get();
        WeightsSnapshot w = model.weights().getValue();
        if (!show.get() || data == null || w == null) {
            sample.set(null);
            return null;
        }
        int size = Math.max(MIN, Math.min(ALL, n.get()));
        long seed = model.seed().getAsLong();
        float[] mass = exact.mass().get();
        int gridSize = exact.size();
        double half = model.halfWidth();
        return runner.submit(LANE, p -> {
            ProbabilityPath path = ProbabilityPath.byId(ExactInputs.pathOf(w));
            double[] noise = FlowSampler.noise(PARTICLES, Seeds.derive(seed, Seeds.PARTICLES));
            MemorisationLens lens = size >= ALL ? null
                    : MemorisationLens.of(data, size, Seeds.derive(seed, Seeds.PAIR_DATA), path);
            // The exact particles do not depend on the weights: reuse them while only the network changes.
            java.util.List<Object> key = java.util.List.of(size, ExactInputs.pathOf(w), seed);
            if (!key.equals(exactKey) || mass != exactMass) {
                VectorField u = lens == null ? whole.field(mass, gridSize, half, ExactInputs.pathOf(w)) : lens.field();
                exactEnd = FlowSampler.toFloat(euler(u, noise.clone(), path.tMax(), p));
                exactKey = key;
                exactMass = mass;
                exactRuns++;
            }
            float[] exactEnd = this.exactEnd;
            float[] networkEnd = FlowSampler.toFloat(euler(fields.velocity(w), noise.clone(), path.tMax(), p));
            return new Sample(size, lens == null ? new float[0] : lens.trainingPoints(), exactEnd, networkEnd,
                    lens == null ? Double.NaN : mean(lens.nearestDistances(exactEnd, PARTICLES)),
                    lens == null ? Double.NaN : mean(lens.nearestDistances(networkEnd, PARTICLES)));
        }, sample::set, e -> sample.set(null));
    }

    /** x ← x + h·v(t, x), {@value #STEPS} steps from t = 0 to tMax (never evaluating tMax itself). */
    static double[] euler(VectorField v, double[] x, double tMax, TaskRunner.Progress p) {
        int m = x.length / 2;
        double[] out = new double[x.length];
        double h = tMax / STEPS;
        for (int k = 0; k < STEPS; k++) {
            p.checkCancelled();
            v.evaluate(k * h, x, m, out);
            for (int i = 0; i < x.length; i++) {
                x[i] += h * out[i];
            }
        }
        return x;
    }

    private static double mean(double[] d) {
        double s = 0;
        for (double v : d) {
            s += v;
        }
        return s / d.length;
    }
}
