package org.flowlab.app.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.render.SceneLayers;
import org.junit.jupiter.api.Test;

/** The field and pairs overlays on the same-thread runner, with an analytic field. */
class OverlayViewModelTest {

    private final TestModel model = new TestModel();
    private final DoubleProperty t = new SimpleDoubleProperty(1.0);
    private final BooleanProperty showField = new SimpleBooleanProperty(false);
    private final BooleanProperty showPairs = new SimpleBooleanProperty(false);
    private final SameThreadTaskRunner runner = SameThreadTaskRunner.deferred();
    private final OverlayViewModel o = new OverlayViewModel(runner, model, model.inputs(), t, showField, showPairs);

    @Test
    void theFieldIsEvaluatedOnAGridWhenShownAndTheNewestTWins() {
        model.weights.set(TestModel.weights(5, 1f));
        assertEquals(0, runner.pendingCount(), "nothing while hidden");
        showField.set(true);
        t.set(0.2);
        t.set(0.5);
        List<Double> shown = new ArrayList<>();
        o.fieldProperty().addListener((obs, a, b) -> {
            if (b != null) {
                shown.add(b.t());
            }
        });
        runner.runPending();
        assertEquals(0.5, shown.get(shown.size() - 1), "the last t asked for is what stays");
        SceneLayers.FieldSample f = o.fieldProperty().get();
        assertEquals(2 * OverlayViewModel.FIELD_GRID * OverlayViewModel.FIELD_GRID, f.positions().length);
        for (int i = 0; i < f.vectors().length; i++) {
            assertEquals(-f.positions()[i], f.vectors()[i], 1e-6, "v = −x");
        }
        assertEquals(1, model.velocities.get(), "one field for one set of weights, however often t moves");
        showField.set(false);
        assertNull(o.fieldProperty().get());
    }

    @Test
    void thePairsComeFromTheUsersSeed() {
        model.seed.set(1);
        showPairs.set(true);
        SceneLayers.PairSample first = o.pairsProperty().get();
        assertEquals(2 * OverlayViewModel.PAIRS, first.x0().length);
        model.targetVersion.set(1);
        assertArrayEquals(first.x1(), o.pairsProperty().get().x1(), "same seed, same pairs");
        model.seed.set(2);
        model.targetVersion.set(2);
        assertFalse(Arrays.equals(first.x0(), o.pairsProperty().get().x0()), "another seed, other pairs");
        assertFalse(Arrays.equals(first.x1(), o.pairsProperty().get().x1()));
        model.target.set(null);
        model.targetVersion.set(3);
        assertNull(o.pairsProperty().get(), "no pairs of an empty density");
    }
}
