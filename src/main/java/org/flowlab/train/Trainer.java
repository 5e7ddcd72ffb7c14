package org.flowlab.train;

import org.flowlab.compute.Backend;
import org.flowlab.compute.Device;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.Networks;
import org.flowlab.nn.VelocityNet;
import org.flowlab.nn.WeightAverage;
import org.flowlab.nn.WeightsSnapshot;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.flowlab.density.PointSampler;
import org.flowlab.flow.ProbabilityPath;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a {@link VelocityNet} by flow matching on a thread of its own.
 *
 * <p>Each step draws x1 ~ target, x0 ~ N(0, I), t ~ U(0, t_max) (batch B), forms x_t and u_t from the
 * {@link ProbabilityPath}, and takes one Adam step on mean((v(x_t, t) − u_t)²). Batch k is drawn from a
 * generator seeded by (training seed, k) and the weights from the model seed, so the same seeds give identical
 * losses and weights, and a run resumed from saved weights, Adam state and step continues exactly as an
 * uninterrupted one would.
 *
 * <p>Ownership: while the training thread runs, it alone touches the network. Everyone else receives
 * {@link TrainingSnapshot}s (weights copied to the heap) through listeners or {@link #latest()}. When the
 * {@link Device} is serialized (CUDA) the training thread is the device thread and the network never leaves
 * it: building, training, validation and snapshot copies all run there.
 * Control methods ({@link #start()}, {@link #pause()}, {@link #stop()}, {@link #reset()}) may be called
 * from any thread.
 *
 * <p>With {@link TrainingConfig#emaDecay()} &gt; 0 the trainer also keeps a {@link WeightAverage} of the weights,
 * updated after every step, and publishes it beside the raw weights ({@link TrainingSnapshot#averaged()});
 * training itself never reads it, so losses and raw weights are the same with or without it.
 *
 * <p>A non-finite loss stops training in state FAILED; the weights revert to the last finite snapshot.
 */
public final class Trainer implements AutoCloseable {

    private final ModelConfig modelConfig;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    private volatile TrainingConfig config;
    private volatile PointSampler target;
    private volatile TrainingSnapshot latest;

    // Guarded by lock.
    private TrainingState state = TrainingState.READY;
    private boolean pauseRequested;
    private boolean stopRequested;
    private boolean active;
    private Future<?> run;
    private volatile Thread runThread;

    // Owned by the training thread while it runs, by the controlling thread otherwise.
    private VelocityNet net;
    private long step;
    private long batchSeed;
    private LossHistory trainHistory = new LossHistory();
    private LossHistory validationHistory = new LossHistory();
    private WeightsSnapshot lastGood;
    private WeightAverage average;               // null when the config's emaDecay is 0
    private volatile WeightsSnapshot lastCopy;   // the last weights copied, and the average copied with them
    private volatile WeightsSnapshot lastAveraged;
    private double lastLoss = Double.NaN;
    private double lastValidation = Double.NaN;
    private double stepsPerSecond;
    private String message;
    private volatile String deviceLine = "";
    private INDArray valX;
    private INDArray valT;
    private INDArray valU;

    public Trainer(ModelConfig modelConfig, TrainingConfig config, PointSampler target) {
        this.modelConfig = modelConfig;
        this.config = config;
        this.target = target;
        initialise(null);
    }

    /**
     * Continues from saved weights (and optimiser state when present) at their step, with the loss history
     * recorded so far (the views may be empty).
     */
    public Trainer(WeightsSnapshot start, TrainingConfig config, PointSampler target, LossHistory.View trainSoFar,
                   LossHistory.View validationSoFar) {
        this.modelConfig = start.config();
        this.config = config;
        this.target = target;
        initialise(start);
        for (int i = 0; i < trainSoFar.size(); i++) {
            trainHistory.add(trainSoFar.step(i), trainSoFar.value(i));
        }
        for (int i = 0; i < validationSoFar.size(); i++) {
            validationHistory.add(validationSoFar.step(i), validationSoFar.value(i));
        }
        lastLoss = trainSoFar.size() == 0 ? Double.NaN : trainSoFar.value(trainSoFar.size() - 1);
        lastValidation = validationSoFar.size() == 0 ? Double.NaN : validationSoFar.value(validationSoFar.size() - 1);
        TrainingState resumed = start.step() > 0 ? TrainingState.STOPPED : TrainingState.READY;
        synchronized (lock) {
            state = resumed;
        }
        publish(resumed, lastGood);
    }

    public ModelConfig modelConfig() {
        return modelConfig;
    }

    public TrainingConfig config() {
        return config;
    }

    public void addListener(TrainingListener l) {
        listeners.add(l);
    }

    public void removeListener(TrainingListener l) {
        listeners.remove(l);
    }

    /** The most recent snapshot; never null. */
    public TrainingSnapshot latest() {
        return latest;
    }

    public TrainingState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Starts or resumes training on the training thread. No effect while already running. */
    public void start() {
        synchronized (lock) {
            if (active) {
                pauseRequested = false;
                return;
            }
            pauseRequested = false;
            stopRequested = false;
            state = TrainingState.RUNNING;
            message = null;
            active = true;
            if (Device.serialized()) {
                runThread = null;
                run = Device.startJob(this::run);
            } else {
                FutureTask<Void> f = new FutureTask<>(this::run, null);
                Thread t = new Thread(f, "flowlab-trainer");
                t.setDaemon(true);
                runThread = t;
                run = f;
                t.start();
            }
        }
    }

    /** Pauses after the current step: the run ends in PAUSED with the weights kept; {@link #start()} resumes. */
    public void pause() {
        synchronized (lock) {
            if (active) {
                pauseRequested = true;
            }
        }
    }

    public void resume() {
        start();
    }

    /** Stops the training run and waits for it; the weights stay, so {@link #start()} continues. */
    public void stop() {
        Future<?> f;
        boolean wasPaused = false;
        synchronized (lock) {
            stopRequested = true;
            f = active ? run : null;
            if (!active && state == TrainingState.PAUSED) {
                state = TrainingState.STOPPED;
                wasPaused = true;
            }
        }
        if (wasPaused) {
            publish(TrainingState.STOPPED, latest.weights());
        }
        // The run's own thread (or, serialized, any task on the device thread) must not wait for the run.
        boolean onRunThread = Thread.currentThread() == runThread || Device.isDeviceThread();
        if (f != null && !onRunThread) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | CancellationException e) {
                // run() reports its own failures through the FAILED state.
            }
        }
    }

    /** Stops, then re-initialises the weights from the model seed and clears the history. */
    public void reset() {
        stop();
        initialise(null);
    }

    /** Stops and resets with a new target density (no silent mix of old and new data). */
    public void replaceTarget(PointSampler newTarget) {
        stop();
        this.target = newTarget;
        initialise(null);
    }

    /** Stops and resets with new batch size / learning rate / seed. */
    public void replaceConfig(TrainingConfig newConfig) {
        stop();
        this.config = newConfig;
        initialise(null);
    }

    /** Waits until the training run ends in FINISHED, STOPPED or FAILED (a paused run keeps it waiting). */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (active || state == TrainingState.PAUSED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Builds the network and validation set where device work belongs (see {@link Device}). */
    private void initialise(WeightsSnapshot start) {
        Device.run(() -> initialiseOnDevice(start));
    }

    private void initialiseOnDevice(WeightsSnapshot start) {
        TrainingConfig cfg = config;
        net = start == null ? Networks.build(modelConfig, cfg.learningRate()) : start.instantiate(cfg.learningRate());
        step = start == null ? 0 : start.step();
        SplittableRandom root = new SplittableRandom(cfg.seed());
        batchSeed = root.nextLong();
        buildValidationSet(root.split(), cfg.validationSize());
        trainHistory = new LossHistory();
        validationHistory = new LossHistory();
        lastLoss = Double.NaN;
        lastValidation = Double.NaN;
        stepsPerSecond = 0;
        message = null;
        synchronized (lock) {
            state = TrainingState.READY;
        }
        lastGood = WeightsSnapshot.of(net, step, true);
        // A resumed run starts a new average from its weights (files keep only the raw weights and Adam state).
        average = startAverage(cfg);
        lastCopy = null;
        lastAveraged = null;
        deviceLine = Backend.describe();
        publish(TrainingState.READY, lastGood);
    }

    private void buildValidationSet(SplittableRandom rng, int n) {
        FlowMatchingBatch b = new FlowMatchingBatch(n);
        b.fill(target, modelConfig.path(), rng);
        valX = b.xt();
        valT = b.t();
        valU = b.ut();
    }

    /**
     * One training run: steps until stop, pause, the step limit or a failure, then publishes the final snapshot.
     * A resume that arrives while a pause is being published continues the run instead of being lost.
     */
    private void run() {
        while (true) {
            TrainingState end = runSteps();
            stepsPerSecond = 0;
            WeightsSnapshot weights = end == TrainingState.FAILED ? lastGood : copyWeights();
            synchronized (lock) {
                state = end;
            }
            publish(end, weights);
            synchronized (lock) {
                if (end == TrainingState.PAUSED && !pauseRequested && !stopRequested) {
                    state = TrainingState.RUNNING;
                    continue;
                }
                pauseRequested = false;
                active = false;
                lock.notifyAll();
                return;
            }
        }
    }

    private TrainingState runSteps() {
        TrainingState endState = TrainingState.STOPPED;
        ProbabilityPath path = modelConfig.path();
        FlowMatchingBatch batch = null;
        long windowStart = System.nanoTime();
        long windowSteps = 0;
        long lastPublish = System.nanoTime();
        double appliedLr = config.learningRate();
        try {
            while (true) {
                synchronized (lock) {
                    if (stopRequested) {
                        break;
                    }
                    if (pauseRequested) {
                        endState = TrainingState.PAUSED;
                        break;
                    }
                    state = TrainingState.RUNNING;
                }
                TrainingConfig cfg = config;
                if (cfg.maxSteps() > 0 && step >= cfg.maxSteps()) {
                    endState = TrainingState.FINISHED;
                    break;
                }
                if (cfg.learningRate() != appliedLr) {
                    net.setLearningRate(cfg.learningRate());
                    appliedLr = cfg.learningRate();
                }
                if (batch == null || batch.size != cfg.batchSize()) {
                    batch = new FlowMatchingBatch(cfg.batchSize());
                }
                batch.fill(target, path, batchRandom(step));
                double loss = net.fit(batch.xt(), batch.t(), batch.ut());
                if (!Double.isFinite(loss)) {
                    lastGood.loadInto(net);
                    average = startAverage(cfg);
                    message = "training stopped at step " + (step + 1) + ": the loss became " + loss
                            + "; kept the weights of step " + lastGood.step()
                            + ". Try a smaller learning rate.";
                    endState = TrainingState.FAILED;
                    step = lastGood.step();
                    break;
                }
                step++;
                if (average != null) {
                    average.update(net.params());
                }
                windowSteps++;
                lastLoss = loss;
                trainHistory.add(step, loss);
                if (step % cfg.validationEvery() == 0) {
                    lastValidation = net.loss(valX, valT, valU);
                    validationHistory.add(step, lastValidation);
                }
                long now = System.nanoTime();
                if (now - lastPublish >= TimeUnit.MILLISECONDS.toNanos(cfg.snapshotMillis())) {
                    double seconds = (now - windowStart) / 1e9;
                    if (seconds > 0.25) {
                        double rate = windowSteps / seconds;
                        stepsPerSecond = stepsPerSecond == 0 ? rate : 0.5 * stepsPerSecond + 0.5 * rate;
                        windowStart = now;
                        windowSteps = 0;
                    }
                    publish(TrainingState.RUNNING, copyWeights());
                    lastPublish = now;
                }
                // Serialized device: evaluations queued by samplers and views run here, between two steps.
                Device.serveQueued();
            }
        } catch (RuntimeException | Error e) {
            message = "training failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            endState = TrainingState.FAILED;
        }
        return endState;
    }

    /** A new weight average from the current weights, or null when the config has none. */
    private WeightAverage startAverage(TrainingConfig cfg) {
        return cfg.emaDecay() > 0 ? new WeightAverage(cfg.emaDecay(), net.params()) : null;
    }

    /** The generator of batch k: a 64-bit mix of (batch seed, k), independent of how the run was split. */
    private SplittableRandom batchRandom(long k) {
        long z = batchSeed + (k + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /**
     * Copies the weights, and the weight average when there is one (kept for {@link #publish} with these
     * weights); keeps the weights as the fallback for a later non-finite loss when they are finite.
     */
    private WeightsSnapshot copyWeights() {
        deviceLine = Backend.describe();
        WeightsSnapshot w = WeightsSnapshot.of(net, step, true);
        if (w.allFinite()) {
            lastGood = w;
        }
        WeightsSnapshot avg = null;
        if (average != null) {
            avg = new WeightsSnapshot(net.config(), average.average().dup().data().asFloat(), null, step);
            if (!avg.allFinite()) {
                avg = null;
            }
        }
        lastCopy = w;
        lastAveraged = avg;
        return w;
    }

    private void publish(TrainingState s, WeightsSnapshot weights) {
        WeightsSnapshot averaged = weights == lastCopy ? lastAveraged : null;
        TrainingSnapshot snap = new TrainingSnapshot(s, step, lastLoss, lastValidation, stepsPerSecond, weights,
                averaged, trainHistory.view(), validationHistory.view(), message, deviceLine);
        latest = snap;
        for (TrainingListener l : listeners) {
            try {
                l.onSnapshot(snap);
            } catch (RuntimeException e) {
                // A listener's failure must not stop training.
            }
        }
    }
}
