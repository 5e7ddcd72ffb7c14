package org.flowlab.app.exact;

import java.util.Objects;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.flowlab.app.ModelFields;
import org.flowlab.app.ModelInputs;
import org.flowlab.app.TaskRunner;
import org.flowlab.density.PointSampler;
import org.flowlab.marginal.LossFloor;
import org.flowlab.nn.WeightsSnapshot;

/**
 * The loss floor L* = E ½‖u_t(x_t | x1) − u_t(x_t)‖² of the current target and the shown model's path (the loss
 * of the exact marginal field, which no model can beat), measured in the {@value #LANE} lane whenever the target
 * or the path changes and only then; and the shown model's loss by t on the same samples ({@value #MODEL_LANE}
 * lane), remeasured whenever the weights change — while training runs at the pace of {@link PacedRequest}.
 */
public final class FloorViewModel {

    static final String LANE = "floor";
    static final String MODEL_LANE = "floor-model";
    static final int SAMPLES = LossFloor.DEFAULT_SAMPLES;
    static final int BINS = 10;
    static final long SEED = 0x464C_4F4FL;

    /**
     * A measured floor.
     *
     * @param pathId the path it is for
     * @param data   the floor and the floor by t bin
     * @param edges  the t bins' edges
     */
    public record Floor(String pathId, LossFloor.Curve data, double[] edges) {
    }

    private final TaskRunner runner;
    private final ModelFields fields;
    private final ModelInputs model;
    private final ExactInputs exact;
    private final ReadOnlyObjectWrapper<Floor> floor = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LossFloor.Curve> modelCurve = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper measurements = new ReadOnlyIntegerWrapper();
    private final LatestRequest modelRequest;
    private final PacedRequest modelPaced;
    private Object measuredKey;
    private LossFloor measured;

    public FloorViewModel(TaskRunner runner, ModelFields fields, ModelInputs model, ExactInputs exact) {
        this.runner = runner;
        this.fields = fields;
        this.model = model;
        this.exact = exact;
        this.modelRequest = new LatestRequest(this::submitModel);
        this.modelPaced = new PacedRequest(modelRequest, () -> model.training().get());
        model.targetVersion().addListener((o, a, b) -> requestFloor());
        model.weights().addListener((o, a, b) -> {
            if (!Objects.equals(key(), measuredKey)) {
                requestFloor();
            } else {
                modelPaced.weightsChanged();
            }
        });
        model.training().addListener((o, was, now) -> {
            if (!now) {
                modelPaced.trainingStopped();
            }
        });
        requestFloor();
    }

    /** Once per pulse: while training runs, the model's curve follows the weights at {@link PacedRequest}'s pace. */
    public void onPulse(long nowNanos) {
        modelPaced.onPulse(nowNanos);
    }

    /** The floor of the current target and path, or null while it is being measured or the target is empty. */
    public ReadOnlyObjectProperty<Floor> floorProperty() {
        return floor.getReadOnlyProperty();
    }

    /** The shown model's loss by t on the floor's samples, or null. */
    public ReadOnlyObjectProperty<LossFloor.Curve> modelProperty() {
        return modelCurve.getReadOnlyProperty();
    }

    /** How many floors were measured (each a 20k-sample Monte Carlo run). */
    public ReadOnlyIntegerProperty measurementsProperty() {
        return measurements.getReadOnlyProperty();
    }

    private Object key() {
        return java.util.List.of(String.valueOf(model.targetVersion().getValue()),
                ExactInputs.pathOf(model.weights().getValue()));
    }

    private void requestFloor() {
        measuredKey = key();
        measured = null;
        floor.set(null);
        modelCurve.set(null);
        PointSampler data = model.target().get();
        if (data == null) {
            runner.submit(LANE, p -> null, r -> { }, e -> { });
            return;
        }
        float[] mass = exact.mass().get();
        String path = ExactInputs.pathOf(model.weights().getValue());
        double half = model.halfWidth();
        int size = exact.size();
        runner.submit(LANE, p -> LossFloor.measure(new ExactInputs.Cache().field(mass, size, half, path), data,
                SAMPLES, BINS, SEED), lf -> {
                    measured = lf;
                    measurements.set(measurements.get() + 1);
                    floor.set(new Floor(path, lf.floor(), lf.binEdges()));
                    modelRequest.request();
                }, e -> { });
    }

    private TaskRunner.Handle submitModel() {
        LossFloor lf = measured;
        WeightsSnapshot w = model.weights().getValue();
        if (lf == null || w == null) {
            return null;
        }
        return runner.submit(MODEL_LANE, p -> lf.model(fields.velocity(w)), c -> {
            if (lf == measured) {
                modelCurve.set(c);
            }
        }, e -> { });
    }
}
