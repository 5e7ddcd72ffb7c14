package org.flowlab.app.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.Checkpoints;
import org.junit.jupiter.api.Test;

/** The training-history slider without a window: latest follows live weights, scrubbing shows a checkpoint. */
class HistoryViewModelTest {

    static final ModelConfig C = ModelConfig.referenceMlp(1).withWidths(new int[]{4});

    static WeightsSnapshot at(long step) {
        return new WeightsSnapshot(C, new float[(int) C.parameterCount()], null, step);
    }

    static Checkpoints of(long... steps) {
        List<WeightsSnapshot> l = new ArrayList<>();
        for (long s : steps) {
            l.add(at(s));
        }
        return Checkpoints.of(l);
    }

    @Test
    void latestFollowsTheLiveWeightsAndScrubbingShowsACheckpoint() {
        var live = new SimpleObjectProperty<>(at(5));
        var history = new SimpleObjectProperty<>(of(0, 1, 2, 4));
        HistoryViewModel h = new HistoryViewModel(live, history);
        assertEquals(4, h.countProperty().get());
        assertTrue(h.isLatest());
        assertSame(live.get(), h.shownProperty().get());
        assertEquals(-1, h.markedStepProperty().get());

        WeightsSnapshot newer = at(9);
        history.set(of(0, 1, 2, 4, 8));
        live.set(newer);
        assertEquals(5, h.positionProperty().get(), "stays at the latest as checkpoints are added");
        assertSame(newer, h.shownProperty().get());

        h.positionProperty().set(2);
        assertSame(history.get().get(2), h.shownProperty().get());
        assertEquals(2, h.markedStepProperty().get(), "the chart marks the step");
        assertTrue(h.labelProperty().get().startsWith("step 2"), h.labelProperty().get());
        live.set(at(10));
        assertSame(history.get().get(2), h.shownProperty().get(), "scrubbed back, live weights do not move it");

        // Thinning dropped step 2: the slider keeps the checkpoint at or before it.
        history.set(of(0, 1, 4, 8, 12));
        assertEquals(1, h.markedStepProperty().get());
        assertEquals(1, h.positionProperty().get());

        h.stepBy(+100);
        assertTrue(h.isLatest());
        assertEquals(10, h.shownProperty().get().step());
        h.stepBy(-1);
        assertEquals(12, h.markedStepProperty().get());
        h.latest();
        assertEquals(-1, h.markedStepProperty().get());
    }
}
