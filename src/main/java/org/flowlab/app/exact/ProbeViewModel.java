package org.flowlab.app.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableDoubleValue;
import org.flowlab.app.ModelFields;
import org.flowlab.app.ModelInputs;
import org.flowlab.app.TaskRunner;
import org.flowlab.marginal.MarginalField;
import org.flowlab.marginal.Probe;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.VectorField;
import org.flowlab.render.SceneLayers;

/**
 * The probe: in probe mode a click (or drag) pins a point x; at the current t the {@value #LANE} lane finds the
 * target's conditional paths through x ({@value #PATHS} of them drawn, picked in proportion to their weight, so
 * they show where the posterior over x1 really lies), their weighted average u_t(x) — the
 * exact marginal velocity — and the network's v_θ(x, t). Recomputed when t, the weights or the target change, so
 * moving t with the point pinned shows the average turn. Leaving probe mode clears it.
 */
public final class ProbeViewModel {

    static final String LANE = "probe";
    /** Paths drawn: picked from all components in proportion to their weight (systematic resampling). */
    static final int PATHS = 32;

    private final TaskRunner runner;
    private final ModelFields fields;
    private final ModelInputs model;
    private final ExactInputs exact;
    private final ObservableDoubleValue t;
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<SceneLayers.ProbeSample> probe = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final ExactInputs.Cache exactField = new ExactInputs.Cache();
    private final LatestRequest request = new LatestRequest(this::submit);
    private double[] point;
    private WeightsSnapshot networkWeights;
    private VectorField network;

    public ProbeViewModel(TaskRunner runner, ModelFields fields, ModelInputs model, ExactInputs exact,
                          ObservableDoubleValue t) {
        this.runner = runner;
        this.fields = fields;
        this.model = model;
        this.exact = exact;
        this.t = t;
        active.addListener((o, a, b) -> {
            if (!b) {
                point = null;
                request.request();
            }
        });
        t.addListener((o, a, b) -> request.request());
        model.weights().addListener((o, a, b) -> request.request());
        model.targetVersion().addListener((o, a, b) -> request.request());
    }

    /** True in probe mode: clicks on the canvas probe instead of drawing. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** What to draw, or null. */
    public ReadOnlyObjectProperty<SceneLayers.ProbeSample> probeProperty() {
        return probe.getReadOnlyProperty();
    }

    /** The probe's numbers in words ("" when nothing is probed). */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** Pins the probe at domain point (x, y) (ignored outside probe mode). */
    public void probeAt(double x, double y) {
        if (active.get()) {
            point = new double[]{x, y};
            request.request();
        }
    }

    private TaskRunner.Handle submit() {
        double[] at = point;
        if (at == null || model.target().get() == null) {
            probe.set(null);
            caption.set("");
            return null;
        }
        float[] mass = exact.mass().get();
        int size = exact.size();
        WeightsSnapshot w = model.weights().getValue();
        String path = ExactInputs.pathOf(w);
        double time = t.get();
        double half = model.halfWidth();
        return runner.submit(LANE, p -> compute(w, mass, size, half, path, time, at[0], at[1]), s -> {
            probe.set(s);
            caption.set(describe(s));
        }, e -> {
            probe.set(null);
            caption.set("");
        });
    }

    private SceneLayers.ProbeSample compute(WeightsSnapshot w, float[] mass, int size, double half, String path,
                                            double time, double x, double y) {
        MarginalField field = exactField.field(mass, size, half, path);
        Probe p = field.probe(time, x, y, field.target().size());
        double[] v = {Double.NaN, Double.NaN};
        if (w != null) {
            if (w != networkWeights) {
                network = fields.velocity(w);
                networkWeights = w;
            }
            network.evaluate(time, new double[]{x, y}, 1, v);
        }
        List<Probe.ConditionalPath> paths = pick(p.paths(), PATHS);
        int m = paths.size();
        float[] x0 = new float[2 * m];
        float[] x1 = new float[2 * m];
        float[] u = new float[2 * m];
        float[] weight = new float[m];
        for (int i = 0; i < m; i++) {
            Probe.ConditionalPath c = paths.get(i);
            x0[2 * i] = (float) c.x0x();
            x0[2 * i + 1] = (float) c.x0y();
            x1[2 * i] = (float) c.x1x();
            x1[2 * i + 1] = (float) c.x1y();
            u[2 * i] = (float) c.ux();
            u[2 * i + 1] = (float) c.uy();
            weight[i] = (float) c.weight();
        }
        return new SceneLayers.ProbeSample(x, y, p.t(), x0, x1, u, weight, p.ux(), p.uy(), v[0], v[1]);
    }

    /**
     * Up to m distinct paths by systematic resampling on their weights (deterministic: the same probe, the same
     * paths), heaviest first.
     */
    static List<Probe.ConditionalPath> pick(List<Probe.ConditionalPath> all, int m) {
        double total = 0;
        for (Probe.ConditionalPath c : all) {
            total += c.weight();
        }
        List<Probe.ConditionalPath> out = new ArrayList<>();
        if (!(total > 0)) {
            return out;
        }
        double step = total / m;
        double next = step / 2;
        double acc = 0;
        for (Probe.ConditionalPath c : all) {
            acc += c.weight();
            if (acc >= next) {
                out.add(c);
                while (next <= acc) {
                    next += step;
                }
            }
        }
        return out;
    }

    static String describe(SceneLayers.ProbeSample s) {
        String net = Double.isNaN(s.vx()) ? "no model yet" : String.format(Locale.ROOT,
                "network v = (%.2f, %.2f), |v − u| = %.3f", s.vx(), s.vy(), Math.hypot(s.vx() - s.ux(), s.vy() - s.uy()));
        return String.format(Locale.ROOT, "x = (%.2f, %.2f), t = %.2f: exact average u = Σ w_i u_i = (%.2f, %.2f) "
                + "over all target cells (%d drawn, picked by weight; heaviest w = %.3f); %s",
                s.x(), s.y(), s.t(), s.ux(), s.uy(), s.weight().length,
                s.weight().length == 0 ? 0.0 : s.weight()[0], net);
    }
}
