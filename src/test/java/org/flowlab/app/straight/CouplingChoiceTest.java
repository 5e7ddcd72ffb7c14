package org.flowlab.app.straight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.app.overlay.OverlayViewModel;
import org.flowlab.app.training.Trainers;
import org.flowlab.app.training.TrainingViewModel;
import org.flowlab.compute.ComputeThread;
import org.flowlab.coupling.Coupling;
import org.flowlab.render.SceneLayers;
import org.junit.jupiter.api.Test;

/** The coupling choice: it is part of the training config, and the pairs overlay pairs by it. */
class CouplingChoiceTest {

    @Test
    void theCouplingIsPartOfTheTrainingConfig() {
        SameThreadTaskRunner runner = SameThreadTaskRunner.deferred();
        try (TrainingViewModel t = new TrainingViewModel(runner, Trainers.on(ComputeThread.direct()),
                new SimpleLongProperty(), TestModel::moons, n -> { })) {
            assertEquals("independent", t.trainingConfig().coupling());
            var before = t.trainingConfig();
            t.couplingProperty().set("ot:0.05");
            assertEquals("ot:0.05", t.trainingConfig().coupling());
            assertNotEquals(before, t.trainingConfig(), "a changed coupling is a changed config: a fresh model");
        }
    }

    @Test
    void otPairsTheOverlaysPointsWithShorterPaths() {
        TestModel model = new TestModel();
        BooleanProperty showPairs = new SimpleBooleanProperty(true);
        OverlayViewModel o = new OverlayViewModel(SameThreadTaskRunner.deferred(), model, model.inputs(),
                new SimpleDoubleProperty(0), new SimpleBooleanProperty(false), showPairs);
        double independent = 0;
        double ot = 0;
        for (long seed = 1; seed <= 5; seed++) {
            model.seed.set(seed);
            o.couplingProperty().set("independent");
            model.targetVersion.set(model.targetVersion.get() + 1);
            independent += msd(o.pairsProperty().get());
            o.couplingProperty().set("ot");
            SceneLayers.PairSample p = o.pairsProperty().get();
            ot += msd(p);
        }
        assertTrue(ot < 0.8 * independent, "OT pairs are shorter: " + ot + " vs " + independent);
    }

    private static double msd(SceneLayers.PairSample p) {
        return Coupling.meanSquaredDistance(p.x0(), p.x1(), p.x0().length / 2);
    }
}
