package org.flowlab.app.training;

import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.Network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;
import org.flowlab.app.Notification;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.density.DensityException;
import org.flowlab.density.PointSampler;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.testing.Fixtures;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The training view model with real (small) trainers on the same-thread runner: stopping and building a trainer
 * happen in the trainer lane, never in the caller, and only the latest request's trainer is swapped in.
 */
class TrainingViewModelTest {

    private final LongProperty targetVersion = new SimpleLongProperty();
    private final List<Notification> notes = new ArrayList<>();
    private PointSampler target = TestModel.moons();
    private SameThreadTaskRunner runner;
    private TrainingViewModel t;

    private TrainingViewModel create(SameThreadTaskRunner r) {
        runner = r;
        t = new TrainingViewModel(r, Trainers.on(ComputeThread.direct()), targetVersion, () -> {
            if (target == null) {
                throw new DensityException("The density is empty: draw something first");
            }
            return target;
        }, notes::add);
        t.widthProperty().set(16);
        t.depthProperty().set(1);
        t.batchProperty().set(64);
        return t;
    }

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    private void awaitSteps(long atLeast) {
        Fixtures.await(() -> {
            t.poll();
            return t.stepProperty().get() >= atLeast;
        }, atLeast + " steps");
    }

    @Test
    void buildsHappenInTheTrainerLaneAndOnlyTheLatestIsSwappedIn() {
        create(SameThreadTaskRunner.deferred());
        List<WeightsSnapshot> shown = new ArrayList<>();
        t.weightsProperty().addListener((o, a, b) -> shown.add(b));
        t.seedProperty().set(1);
        t.reset();
        t.seedProperty().set(2);
        t.reset();
        assertNull(t.weightsProperty().get(), "nothing was built by the caller");
        assertEquals(2, runner.pendingCount());
        runner.runPending();
        assertEquals(1, shown.size(), "the replaced build was dropped");
        assertEquals(2, shown.get(0).config().seed());
        assertEquals(TrainingState.READY, t.stateProperty().get());
    }

    @Test
    void trainDuringARebuildStartsTheNewTrainerWhenItIsReady() {
        create(SameThreadTaskRunner.deferred());
        t.initialiseWeights();
        t.train();
        assertEquals(TrainingState.READY, t.stateProperty().get(), "waits for the model");
        runner.runPending();
        assertEquals(TrainingState.RUNNING, t.stateProperty().get());
        awaitSteps(5);
    }

    @Test
    void resetDoesNotWaitForTheRunningTrainer() {
        create(SameThreadTaskRunner.deferred());
        t.initialiseWeights();
        runner.runPending();
        t.train();
        awaitSteps(5);
        t.reset();
        assertEquals(1, runner.pendingCount(), "stopping is left to the trainer lane");
        assertEquals(TrainingState.RUNNING, t.stateProperty().get());
        runner.runPending();
        assertEquals(TrainingState.READY, t.stateProperty().get());
        assertEquals(0, t.stepProperty().get());
    }

    @Test
    void editingTheTargetWhileTrainingRestartsOnTheNewData() {
        create(SameThreadTaskRunner.immediate());
        t.initialiseWeights();
        t.train();
        awaitSteps(50);
        long before = t.stepProperty().get();
        targetVersion.set(1);
        assertEquals(TrainingState.RUNNING, t.stateProperty().get());
        assertTrue(t.stepProperty().get() < before, "a fresh model");
        assertEquals("The density changed: training restarted on the new data.", notes.get(notes.size() - 1).text());
    }

    @Test
    void anEmptyTargetGivesInitialWeightsAndTrainExplainsWhy() {
        target = null;
        create(SameThreadTaskRunner.immediate());
        t.initialiseWeights();
        assertNotNull(t.weightsProperty().get(), "something to show");
        assertEquals(0, t.weightsProperty().get().step());
        t.train();
        assertEquals(TrainingState.READY, t.stateProperty().get());
        assertTrue(notes.get(notes.size() - 1).text().contains("empty"), notes.toString());
    }

    @Test
    void aSessionSetsTheSettingsAtOnceAndBuildsItsTrainerInTheBackground() {
        create(SameThreadTaskRunner.deferred());
        var config = Fixtures.smallMlp(77);
        WeightsSnapshot init = Network.initialWeights(ComputeThread.direct(), config);
        WeightsSnapshot saved = new WeightsSnapshot(config, init.params(), null, 40);
        var restored = t.restore(saved, Fixtures.quick(0), LossHistory.View.empty(), LossHistory.View.empty());
        assertEquals(77, t.seedProperty().get());
        assertEquals(32, t.widthProperty().get());
        assertEquals(2, t.depthProperty().get());
        assertEquals(128, t.batchProperty().get());
        assertNull(t.weightsProperty().get());
        runner.runPending();
        assertTrue(restored.isDone());
        assertEquals(40, t.stepProperty().get());
        assertEquals(TrainingState.STOPPED, t.stateProperty().get());
        t.train();
        awaitSteps(45);
    }
}
