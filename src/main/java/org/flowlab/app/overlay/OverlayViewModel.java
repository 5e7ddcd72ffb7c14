package org.flowlab.app.overlay;

import org.flowlab.app.ModelFields;
import org.flowlab.app.ModelInputs;
import org.flowlab.app.Seeds;
import org.flowlab.app.TaskRunner;

import java.util.SplittableRandom;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableDoubleValue;
import org.flowlab.density.PointSampler;
import org.flowlab.flow.FlowSampler;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.render.SceneLayers;

/**
 * The overlays computed from the model: the learned vector field at t (evaluated in the {@value #LANE} lane
 * whenever it is shown and the weights or t change; at most one evaluation in flight, the newest t wins) and a
 * few conditional paths x0 → x1 (drawn from the user's seed, {@link Seeds#PAIR_DATA}, {@link Seeds#PAIR_NOISE}).
 */
public final class OverlayViewModel {

    static final String LANE = "field";
    static final int FIELD_GRID = 21;
    static final int PAIRS = 12;

    private final TaskRunner runner;
    private final ModelInputs model;
    private final ObservableDoubleValue t;
    private final ObservableBooleanValue showField;
    private final ObservableBooleanValue showPairs;
    private final FieldGrid grid;
    private final ObjectProperty<SceneLayers.FieldSample> field = new SimpleObjectProperty<>();
    private final ObjectProperty<SceneLayers.PairSample> pairs = new SimpleObjectProperty<>();
    /** The training's coupling spec: the pairs drawn are paired by it, as a training batch would be. */
    private final javafx.beans.property.StringProperty coupling =
            new javafx.beans.property.SimpleStringProperty(org.flowlab.coupling.Coupling.INDEPENDENT.id());
    private TaskRunner.Handle fieldRequest;
    private boolean fieldStale;
    /** The three fields of classifier-free guidance at t (∅, class, guided), shown for a conditional model. */
    private final javafx.beans.property.BooleanProperty showGuidance =
            new javafx.beans.property.SimpleBooleanProperty(false);
    private final ObjectProperty<SceneLayers.GuidanceFields> guidanceFields = new SimpleObjectProperty<>();
    private javafx.beans.value.ObservableIntegerValue generate = new javafx.beans.property.SimpleIntegerProperty(-1);
    private ObservableDoubleValue guidance = new javafx.beans.property.SimpleDoubleProperty(1);
    private TaskRunner.Handle guidanceRequest;
    private boolean guidanceStale;

    public OverlayViewModel(TaskRunner runner, ModelFields fields, ModelInputs model, ObservableDoubleValue t,
                            ObservableBooleanValue showField, ObservableBooleanValue showPairs) {
        this.runner = runner;
        this.model = model;
        this.t = t;
        this.showField = showField;
        this.showPairs = showPairs;
        this.grid = new FieldGrid(fields);
        showField.addListener((o, a, b) -> requestField());
        model.weights().addListener((o, a, b) -> requestField());
        t.addListener((o, a, b) -> requestField());
        showPairs.addListener((o, a, b) -> updatePairs());
        model.targetVersion().addListener((o, a, b) -> updatePairs());
        coupling.addListener((o, a, b) -> updatePairs());
        showGuidance.addListener((o, a, b) -> requestGuidance());
        model.weights().addListener((o, a, b) -> requestGuidance());
        t.addListener((o, a, b) -> requestGuidance());
    }

    /** Follows the class and the guidance scale the particles are generated with. */
    public void followGuidance(javafx.beans.value.ObservableIntegerValue generate, ObservableDoubleValue guidance) {
        this.generate = generate;
        this.guidance = guidance;
        generate.addListener((o, a, b) -> requestGuidance());
        guidance.addListener((o, a, b) -> requestGuidance());
    }

    public javafx.beans.property.BooleanProperty showGuidanceProperty() {
        return showGuidance;
    }

    public ReadOnlyObjectProperty<SceneLayers.GuidanceFields> guidanceFieldsProperty() {
        return guidanceFields;
    }

    /**
     * The three fields for the chosen class (all classes: class 0) of a conditional model, evaluated in the
     * field lane like the learned field; the newest request wins.
     */
    private void requestGuidance() {
        WeightsSnapshot w = model.weights().getValue();
        if (!showGuidance.get() || w == null || !w.config().conditional()) {
            guidanceFields.set(null);
            return;
        }
        if (guidanceRequest != null && !guidanceRequest.isDone()) {
            guidanceStale = true;
            return;
        }
        guidanceStale = false;
        double time = t.get();
        double half = model.halfWidth();
        int label = Math.max(0, Math.min(w.config().classes() - 1, generate.get()));
        double scale = Math.max(0, guidance.get());
        TaskRunner.Handle h = runner.submit(LANE, p -> grid.guided(w, time, half, FIELD_GRID, label, scale),
                guidanceFields::set, e -> { });
        guidanceRequest = h;
        h.whenStopped(() -> {
            if (guidanceRequest == h && guidanceStale) {
                requestGuidance();
            }
        });
    }

    /** Bind to the training's coupling spec. */
    public javafx.beans.property.StringProperty couplingProperty() {
        return coupling;
    }

    public ReadOnlyObjectProperty<SceneLayers.FieldSample> fieldProperty() {
        return field;
    }

    public ReadOnlyObjectProperty<SceneLayers.PairSample> pairsProperty() {
        return pairs;
    }

    private void requestField() {
        if (!showField.get()) {
            field.set(null);
            return;
        }
        WeightsSnapshot w = model.weights().getValue();
        if (w == null) {
            return;
        }
        if (fieldRequest != null && !fieldRequest.isDone()) {
            // Let the evaluation in flight finish (scrubbing would otherwise cancel every one), then redo it.
            fieldStale = true;
            return;
        }
        fieldStale = false;
        double time = t.get();
        double half = model.halfWidth();
        TaskRunner.Handle h = runner.submit(LANE, p -> grid.sample(w, time, half, FIELD_GRID), field::set, e -> { });
        fieldRequest = h;
        h.whenStopped(() -> {
            if (fieldRequest == h && fieldStale) {
                requestField();
            }
        });
    }

    private void updatePairs() {
        if (!showPairs.get()) {
            return;
        }
        PointSampler target = model.target().get();
        if (target == null) {
            pairs.set(null);
            return;
        }
        long seed = model.seed().getAsLong();
        float[] x1 = target.sample(PAIRS, new SplittableRandom(Seeds.derive(seed, Seeds.PAIR_DATA)));
        float[] x0 = FlowSampler.toFloat(FlowSampler.noise(PAIRS, Seeds.derive(seed, Seeds.PAIR_NOISE)));
        org.flowlab.coupling.Coupling.parse(coupling.get()).pair(x0, x1, PAIRS,
                new SplittableRandom(Seeds.derive(seed, Seeds.PAIR_NOISE) + 1));
        pairs.set(new SceneLayers.PairSample(x0, x1));
    }
}
