package org.flowlab.app.training;

import org.flowlab.app.Notification;

import java.util.Collections;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.flowlab.density.DensityException;
import org.flowlab.density.PointSampler;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.Network;
import org.flowlab.train.LossHistory;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.train.FlowMatchingTrainer;
import org.flowlab.train.TrainingRun;
import org.flowlab.train.TrainingConfig;
import org.flowlab.train.TrainingSnapshot;
import org.flowlab.train.TrainingState;
import org.flowlab.nn.WeightsSnapshot;

/**
 * Training settings and live training state. The core {@link Trainer} runs on its own thread; this view
 * model reads {@link Trainer#latest()} once per pulse in {@link #poll()} and copies what changed into
 * properties, so the FX thread never waits on training and never touches the training network.
 */
public final class TrainingViewModel implements AutoCloseable {

    private final ObjectProperty<NetworkKind> net = new SimpleObjectProperty<>(NetworkKind.MLP);
    private final IntegerProperty width = new SimpleIntegerProperty(ModelConfig.DEFAULT_MLP_WIDTH);
    private final IntegerProperty depth = new SimpleIntegerProperty(ModelConfig.DEFAULT_MLP_DEPTH);
    private final StringProperty path = new SimpleStringProperty("ot");
    private final IntegerProperty batch = new SimpleIntegerProperty(TrainingConfig.DEFAULT_BATCH);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(TrainingConfig.DEFAULT_LEARNING_RATE);
    private final LongProperty seed = new SimpleLongProperty(0);

    private final ReadOnlyObjectWrapper<TrainingState> state = new ReadOnlyObjectWrapper<>(TrainingState.READY);
    private final LongProperty step = new SimpleLongProperty();
    private final DoubleProperty loss = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty validationLoss = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty stepsPerSecond = new SimpleDoubleProperty();
    private final ObjectProperty<LossHistory.View> trainHistory = new SimpleObjectProperty<>(LossHistory.View.empty());
    private final ObjectProperty<LossHistory.View> validationHistory =
            new SimpleObjectProperty<>(LossHistory.View.empty());
    /** The newest weights (any state); what previews sample from. */
    private final ObjectProperty<WeightsSnapshot> weights = new SimpleObjectProperty<>();
    private final StringProperty backend = new SimpleStringProperty("");

    private final Supplier<PointSampler> target;
    private final Consumer<Notification> notify;
    private final ComputeThread compute;
    private TrainingRun trainer;
    private TrainingSnapshot seen;

    public TrainingViewModel(ComputeThread compute, Supplier<PointSampler> target, Consumer<Notification> notify) {
        this.compute = compute;
        this.target = target;
        this.notify = notify;
    }

    public ObjectProperty<NetworkKind> netProperty() {
        return net;
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public IntegerProperty depthProperty() {
        return depth;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public ReadOnlyObjectProperty<TrainingState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public LongProperty stepProperty() {
        return step;
    }

    public DoubleProperty lossProperty() {
        return loss;
    }

    public DoubleProperty validationLossProperty() {
        return validationLoss;
    }

    public DoubleProperty stepsPerSecondProperty() {
        return stepsPerSecond;
    }

    public ObjectProperty<LossHistory.View> trainHistoryProperty() {
        return trainHistory;
    }

    public ObjectProperty<LossHistory.View> validationHistoryProperty() {
        return validationHistory;
    }

    public ObjectProperty<WeightsSnapshot> weightsProperty() {
        return weights;
    }

    public StringProperty backendProperty() {
        return backend;
    }

    /** The model the current settings describe. */
    public ModelConfig modelConfig() {
        ModelConfig base = ModelConfig.defaults(net.get(), seed.get()).withPath(path.get());
        if (net.get() == NetworkKind.MLP) {
            int[] w = Collections.nCopies(Math.max(1, depth.get()), Math.max(1, width.get())).stream()
                    .mapToInt(Integer::intValue).toArray();
            base = base.withWidths(w);
        }
        return base;
    }

    public TrainingConfig trainingConfig() {
        return TrainingConfig.defaults(seed.get()).withBatchSize(batch.get()).withLearningRate(learningRate.get());
    }

    /** Weights of a fresh, untrained network for the current settings (step 0). */
    public void initialiseWeights() {
        try {
            ensureTrainer(false);
        } catch (DensityException e) {
            weights.set(Network.initialWeights(compute, modelConfig()));
        }
    }

    /** Starts or resumes training. Settings changed since the last run start a fresh model. */
    public void train() {
        try {
            boolean rebuilt = ensureTrainer(true);
            if (rebuilt && seen != null && seen.step() > 0) {
                notify.accept(Notification.info("Settings changed: training restarted from a fresh model."));
            }
            trainer.start();
            poll();
        } catch (DensityException e) {
            notify.accept(Notification.error(e.getMessage()));
        }
    }

    public void pause() {
        if (trainer != null) {
            trainer.pause();
        }
    }

    /** Stops training and re-initialises the weights from the seed. */
    public void reset() {
        if (trainer != null) {
            trainer.stop();
            trainer = null;
        }
        seen = null;
        initialiseWeights();
        poll();
    }

    /** The target changed: restart on the new data (or just re-initialise when idle). */
    public void targetChanged() {
        boolean wasRunning = state.get() == TrainingState.RUNNING;
        boolean hadProgress = step.get() > 0;
        if (trainer != null) {
            trainer.stop();
            trainer = null;
        }
        seen = null;
        if (wasRunning) {
            train();
            notify.accept(Notification.info("The density changed: training restarted on the new data."));
        } else {
            initialiseWeights();
            if (hadProgress) {
                notify.accept(Notification.info("The density changed: the model was reset for the new data."));
            }
        }
        poll();
    }

    /** @return whether a new trainer was built */
    private boolean ensureTrainer(boolean forTraining) {
        ModelConfig mc = modelConfig();
        TrainingConfig tc = trainingConfig();
        if (trainer != null && trainer.modelConfig().equals(mc) && trainer.config().equals(tc)) {
            return false;
        }
        PointSampler sampler = target.get();
        if (trainer != null) {
            trainer.stop();
        }
        trainer = new TrainingRun(FlowMatchingTrainer.fresh(compute, mc, tc, sampler));
        seen = null;
        poll();
        return forTraining;
    }

    /** Copies the trainer's latest snapshot into the properties; call once per pulse on the FX thread. */
    public void poll() {
        if (trainer == null) {
            return;
        }
        TrainingState now = trainer.state();
        TrainingSnapshot s = trainer.latest();
        if (now != state.get() && now != TrainingState.FAILED) {
            state.set(now);
        }
        if (s == seen) {
            return;
        }
        TrainingSnapshot previous = seen;
        seen = s;
        step.set(s.step());
        if (s.device() != null && !s.device().isEmpty()) {
            backend.set(s.device());
        }
        loss.set(s.trainLoss().recentMean(20));
        validationLoss.set(s.validationLoss());
        stepsPerSecond.set(s.stepsPerSecond());
        trainHistory.set(s.trainLoss());
        validationHistory.set(s.validation());
        if (previous == null || previous.display() != s.display()) {
            weights.set(s.display());
        }
        if (s.state() == TrainingState.FAILED && state.get() != TrainingState.FAILED) {
            state.set(TrainingState.FAILED);
            if (s.message() != null) {
                notify.accept(Notification.error(s.message()));
            }
        }
    }

    /** The latest snapshot (weights with optimiser state, histories) for saving; never null after start-up. */
    public TrainingSnapshot snapshot() {
        return trainer == null ? null : trainer.latest();
    }

    /**
     * Continues from saved weights, optimiser state and history: settings take the saved values, training
     * stays stopped until the user resumes.
     */
    public void restore(WeightsSnapshot w, TrainingConfig tc, LossHistory.View train, LossHistory.View validation) {
        if (trainer != null) {
            trainer.stop();
        }
        ModelConfig mc = w.config();
        net.set(mc.kind());
        int[] widths = mc.widths();
        if (mc.kind() == NetworkKind.MLP) {
            width.set(widths[0]);
            depth.set(widths.length);
        }
        path.set(mc.pathId());
        seed.set(mc.seed());
        batch.set(tc.batchSize());
        learningRate.set(tc.learningRate());
        trainer = new TrainingRun(FlowMatchingTrainer.resume(compute, w, trainingConfig(), target.get(), train,
                validation));
        seen = null;
        poll();
    }

    public boolean isRunning() {
        return state.get() == TrainingState.RUNNING;
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.stop();
        }
    }
}
