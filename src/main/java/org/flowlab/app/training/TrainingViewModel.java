package org.flowlab.app.training;

import org.flowlab.app.Notification;
import org.flowlab.app.TaskRunner;

import java.util.Collections;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import org.flowlab.density.DensityException;
import org.flowlab.density.PointSampler;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.Checkpoints;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingRun;
import org.flowlab.train.TrainingConfig;
import org.flowlab.train.TrainingSnapshot;
import org.flowlab.train.TrainingState;

/**
 * Training settings and live training state. A core {@link TrainingRun} trains on its own thread; this view model
 * reads {@link TrainingRun#latest()} once per pulse in {@link #poll()} and copies what changed into properties,
 * so the FX thread never touches the training network. Waiting for the old run to stop and building the new one
 * (a network and a validation set, through {@link Trainers}) happen in the {@value #LANE} lane: the new run is
 * swapped in on the FX thread when ready, and only the latest request's run is (reset, new data, new settings,
 * open).
 * A committed edit of the target density restarts training on the new data.
 */
public final class TrainingViewModel implements AutoCloseable {

    static final String LANE = "trainer";

    private final ObjectProperty<NetworkKind> net = new SimpleObjectProperty<>(NetworkKind.MLP);
    private final IntegerProperty width = new SimpleIntegerProperty(ModelConfig.DEFAULT_MLP_WIDTH);
    private final IntegerProperty depth = new SimpleIntegerProperty(ModelConfig.DEFAULT_MLP_DEPTH);
    private final StringProperty path = new SimpleStringProperty(ModelConfig.defaults(NetworkKind.MLP, 0).pathId());
    private final IntegerProperty batch = new SimpleIntegerProperty(TrainingConfig.DEFAULT_BATCH);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(TrainingConfig.DEFAULT_LEARNING_RATE);
    private final LongProperty seed = new SimpleLongProperty(0);
    /** How each batch pairs noise with data ({@link org.flowlab.coupling.Coupling#parse}); part of the config. */
    private final StringProperty coupling = new SimpleStringProperty(
            org.flowlab.coupling.Coupling.INDEPENDENT.id());

    private final ReadOnlyObjectWrapper<TrainingState> state = new ReadOnlyObjectWrapper<>(TrainingState.READY);
    private final BooleanBinding running = state.isEqualTo(TrainingState.RUNNING);
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper();
    private final DoubleProperty loss = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty stepsPerSecond = new SimpleDoubleProperty();
    private final ObjectProperty<LossHistory.View> trainHistory = new SimpleObjectProperty<>(LossHistory.View.empty());
    private final ObjectProperty<LossHistory.View> validationHistory =
            new SimpleObjectProperty<>(LossHistory.View.empty());
    /** The weights to show (any state); what previews sample from. */
    private final ObjectProperty<WeightsSnapshot> weights = new SimpleObjectProperty<>();
    private final StringProperty backend = new SimpleStringProperty("");
    /** The training history: checkpoints of the shown weights (see {@link org.flowlab.train.CheckpointKeeper}). */
    private final ObjectProperty<Checkpoints> checkpoints = new SimpleObjectProperty<>(Checkpoints.empty());

    private final TaskRunner runner;
    private final Supplier<PointSampler> target;
    private final Consumer<Notification> notify;
    private final Trainers trainers;
    private TrainingRun trainer;
    private TrainingSnapshot seen;
    private TaskRunner.Handle replacing;
    private boolean startWhenReady;

    /** What the trainer lane hands back: a trainer, or the initial weights when the target is empty. */
    private record Built(TrainingRun trainer, WeightsSnapshot initial, String backend) {
    }

    /**
     * @param targetVersion bumped by every committed edit of the target density
     * @param target        an immutable sampler of the target; throws DensityException (saying why) when empty
     */
    public TrainingViewModel(TaskRunner runner, Trainers trainers, ObservableValue<?> targetVersion,
                             Supplier<PointSampler> target, Consumer<Notification> notify) {
        this.runner = runner;
        this.trainers = trainers;
        this.target = target;
        this.notify = notify;
        targetVersion.addListener((o, a, b) -> targetChanged());
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

    public StringProperty couplingProperty() {
        return coupling;
    }

    public ReadOnlyObjectProperty<TrainingState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** True while training runs. */
    public ObservableBooleanValue runningProperty() {
        return running;
    }

    public ReadOnlyLongProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public DoubleProperty lossProperty() {
        return loss;
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

    /** The training history so far; replaced (never mutated) as training keeps checkpoints. */
    public ReadOnlyObjectProperty<Checkpoints> checkpointsProperty() {
        return checkpoints;
    }

    public StringProperty backendProperty() {
        return backend;
    }

    public boolean isRunning() {
        return running.get();
    }

    /** The model the current settings describe. */
    public ModelConfig modelConfig() {
        ModelConfig base = ModelConfig.defaults(net.get(), seed.get()).withPath(path.get());
        if (net.get() == NetworkKind.MLP) {
            int[] w = Collections.nCopies(Math.max(1, depth.get()), Math.max(1, width.get())).stream()
                    .mapToInt(Integer::intValue).toArray();
            base = base.withWidths(w);
        }
        // Labelled data (several classes) trains a class-conditional network of K classes.
        PointSampler t = targetOrNull();
        if (t instanceof org.flowlab.density.LabelledSampler ls && ls.classes() > 1) {
            base = base.withClasses(ls.classes());
        }
        return base;
    }

    public TrainingConfig trainingConfig() {
        return TrainingConfig.defaults(seed.get()).withBatchSize(batch.get()).withLearningRate(learningRate.get())
                .withCoupling(coupling.get());
    }

    /** Builds the first model for the current settings; call once what follows the weights is listening. */
    public void initialiseWeights() {
        reset();
    }

    /** Starts or resumes training. Settings changed since the last run start a fresh model. */
    public void train() {
        if (isReplacing()) {
            startWhenReady = true;
            return;
        }
        ModelConfig mc = modelConfig();
        TrainingConfig tc = trainingConfig();
        if (trainer != null && trainer.modelConfig().equals(mc) && trainer.config().equals(tc)) {
            trainer.start();
            poll();
            return;
        }
        PointSampler sampler;
        try {
            sampler = target.get();
        } catch (DensityException e) {
            notify.accept(Notification.error(e.getMessage()));
            return;
        }
        replace(fresh(mc, tc, sampler), true,
                step.get() > 0 ? "Settings changed: training restarted from a fresh model." : null);
    }

    public void pause() {
        startWhenReady = false;
        if (trainer != null) {
            trainer.pause();
        }
    }

    /** Stops training and re-initialises the weights from the seed; the request tells when that is over. */
    public TaskRunner.Handle reset() {
        return replace(fresh(modelConfig(), trainingConfig(), targetOrNull()), false, null);
    }

    /** The target changed: restart on the new data (or just re-initialise when idle). */
    private void targetChanged() {
        boolean wasRunning = isRunning() || startWhenReady;
        PointSampler sampler = targetOrNull();
        String note = wasRunning
                ? sampler == null ? "The density is empty: training stopped. Draw something, then Train."
                        : "The density changed: training restarted on the new data."
                : step.get() > 0 ? "The density changed: the model was reset for the new data." : null;
        replace(fresh(modelConfig(), trainingConfig(), sampler), wasRunning && sampler != null, note);
    }

    /**
     * Continues from saved weights, optimiser state and history: settings take the saved values, training
     * stays stopped until the user resumes. The trainer is built in the background; the returned request
     * tells when that is over.
     */
    public TaskRunner.Handle restore(WeightsSnapshot w, TrainingConfig tc, LossHistory.View train,
                                     LossHistory.View validation) {
        return restore(w, tc, train, validation, Checkpoints.empty());
    }

    /** As above, with the session's training history (checkpoints), which training continues. */
    public TaskRunner.Handle restore(WeightsSnapshot w, TrainingConfig tc, LossHistory.View train,
                                     LossHistory.View validation, Checkpoints history) {
        ModelConfig mc = w.config();
        net.set(mc.kind());
        if (mc.kind() == NetworkKind.MLP) {
            width.set(mc.widths()[0]);
            depth.set(mc.widths().length);
        }
        path.set(mc.pathId());
        seed.set(mc.seed());
        batch.set(tc.batchSize());
        learningRate.set(tc.learningRate());
        coupling.set(tc.coupling());
        TrainingConfig config = trainingConfig();
        PointSampler sampler = targetOrNull();
        return replace(p -> sampler == null ? new Built(null, w, trainers.backend())
                : new Built(trainers.resume(w, config, sampler, train, validation, history), null,
                trainers.backend()), false, null);
    }

    private TaskRunner.Work<Built> fresh(ModelConfig mc, TrainingConfig tc, PointSampler sampler) {
        return p -> sampler == null ? new Built(null, trainers.initialWeights(mc), trainers.backend())
                : new Built(trainers.fresh(mc, tc, sampler), null, trainers.backend());
    }

    private PointSampler targetOrNull() {
        try {
            return target.get();
        } catch (DensityException e) {
            return null;
        }
    }

    private boolean isReplacing() {
        return replacing != null && !replacing.isDone();
    }

    /**
     * In the trainer lane: stops the current trainer, then builds its replacement; on the FX thread swaps it in.
     * Until then {@link #poll()} leaves the properties as they are, and Train waits for the new trainer.
     */
    private TaskRunner.Handle replace(TaskRunner.Work<Built> build, boolean start, String note) {
        TrainingRun old = trainer;
        startWhenReady = start;
        replacing = runner.submit(LANE, p -> {
            if (old != null) {
                old.stop().join();   // the old run ends after its current step
            }
            p.checkCancelled();
            return build.run(p);
        }, built -> swapIn(built, note), e -> notify.accept(Notification.error("Could not build the model: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
        return replacing;
    }

    private void swapIn(Built built, String note) {
        trainer = built.trainer();
        seen = null;
        if (backend.get().isEmpty()) {
            backend.set(built.backend());
        }
        if (trainer == null) {
            weights.set(built.initial());
            step.set(built.initial().step());
            loss.set(Double.NaN);
            stepsPerSecond.set(0);
            trainHistory.set(LossHistory.View.empty());
            validationHistory.set(LossHistory.View.empty());
            checkpoints.set(Checkpoints.empty());
            state.set(TrainingState.READY);
        }
        poll();
        if (note != null) {
            notify.accept(Notification.info(note));
        }
        if (startWhenReady) {
            startWhenReady = false;
            train();
        }
    }

    /** Copies the trainer's latest snapshot into the properties; call once per pulse on the FX thread. */
    public void poll() {
        if (trainer == null || isReplacing()) {
            return;
        }
        TrainingState now = trainer.state();
        TrainingSnapshot s = trainer.latest();
        if (s != seen) {
            // Weights before state: whoever reacts to training stopping sees the final weights.
            TrainingSnapshot previous = seen;
            seen = s;
            step.set(s.step());
            if (s.device() != null && !s.device().isEmpty()) {
                backend.set(s.device());
            }
            loss.set(s.trainLoss().recentMean(20));
            stepsPerSecond.set(s.stepsPerSecond());
            trainHistory.set(s.trainLoss());
            validationHistory.set(s.validation());
            if (checkpoints.get() != s.checkpoints()) {
                checkpoints.set(s.checkpoints());
            }
            if (previous == null || previous.display() != s.display()) {
                weights.set(s.display());
            }
        }
        if (now != state.get() && now != TrainingState.FAILED) {
            state.set(now);
        }
        if (s.state() == TrainingState.FAILED && state.get() != TrainingState.FAILED) {
            state.set(TrainingState.FAILED);
            if (s.message() != null) {
                notify.accept(Notification.error(s.message()));
            }
        }
    }

    /** The latest snapshot (weights with optimiser state, histories) for saving; null before the first model. */
    public TrainingSnapshot snapshot() {
        return trainer == null ? null : trainer.latest();
    }

    /** Stops training without waiting: the run ends after its current step. */
    @Override
    public void close() {
        startWhenReady = false;
        if (replacing != null) {
            replacing.cancel();
        }
        TrainingRun t = trainer;
        trainer = null;
        if (t != null) {
            t.stop();
        }
    }
}
