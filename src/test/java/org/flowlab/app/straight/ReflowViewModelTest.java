package org.flowlab.app.straight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flowlab.app.Notification;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.app.training.Trainers;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.reflow.Reflow;
import org.junit.jupiter.api.Test;

/** Reflow with real (tiny) networks on the same-thread runner; straightness measured on the analytic test field. */
class ReflowViewModelTest {

    private final TestModel fields = new TestModel();
    private final ObjectProperty<WeightsSnapshot> trained = new SimpleObjectProperty<>();
    private final BooleanProperty training = new SimpleBooleanProperty(false);
    private final List<Notification> notes = new ArrayList<>();
    private final SameThreadTaskRunner runner = SameThreadTaskRunner.deferred();
    private int pauses;
    private final Trainers trainers = Trainers.on(ComputeThread.direct());
    private final ReflowViewModel r = new ReflowViewModel(runner, trainers, fields, trained, training,
            () -> pauses++, notes::add);

    private WeightsSnapshot tinyModel() {
        return trainers.initialWeights(ModelConfig.defaults(NetworkKind.MLP, 3).withWidths(new int[]{8}));
    }

    @Test
    void aRoundGoesPairsThenTrainingAndAddsACheckpointThatIsShown() {
        r.setMeasureParticles(50);
        r.pairsProperty().set(64);
        r.stepsProperty().set(5);
        WeightsSnapshot w = tinyModel();
        trained.set(w);
        assertSame(w, r.shownProperty().get());
        r.reflow();
        assertTrue(r.runningProperty().get());
        assertEquals(Reflow.Phase.PAIRS, r.phaseProperty().get());
        assertEquals(1, pauses, "training pauses for the round");
        runner.runPending();
        assertEquals(List.of(Reflow.Phase.PAIRS, Reflow.Phase.TRAINING), r.phaseReports);
        assertFalse(r.runningProperty().get());
        assertEquals(List.of(ReflowViewModel.TRAINED, "reflow 1"), r.checkpoints());
        assertEquals("reflow 1", r.selectedProperty().get());
        WeightsSnapshot round = r.shownProperty().get();
        assertNotSame(w, round);
        assertEquals(w.config(), round.config(), "the round's model has the trained one's architecture and path");
        assertTrue(r.readoutProperty().get().contains("reflow 1"), r.readoutProperty().get());
        assertEquals(2, r.all().size());

        r.selectedProperty().set(ReflowViewModel.TRAINED);
        assertSame(w, r.shownProperty().get(), "switching back shows the trained model");
        r.selectedProperty().set("reflow 1");
        assertSame(round, r.shownProperty().get());

        trained.set(tinyModel());
        assertEquals(List.of(ReflowViewModel.TRAINED), r.checkpoints(), "new training drops the old rounds");
    }

    @Test
    void straightnessOfTheTrainedModelIsMeasuredWhenTrainingStops() {
        r.setMeasureParticles(50);
        trained.set(TestModel.weights(1, 1f));
        training.set(true);
        training.set(false);
        runner.runPending();
        assertTrue(r.readoutProperty().get().matches("Straightness S: trained \\d+\\.\\d{4}\\R"
                + "Curvature \\(trained\\): paths \\d+\\.\\d % longer than their chords, velocity turns "
                + "\\d+\\.\\d\\d rad"), r.readoutProperty().get());
    }

    @Test
    void cancellingKeepsNoCheckpoint() {
        r.pairsProperty().set(64);
        r.stepsProperty().set(5);
        trained.set(tinyModel());
        r.reflow();
        r.cancel();
        runner.runPending();
        assertFalse(r.runningProperty().get());
        assertEquals(List.of(ReflowViewModel.TRAINED), r.checkpoints());
    }
}
