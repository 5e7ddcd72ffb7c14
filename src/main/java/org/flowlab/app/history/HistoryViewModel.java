package org.flowlab.app.history;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableValue;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.Checkpoints;

/**
 * The training-history slider: which weights the views show. Positions 0 … C − 1 are the C checkpoints the trainer
 * kept (oldest first); position C is "latest" and follows the live weights (training's, or a reflow round's).
 * While at the latest the slider stays there as checkpoints are added; scrubbed back, it stays on the same step
 * (the checkpoint at or before it, if thinning dropped that one). Everything that shows the model (particles,
 * field, density, instruments) follows {@link #shownProperty()}.
 */
public final class HistoryViewModel {

    /** Shown under the slider. */
    public static final String EXPLANATION = "Training history: the trainer keeps checkpoints of the weights, every "
            + "step early on and fewer later (at most 64). Drag to see the flow the model had at that step, at the "
            + "current t; the loss chart marks the step. The right end follows the latest weights.";

    private final ObservableValue<WeightsSnapshot> live;
    private final ObservableValue<Checkpoints> checkpoints;
    private final IntegerProperty position = new SimpleIntegerProperty(0);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<WeightsSnapshot> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper markedStep = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper("latest");
    private boolean adjusting;

    /**
     * @param live        the weights shown at the latest position
     * @param checkpoints the training history (replaced as training keeps checkpoints)
     */
    public HistoryViewModel(ObservableValue<WeightsSnapshot> live, ObservableValue<Checkpoints> checkpoints) {
        this.live = live;
        this.checkpoints = checkpoints;
        live.addListener((o, a, b) -> update());
        checkpoints.addListener((o, a, b) -> checkpointsChanged(a, b));
        position.addListener((o, a, b) -> {
            if (!adjusting) {
                update();
            }
        });
        count.set(size(checkpoints.getValue()));
        position.set(count.get());
        update();
    }

    private static int size(Checkpoints c) {
        return c == null ? 0 : c.size();
    }

    /** The slider's position: 0 … {@link #countProperty()}, where the count itself means the latest weights. */
    public IntegerProperty positionProperty() {
        return position;
    }

    /** C, the number of checkpoints (the slider's maximum, "latest"). */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** The weights to show: the selected checkpoint's, or the live ones at the latest position. */
    public ReadOnlyObjectProperty<WeightsSnapshot> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The step of the selected checkpoint, or −1 at the latest position (for the loss chart's mark). */
    public ReadOnlyLongProperty markedStepProperty() {
        return markedStep.getReadOnlyProperty();
    }

    /** "step 200 (checkpoint 12 of 40)" or "latest · step 2000". */
    public ReadOnlyStringProperty labelProperty() {
        return label.getReadOnlyProperty();
    }

    public boolean isLatest() {
        return position.get() >= count.get();
    }

    /** Moves to the latest weights. */
    public void latest() {
        position.set(count.get());
    }

    /** Moves by {@code delta} checkpoints (clamped). */
    public void stepBy(int delta) {
        position.set(Math.max(0, Math.min(count.get(), position.get() + delta)));
    }

    private void checkpointsChanged(Checkpoints before, Checkpoints now) {
        boolean wasLatest = position.get() >= size(before);
        long step = markedStep.get();
        adjusting = true;
        try {
            count.set(size(now));
            if (wasLatest || now == null || now.isEmpty()) {
                position.set(count.get());
            } else {
                position.set(Math.max(0, now.indexAtOrBefore(step)));
            }
        } finally {
            adjusting = false;
        }
        update();
    }

    private void update() {
        Checkpoints c = checkpoints.getValue();
        int p = Math.max(0, Math.min(count.get(), position.get()));
        WeightsSnapshot w;
        if (c == null || p >= c.size()) {
            w = live.getValue();
            markedStep.set(-1);
            label.set(w == null ? "latest" : "latest · step " + w.step());
        } else {
            w = c.get(p);
            markedStep.set(w.step());
            label.set("step " + w.step() + " (checkpoint " + (p + 1) + " of " + c.size() + ")");
        }
        if (shown.get() != w) {
            shown.set(w);
        }
    }
}
