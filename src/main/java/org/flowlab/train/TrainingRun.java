package org.flowlab.train;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.ModelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link FlowMatchingTrainer} on a thread of its own and publishes immutable {@link TrainingSnapshot}s.
 *
 * <p>Threads: the loop runs as a job of the trainer's {@link ComputeThread} (on CUDA the device thread, where it
 * serves queued evaluations between two steps; on the CPU a thread named {@code flowlab-trainer}). While a run is
 * active only that thread touches the trainer; between runs nobody does (the run's end happens-before the next
 * start through {@link #lock}). Control methods may be called from any thread and never wait for a step:
 * {@link #stop()} returns a future that completes when the run has ended.
 *
 * <p>Everyone else reads {@link #latest()} or listens. Listeners run on the training thread and must return
 * quickly; one that throws is logged and training goes on.
 *
 * <p>States: READY or STOPPED (resumed) → start → RUNNING → pause → PAUSED → start → RUNNING → stop → STOPPED;
 * RUNNING → FINISHED at the step budget; RUNNING → FAILED on a non-finite loss (the last finite weights are kept)
 * or an exception in the loop (logged; an {@link Error} is published as FAILED and then rethrown).
 */
public final class TrainingRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final FlowMatchingTrainer trainer;
    private final ComputeThread compute;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile TrainingSnapshot latest;
    /** Steps between snapshots published regardless of time (0 = by time only). */
    private volatile long publishEvery;

    // Guarded by lock.
    private TrainingState state;
    private boolean pauseRequested;
    private boolean stopRequested;
    private CompletableFuture<TrainingSnapshot> ended;   // non-null while a run is active

    /**
     * Wraps a built trainer and publishes its first snapshot (READY at step 0, STOPPED when resumed). Call on the
     * thread that built the trainer; copies its weights once.
     */
    public TrainingRun(FlowMatchingTrainer trainer) {
        this.trainer = trainer;
        this.compute = trainer.compute();
        this.state = trainer.steps() > 0 ? TrainingState.STOPPED : TrainingState.READY;
        this.latest = trainer.snapshot(state, 0, null);
    }

    public void addListener(TrainingListener l) {
        listeners.add(l);
    }

    /**
     * Also publishes a snapshot after every step that is a multiple of {@code every} (0 = only by time, every
     * {@link TrainingConfig#snapshotMillis()}), so a listener can report exactly those steps (train's
     * --log-every). Each costs a copy of the weights.
     */
    public void publishEvery(long every) {
        if (every < 0) {
            throw new IllegalArgumentException("every must be ≥ 0, got " + every);
        }
        publishEvery = every;
    }

    public ModelConfig modelConfig() {
        return trainer.modelConfig();
    }

    public TrainingConfig config() {
        return trainer.config();
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

    /** Starts, resumes or continues training; no effect while a run is active (but cancels a pending pause). */
    public void start() {
        synchronized (lock) {
            pauseRequested = false;
            if (ended != null) {
                return;
            }
            stopRequested = false;
            state = TrainingState.RUNNING;
            ended = new CompletableFuture<>();
            compute.startJob("flowlab-trainer", this::run);
        }
    }

    /** Pauses after the current step: the run ends in PAUSED with the weights kept; {@link #start()} resumes. */
    public void pause() {
        synchronized (lock) {
            if (ended != null) {
                pauseRequested = true;
            }
        }
    }

    /**
     * Asks the run to stop after the current step and returns at once. The future completes with the final
     * snapshot when the run has ended (at once when none is active; a paused run becomes STOPPED). The weights
     * stay, so {@link #start()} continues.
     */
    public CompletableFuture<TrainingSnapshot> stop() {
        TrainingSnapshot republish = null;
        CompletableFuture<TrainingSnapshot> f;
        synchronized (lock) {
            stopRequested = true;
            if (ended != null) {
                return ended;
            }
            if (state == TrainingState.PAUSED) {
                state = TrainingState.STOPPED;
                TrainingSnapshot l = latest;
                republish = new TrainingSnapshot(TrainingState.STOPPED, l.step(), l.loss(), l.validationLoss(), 0,
                        l.weights(), l.averaged(), l.trainLoss(), l.validation(), l.message(), l.device(),
                        l.checkpoints());
            }
            f = new CompletableFuture<>();
        }
        if (republish != null) {
            publish(republish);
        }
        f.complete(latest);
        return f;
    }

    /** Waits until no run is active; false on time-out. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (ended != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Asks the run to stop; does not wait (see {@link #stop()}). */
    @Override
    public void close() {
        stop();
    }

    /** The job: runs until stop, pause, the budget or a failure; a resume racing a pause continues the run. */
    private void run() {
        TrainingSnapshot last = null;
        try {
            while (true) {
                TrainingState end = runSteps();
                String failure = end == TrainingState.FAILED ? trainer.failure() : null;
                last = end == TrainingState.FAILED ? trainer.lastGoodSnapshot(end, failure)
                        : trainer.snapshot(end, 0, null);
                synchronized (lock) {
                    state = end;
                }
                publish(last);
                synchronized (lock) {
                    if (end == TrainingState.PAUSED && !pauseRequested && !stopRequested) {
                        state = TrainingState.RUNNING;
                        continue;
                    }
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.error("training failed at step {}", trainer.steps(), e);
            last = failed("training failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        } catch (Error e) {
            LOG.error("training failed at step {}", trainer.steps(), e);
            last = failed("training failed: " + e);
            throw e;
        } finally {
            CompletableFuture<TrainingSnapshot> f;
            synchronized (lock) {
                f = ended;
                ended = null;
                pauseRequested = false;
                lock.notifyAll();
            }
            f.complete(last != null ? last : latest);
        }
    }

    /** Publishes FAILED with the latest weights already published (the network may be unusable). */
    private TrainingSnapshot failed(String message) {
        TrainingSnapshot l = latest;
        TrainingSnapshot s = new TrainingSnapshot(TrainingState.FAILED, l.step(), l.loss(), l.validationLoss(), 0,
                l.weights(), l.averaged(), l.trainLoss(), l.validation(), message, l.device(),
                l.checkpoints());
        synchronized (lock) {
            state = TrainingState.FAILED;
        }
        publish(s);
        return s;
    }

    private TrainingState runSteps() {
        TrainingConfig cfg = trainer.config();
        long snapshotNanos = TimeUnit.MILLISECONDS.toNanos(cfg.snapshotMillis());
        long windowStart = System.nanoTime();
        long lastPublish = windowStart;
        long windowSteps = 0;
        double stepsPerSecond = 0;
        while (true) {
            synchronized (lock) {
                if (stopRequested) {
                    return TrainingState.STOPPED;
                }
                if (pauseRequested) {
                    return TrainingState.PAUSED;
                }
            }
            if (trainer.finished()) {
                return TrainingState.FINISHED;
            }
            if (!Double.isFinite(trainer.step())) {
                return TrainingState.FAILED;
            }
            windowSteps++;
            long now = System.nanoTime();
            long every = publishEvery;
            if (now - lastPublish >= snapshotNanos || (every > 0 && trainer.steps() % every == 0)) {
                double seconds = (now - windowStart) / 1e9;
                if (seconds > 0.25) {
                    double rate = windowSteps / seconds;
                    stepsPerSecond = stepsPerSecond == 0 ? rate : 0.5 * stepsPerSecond + 0.5 * rate;
                    windowStart = now;
                    windowSteps = 0;
                }
                publish(trainer.snapshot(TrainingState.RUNNING, stepsPerSecond, null));
                lastPublish = now;
            }
            // Serialized compute: evaluations queued by samplers and views run here, between two steps.
            compute.serveQueued();
        }
    }

    private void publish(TrainingSnapshot snap) {
        latest = snap;
        for (TrainingListener l : listeners) {
            try {
                l.onSnapshot(snap);
            } catch (RuntimeException e) {
                LOG.warn("a training listener failed; training goes on", e);
            }
        }
    }
}
