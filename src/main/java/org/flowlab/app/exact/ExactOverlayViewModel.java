package org.flowlab.app.exact;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableDoubleValue;
import org.flowlab.app.ModelFields;
import org.flowlab.app.ModelInputs;
import org.flowlab.app.TaskRunner;
import org.flowlab.density.PointSampler;
import org.flowlab.flow.FlowSampler;
import org.flowlab.marginal.MarginalField;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.render.SceneLayers;

/**
 * The exact marginal field u_t at the current t, as arrows on the learned field's grid ({@value #ARROWS_LANE}
 * lane, ≈ 1 ms, so it follows t while scrubbing), and the error map |v_θ − u_t| / |u_t| ({@value #ERROR_LANE}
 * lane, {@value #ERROR_GRID}² cells, see {@link ErrorMaps}); each recomputed while shown when t, the target or
 * the weights change, at most one evaluation in flight each.
 */
public final class ExactOverlayViewModel {

    static final String ARROWS_LANE = "exact-field";
    static final String ERROR_LANE = "error-map";
    /** The learned field's grid, so each exact arrow sits on a learned one. */
    static final int ARROW_GRID = 21;
    static final int ERROR_GRID = 96;

    private final TaskRunner runner;
    private final ModelInputs model;
    private final ExactInputs exact;
    private final ObservableDoubleValue t;
    private final ObservableBooleanValue showExact;
    private final ObservableBooleanValue showError;
    private final ExactInputs.Cache arrowsField = new ExactInputs.Cache();
    private final ErrorMaps errorMaps;
    private final ReadOnlyObjectWrapper<SceneLayers.FieldSample> arrows = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SceneLayers.ErrorMap> errorMap = new ReadOnlyObjectWrapper<>();
    private final LatestRequest arrowsRequest = new LatestRequest(this::submitArrows);
    private final LatestRequest errorRequest = new LatestRequest(this::submitError);
    private final PacedRequest errorPaced;

    public ExactOverlayViewModel(TaskRunner runner, ModelFields fields, ModelInputs model, ExactInputs exact,
                                 ObservableDoubleValue t, ObservableBooleanValue showExact,
                                 ObservableBooleanValue showError) {
        this.runner = runner;
        this.model = model;
        this.exact = exact;
        this.t = t;
        this.showExact = showExact;
        this.showError = showError;
        this.errorMaps = new ErrorMaps(fields);
        this.errorPaced = new PacedRequest(errorRequest, () -> model.training().get());
        showExact.addListener((o, a, b) -> arrowsRequest.request());
        showError.addListener((o, a, b) -> errorRequest.request());
        t.addListener((o, a, b) -> {
            arrowsRequest.request();
            errorRequest.request();
        });
        model.targetVersion().addListener((o, a, b) -> {
            arrowsRequest.request();
            errorRequest.request();
        });
        model.weights().addListener((o, a, b) -> {
            if (a == null || b == null || !ExactInputs.pathOf(a).equals(ExactInputs.pathOf(b))) {
                arrowsRequest.request();
            }
            errorPaced.weightsChanged();
        });
        model.training().addListener((o, was, now) -> {
            if (!now) {
                errorPaced.trainingStopped();
            }
        });
    }

    /** Once per pulse: while training runs, the error map follows the weights at {@link PacedRequest}'s pace. */
    public void onPulse(long nowNanos) {
        errorPaced.onPulse(nowNanos);
    }

    /** The exact arrows at t, or null while hidden. */
    public ReadOnlyObjectProperty<SceneLayers.FieldSample> exactFieldProperty() {
        return arrows.getReadOnlyProperty();
    }

    /** The error map at t, or null while hidden. */
    public ReadOnlyObjectProperty<SceneLayers.ErrorMap> errorMapProperty() {
        return errorMap.getReadOnlyProperty();
    }

    private TaskRunner.Handle submitArrows() {
        if (!showExact.get() || model.target().get() == null) {
            arrows.set(null);
            return null;
        }
        float[] mass = exact.mass().get();
        int size = exact.size();
        String path = ExactInputs.pathOf(model.weights().getValue());
        double time = t.get();
        double half = model.halfWidth();
        return runner.submit(ARROWS_LANE, p -> arrowsAt(arrowsField.field(mass, size, half, path), time, half),
                arrows::set, e -> arrows.set(null));
    }

    static SceneLayers.FieldSample arrowsAt(MarginalField u, double t, double half) {
        int g = ARROW_GRID;
        double spacing = 2 * half / g;
        double[] xs = new double[g];
        for (int i = 0; i < g; i++) {
            xs[i] = -half + (i + 0.5) * spacing;
        }
        double[] pos = new double[2 * g * g];
        for (int j = 0; j < g; j++) {
            for (int i = 0; i < g; i++) {
                pos[2 * (j * g + i)] = xs[i];
                pos[2 * (j * g + i) + 1] = xs[j];
            }
        }
        double[] v = new double[2 * g * g];
        u.evaluateLattice(t, xs, xs, v);
        return new SceneLayers.FieldSample(FlowSampler.toFloat(pos), FlowSampler.toFloat(v), t);
    }

    private TaskRunner.Handle submitError() {
        PointSampler data = model.target().get();
        WeightsSnapshot w = model.weights().getValue();
        if (!showError.get() || data == null || w == null) {
            errorMap.set(null);
            return null;
        }
        float[] mass = exact.mass().get();
        int size = exact.size();
        double time = t.get();
        double half = model.halfWidth();
        return runner.submit(ERROR_LANE, p -> errorMaps.map(w, mass, size, data, time, half, ERROR_GRID),
                errorMap::set, e -> errorMap.set(null));
    }
}
