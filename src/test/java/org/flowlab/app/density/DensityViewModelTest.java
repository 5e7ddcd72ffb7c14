package org.flowlab.app.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.flowlab.app.Notification;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.render.SceneLayers;
import org.junit.jupiter.api.Test;

/** The density view model on the same-thread runner, with analytic fields instead of networks. */
class DensityViewModelTest {

    private TestModel model = new TestModel();
    private final DoubleProperty t = new SimpleDoubleProperty(1.0);
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private final List<Notification> notes = new ArrayList<>();
    private SameThreadTaskRunner runner = SameThreadTaskRunner.immediate();
    private DensityViewModel d = new DensityViewModel(runner, model, model.inputs(), t, playing, notes::add);

    /** A fresh model and view model on a deferred runner (listeners of the first would react too). */
    private void deferred() {
        model = new TestModel();
        runner = SameThreadTaskRunner.deferred();
        d = new DensityViewModel(runner, model, model.inputs(), t, playing, notes::add);
    }

    @Test
    void theHeatmapIsComputedWhenShownAndNormalisedToItsPeak() {
        model.weights.set(TestModel.weights(10, 1f));
        assertNull(d.heatmapProperty().get(), "nothing while hidden");
        d.showProperty().set(true);
        SceneLayers.Heatmap h = d.heatmapProperty().get();
        assertNotNull(h);
        assertEquals(DensityViewModel.GRID * DensityViewModel.GRID, h.values().length);
        float max = 0;
        for (float v : h.values()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 1e-6f);
        assertFalse(d.computingProperty().get());
        d.showProperty().set(false);
        assertNull(d.heatmapProperty().get());
    }

    @Test
    void differentWeightsAtTheSameStepDoNotShareACacheEntryButEqualOnesDo() {
        d.showProperty().set(true);
        model.weights.set(TestModel.weights(10, 1f));
        SceneLayers.Heatmap first = d.heatmapProperty().get();
        assertEquals(1, model.divergences.get());

        model.weights.set(TestModel.weights(10, 2f));
        assertEquals(2, model.divergences.get(), "other weights at the same step are computed anew");
        assertNotSame(first, d.heatmapProperty().get());

        model.weights.set(TestModel.weights(10, 1f));
        assertEquals(2, model.divergences.get(), "equal weights (another object) come from the cache");
        assertSame(first, d.heatmapProperty().get());
    }

    @Test
    void theHeatmapFollowsTOnlyWhileNotPlaying() {
        d.showProperty().set(true);
        model.weights.set(TestModel.weights(10, 1f));
        playing.set(true);
        t.set(0.5);
        assertEquals(1, model.divergences.get(), "no density work while the particles move");
        playing.set(false);
        assertEquals(2, model.divergences.get(), "at the pause, the density at the new t");
        t.set(0.51);
        assertEquals(2, model.divergences.get(), "t is cached to the nearest 0.05");
    }

    @Test
    void hidingTheHeatmapCancelsItsComputation() {
        deferred();
        model.weights.set(TestModel.weights(10, 1f));
        d.showProperty().set(true);
        assertTrue(d.computingProperty().get());
        d.showProperty().set(false);
        runner.runPending();
        assertNull(d.heatmapProperty().get(), "a cancelled request never delivers");
        assertFalse(d.computingProperty().get());
        assertEquals(0, model.divergences.get(), "and did not even start");
    }

    @Test
    void aNewerHeatmapRequestReplacesTheOlder() {
        deferred();
        d.showProperty().set(true);
        model.weights.set(TestModel.weights(10, 1f));
        model.weights.set(TestModel.weights(11, 2f));
        runner.runPending();
        assertEquals(1, model.divergences.get());
        assertNotNull(d.heatmapProperty().get());
    }

    private double nllAfterTraining(long seed) {
        model.seed.set(seed);
        model.targetVersion.set(model.targetVersion.get() + 1);
        model.training.set(true);
        model.weights.set(TestModel.weights(50, 1f));
        model.training.set(false);
        assertEquals(1, d.nllProperty().get().size(), "an NLL point when training stops");
        return d.nllProperty().get().value(0);
    }

    @Test
    void theHeldOutPointsComeFromTheUsersSeed() {
        double a = nllAfterTraining(1);
        assertEquals(a, nllAfterTraining(1), 0.0, "same seed, same held-out points");
        assertNotEquals(a, nllAfterTraining(2), "another seed, other held-out points");
    }

    @Test
    void whileTrainingTheNllIsComputedAtMostEveryTwentySeconds() {
        model.training.set(true);
        model.weights.set(TestModel.weights(10, 1f));
        long start = 100 * DensityViewModel.NLL_INTERVAL_NANOS;
        d.onPulse(start);
        assertEquals(1, d.nllProperty().get().size());
        model.weights.set(TestModel.weights(20, 1f));
        d.onPulse(start + DensityViewModel.NLL_INTERVAL_NANOS / 2);
        assertEquals(1, d.nllProperty().get().size());
        d.onPulse(start + DensityViewModel.NLL_INTERVAL_NANOS);
        assertEquals(2, d.nllProperty().get().size());
        assertEquals(20, d.nllProperty().get().step(1));
    }

    @Test
    void aNewModelOrNewDataClearsTheCurve() {
        nllAfterTraining(1);
        model.weights.set(TestModel.weights(0, 1f));
        assertEquals(0, d.nllProperty().get().size(), "a fresh model (step 0)");
        nllAfterTraining(1);
        model.targetVersion.set(model.targetVersion.get() + 1);
        assertEquals(0, d.nllProperty().get().size(), "new data");
    }
}
