package org.flowlab.train;

import java.util.SplittableRandom;
import org.flowlab.compute.ComputeThread;
import org.flowlab.compute.Nd4jBackend;
import org.flowlab.coupling.Coupling;
import org.flowlab.density.LabelledSampler;
import org.flowlab.density.PointSampler;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.Network;
import org.flowlab.nn.WeightsSnapshot;

/**
 * Flow matching as a plain synchronous loop: each {@link #step()} draws a batch, takes one Adam step and returns
 * the loss. No threads, no waiting: {@link TrainingRun} drives it on a thread of its own; tests and the bench call
 * {@code step()} directly.
 *
 * <p>Step k (k = 0, 1, …) draws B pairs (x0, x1) from its {@link PairSource} — for a target density: x1 ~ target,
 * x0 ~ N(0, I), re-paired by the config's coupling — then t ~ U(0, t_max), from a generator seeded by
 * (training seed, k), forms x_t and u_t from the model's {@link ProbabilityPath} and minimises
 * mean((v(x_t, t) − u_t)²) over the B·2 elements. The weights come from the model seed. So the same seeds give
 * identical losses and weights, and a trainer resumed from saved weights, Adam state and step continues exactly
 * as an uninterrupted one would.
 *
 * <p>Every {@link TrainingConfig#validationEvery()} steps the loss on a fixed held-out set (drawn once from the
 * training seed) is recorded. With {@link TrainingConfig#emaDecay()} &gt; 0 the network keeps a weight average that
 * snapshots carry for display; training never reads it.
 *
 * <p>A non-finite loss puts the weights back to the last finite snapshot taken ({@link #snapshot}), restarts the
 * average, and sets {@link #failure()}; the step counter goes back with the weights.
 *
 * <p><b>Prefetch.</b> With a coupling other than independent, drawing batch k costs an assignment problem (about
 * as much as the step itself at batch 256), and batch k depends on nothing but (seed, k). So while step k fits,
 * batch k + 1 is drawn on a daemon thread shared by all trainers into a second buffer; the numbers are identical
 * to drawing it in place (tested), the coupling's cost moves onto the other core.
 *
 * <p>Not thread-safe: one thread at a time (the run's thread while it runs, the owner of the run otherwise).
 */
public final class FlowMatchingTrainer {

    private final Network net;
    private final TrainingConfig config;
    private final PairSource pairs;
    private final ProbabilityPath path;
    private final long batchSeed;
    private final FlowMatchingBatch validation;
    private final LossHistory trainHistory = new LossHistory();
    private final LossHistory validationHistory = new LossHistory();
    /** Checkpoints of the shown weights, spaced and bounded by {@link CheckpointKeeper}. */
    private final CheckpointKeeper checkpoints;
    private FlowMatchingBatch batch;
    /** The prefetch buffer (null without prefetch), its batch index, and the fill under way or done. */
    private FlowMatchingBatch spare;
    private long spareIndex = -1;
    private java.util.concurrent.Future<?> spareFill;
    private long step;
    private WeightsSnapshot lastGood;
    private double lastLoss = Double.NaN;
    private double lastValidation = Double.NaN;
    private String failure;

    private FlowMatchingTrainer(Network net, long step, TrainingConfig config, PairSource pairs) {
        this.net = net;
        this.config = config;
        this.pairs = pairs;
        this.path = net.config().path();
        this.step = step;
        SplittableRandom root = new SplittableRandom(config.seed());
        batchSeed = root.nextLong();
        int classes = net.config().classes();
        if (net.config().conditional() && !pairs.labelled()) {
            throw new IllegalArgumentException("a conditional network needs labelled pairs");
        }
        boolean labelled = net.config().conditional();
        validation = new FlowMatchingBatch(config.validationSize(), labelled);
        validation.fill(pairs, path, root.split(), classes, config.labelDropout());
        batch = new FlowMatchingBatch(config.batchSize(), labelled);
        if (!config.coupling().equals(Coupling.INDEPENDENT.id())) {
            spare = new FlowMatchingBatch(config.batchSize(), labelled);
        }
        lastGood = net.snapshot(step, true);
        if (config.emaDecay() > 0) {
            net.startAverage(config.emaDecay());
        }
        checkpoints = new CheckpointKeeper(net.config().parameterCount());
        if (step == 0) {
            checkpoints.offer(0, this::shown);
        }
    }

    /** The weights the views show at {@code step}: the average when there is one, else the raw weights. */
    private WeightsSnapshot shown(long at) {
        WeightsSnapshot avg = config.emaDecay() > 0 ? net.averageSnapshot(at) : null;
        return avg != null ? avg : net.snapshot(at, false);
    }

    /** A new network from the model seed, at step 0; built on {@code compute}; batches coupled as the config says. */
    public static FlowMatchingTrainer fresh(ComputeThread compute, ModelConfig model, TrainingConfig config,
                                            PointSampler target) {
        config.requireFits(model);
        return new FlowMatchingTrainer(Network.build(compute, model, config.learningRate()), 0, config,
                pairsFor(model, target, config));
    }

    /**
     * The pairs of a target: labelled (x1 with its class) for a conditional network, whose K must be the target's
     * number of classes; as always for an unconditional one.
     */
    static PairSource pairsFor(ModelConfig model, PointSampler target, TrainingConfig config) {
        if (!model.conditional()) {
            return PairSource.coupled(target, config.couplingRule());
        }
        if (!(target instanceof LabelledSampler ls) || ls.classes() != model.classes()) {
            throw new IllegalArgumentException("a network of " + model.classes() + " classes needs a target of "
                    + model.classes() + " classes");
        }
        for (int k = 0; k < ls.classes(); k++) {
            if (!(ls.share(k) > 0)) {
                throw new IllegalArgumentException("class " + k + " has no mass");
            }
        }
        return PairSource.labelled(ls, config.couplingRule());
    }

    /**
     * A new run starting from {@code init}'s weights (a fresh optimiser, step 0, a new weight average) on pairs
     * that are already coupled, such as rectified flow's (x0, ODE(x0)). The config's coupling must be independent:
     * re-pairing fixed pairs would throw their coupling away.
     */
    public static FlowMatchingTrainer fromWeights(ComputeThread compute, WeightsSnapshot init, TrainingConfig config,
                                                  PairSource pairs) {
        if (!config.coupling().equals(Coupling.INDEPENDENT.id())) {
            throw new IllegalArgumentException("these pairs are already coupled; train them with the independent "
                    + "coupling, not " + config.coupling());
        }
        config.requireFits(init.config());
        WeightsSnapshot start = new WeightsSnapshot(init.config(), init.params(), null, 0);
        return new FlowMatchingTrainer(Network.of(compute, start, config.learningRate()), 0, config, pairs);
    }

    /**
     * Continues from saved weights (and optimiser state when present) at their step, with the loss history
     * recorded so far (the views may be empty). A resumed run starts a new weight average from the weights
     * (files keep only the raw weights and Adam state).
     */
    public static FlowMatchingTrainer resume(ComputeThread compute, WeightsSnapshot start, TrainingConfig config,
                                             PointSampler target, LossHistory.View trainSoFar,
                                             LossHistory.View validationSoFar) {
        return resume(compute, start, config, target, trainSoFar, validationSoFar, Checkpoints.empty());
    }

    /**
     * {@link #resume(ComputeThread, WeightsSnapshot, TrainingConfig, PointSampler, LossHistory.View,
     * LossHistory.View)} with the checkpoints saved so far (a session's training history); those of another
     * network or after the start step are left out.
     */
    public static FlowMatchingTrainer resume(ComputeThread compute, WeightsSnapshot start, TrainingConfig config,
                                             PointSampler target, LossHistory.View trainSoFar,
                                             LossHistory.View validationSoFar, Checkpoints checkpointsSoFar) {
        config.requireFits(start.config());
        FlowMatchingTrainer t = new FlowMatchingTrainer(Network.of(compute, start, config.learningRate()),
                start.step(), config, pairsFor(start.config(), target, config));
        t.trainHistory.addAll(trainSoFar);
        t.validationHistory.addAll(validationSoFar);
        t.lastLoss = trainSoFar.size() == 0 ? Double.NaN : trainSoFar.value(trainSoFar.size() - 1);
        t.lastValidation = validationSoFar.size() == 0 ? Double.NaN
                : validationSoFar.value(validationSoFar.size() - 1);
        if (!checkpointsSoFar.isEmpty() && checkpointsSoFar.get(0).config().equals(start.config())) {
            t.checkpoints.restore(checkpointsSoFar);
            t.checkpoints.dropAfter(start.step());
        }
        return t;
    }

    public ModelConfig modelConfig() {
        return net.config();
    }

    public TrainingConfig config() {
        return config;
    }

    /** Where the network lives (and where a run of this trainer must run). */
    public ComputeThread compute() {
        return net.compute();
    }

    /** Optimiser steps taken so far (the step of the current weights). */
    public long steps() {
        return step;
    }

    /** True when the config's step budget is spent (never for a budget of 0 = unlimited). */
    public boolean finished() {
        return config.maxSteps() > 0 && step >= config.maxSteps();
    }

    /** The checkpoints of the shown weights kept so far (immutable). */
    public Checkpoints checkpoints() {
        return checkpoints.view();
    }

    /** Why the last step failed, or null. */
    public String failure() {
        return failure;
    }

    /**
     * One optimiser step on batch {@link #steps()}. Returns its loss (before the update). A non-finite loss
     * reverts the weights (see the class comment) and is returned as it is.
     */
    public double step() {
        drawBatch(step);
        double loss = net.fit(batch.xt, batch.t, batch.ut, batch.y, batch.size);
        if (!Double.isFinite(loss)) {
            net.load(lastGood);
            if (config.emaDecay() > 0) {
                net.startAverage(config.emaDecay());
            }
            failure = "training stopped at step " + (step + 1) + ": the loss became " + loss
                    + "; kept the weights of step " + lastGood.step() + ". Try a smaller learning rate.";
            step = lastGood.step();
            checkpoints.dropAfter(step);
            return loss;
        }
        failure = null;
        step++;
        lastLoss = loss;
        trainHistory.add(step, loss);
        if (step % config.validationEvery() == 0) {
            lastValidation = net.loss(validation.xt, validation.t, validation.ut, validation.y, validation.size);
            validationHistory.add(step, lastValidation);
        }
        checkpoints.offer(step, this::shown);
        return loss;
    }

    /**
     * An immutable picture of now, with copies of the weights (and of the average, when there is one). Finite
     * weights become the fallback for a later non-finite loss.
     */
    public TrainingSnapshot snapshot(TrainingState state, double stepsPerSecond, String message) {
        WeightsSnapshot w = net.snapshot(step, true);
        if (w.allFinite()) {
            lastGood = w;
        }
        return snapshotOf(state, w, stepsPerSecond, message);
    }

    /** A snapshot carrying the last finite weights (after a failure), without copying anything new. */
    public TrainingSnapshot lastGoodSnapshot(TrainingState state, String message) {
        return snapshotOf(state, lastGood, 0, message);
    }

    private TrainingSnapshot snapshotOf(TrainingState state, WeightsSnapshot w, double stepsPerSecond,
                                        String message) {
        WeightsSnapshot avg = w.step() == step ? net.averageSnapshot(step) : null;
        String device = net.compute().call(Nd4jBackend::describe);
        return new TrainingSnapshot(state, step, lastLoss, lastValidation, stepsPerSecond, w, avg,
                trainHistory.view(), validationHistory.view(), message, device, checkpoints.view());
    }

    /**
     * Leaves batch k in {@link #batch}: taken from the prefetch when it holds k, drawn here otherwise; then starts
     * drawing k + 1 into the other buffer. The buffer handed to the network is never the one being filled.
     */
    private void drawBatch(long k) {
        if (spare == null) {
            fill(batch, k);
            return;
        }
        awaitSpare();
        if (spareIndex == k) {
            FlowMatchingBatch ready = spare;
            spare = batch;
            batch = ready;
        } else {
            fill(batch, k);   // after a revert or on the first step
        }
        long next = k + 1;
        FlowMatchingBatch target = spare;
        spareIndex = next;
        spareFill = Prefetch.EXECUTOR.submit(() -> fill(target, next));
    }

    /** Batch k into {@code b}: pairs (with classes and label dropout for a conditional network), times, x_t, u_t. */
    private void fill(FlowMatchingBatch b, long k) {
        b.fill(pairs, path, batchRandom(k), net.config().classes(), config.labelDropout());
    }

    /** Waits for the fill under way (uninterruptibly: its buffer must not be reused while it runs). */
    private void awaitSpare() {
        if (spareFill == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    spareFill.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    spareIndex = -1;
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
                }
            }
        } finally {
            spareFill = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One daemon thread for every trainer's next batch: fills are short and independent of each other. */
    private static final class Prefetch {
        static final java.util.concurrent.ExecutorService EXECUTOR =
                java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "flowlab-batch-prefetch");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The generator of batch k: a 64-bit mix of (batch seed, k), independent of how the run was split. */
    private SplittableRandom batchRandom(long k) {
        long z = batchSeed + (k + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }
}
