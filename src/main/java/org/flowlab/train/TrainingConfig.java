package org.flowlab.train;

import org.flowlab.coupling.Coupling;
import org.flowlab.nn.ModelConfig;

import java.util.Properties;
import org.flowlab.io.Budgets;

/**
 * How to train: Adam with {@code learningRate}, batches of {@code batchSize} (x1 from the target, x0 ~ N(0, I),
 * t ~ U(0, t_max)), until {@code maxSteps} (0 = until stopped).
 *
 * @param seed               seeds the batch stream and the validation set (the model has its own seed)
 * @param validationSize     held-out (x0, x1, t) triples, fixed for the whole run so the curve is comparable
 * @param validationEvery    steps between validation losses
 * @param snapshotMillis     at most this long between published snapshots while running
 * @param emaDecay           β of the exponential moving average of the weights that samplers and views use
 *                           (see {@link org.flowlab.nn.Network#startAverage}); 0 = off, the raw weights are shown
 * @param coupling           how each batch's noise is paired with its data ({@link Coupling#parse}): "independent"
 *                           (the default, and what files without the setting mean), "ot" or "ot:ε"; kept as the
 *                           normalised spec
 * @param labelDropout       p ∈ [0, 1): a conditional network's batches replace each row's class by the null
 *                           class ∅ with probability p, drawn after the times, so the same network also learns the
 *                           unconditional field v(x, t, ∅) that classifier-free guidance needs (default 0.15);
 *                           unused by unconditional networks
 */
public record TrainingConfig(int batchSize, double learningRate, long maxSteps, long seed, int validationSize,
                             int validationEvery, long snapshotMillis, double emaDecay, String coupling,
                             double labelDropout) {

    /** The default label dropout p of conditional training. */
    public static final double DEFAULT_LABEL_DROPOUT = 0.15;

    /** With the default label dropout. */
    public TrainingConfig(int batchSize, double learningRate, long maxSteps, long seed, int validationSize,
                          int validationEvery, long snapshotMillis, double emaDecay, String coupling) {
        this(batchSize, learningRate, maxSteps, seed, validationSize, validationEvery, snapshotMillis, emaDecay,
                coupling, DEFAULT_LABEL_DROPOUT);
    }

    /** Without a weight average; independent coupling. */
    public TrainingConfig(int batchSize, double learningRate, long maxSteps, long seed, int validationSize,
                          int validationEvery, long snapshotMillis) {
        this(batchSize, learningRate, maxSteps, seed, validationSize, validationEvery, snapshotMillis, 0);
    }

    /** Independent coupling. */
    public TrainingConfig(int batchSize, double learningRate, long maxSteps, long seed, int validationSize,
                          int validationEvery, long snapshotMillis, double emaDecay) {
        this(batchSize, learningRate, maxSteps, seed, validationSize, validationEvery, snapshotMillis, emaDecay,
                Coupling.INDEPENDENT.id());
    }

    public TrainingConfig {
        if (batchSize < 1 || batchSize > 1 << 20) {
            throw new IllegalArgumentException("batch size must be in [1, 1048576], got " + batchSize);
        }
        if (!(learningRate > 0) || learningRate > 10) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], got " + learningRate);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("steps must be ≥ 0");
        }
        if (validationSize < 1 || validationEvery < 1 || snapshotMillis < 1) {
            throw new IllegalArgumentException("validation size, interval and snapshot interval must be positive");
        }
        if (validationSize > 1 << 20) {
            throw new IllegalArgumentException("validation size must be at most 1048576, got " + validationSize);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("weight-average decay must be in [0, 1), got " + emaDecay);
        }
        coupling = Coupling.parse(coupling).id();
        if (!(labelDropout >= 0 && labelDropout < 1)) {
            throw new IllegalArgumentException("label dropout must be in [0, 1), got " + labelDropout);
        }
    }

    /** The coupling this config names. */
    public Coupling couplingRule() {
        return Coupling.parse(coupling);
    }

    /**
     * Refuses training {@code model} with these batches when one pass of the larger of the batch and the
     * validation set would hold more than {@link Budgets#MAX_ACTIVATIONS} activation values: the trainer checks
     * it before building anything, {@code train} before it starts, and the loaders before they read weights.
     */
    public void requireFits(ModelConfig model) {
        long rows = Math.max(batchSize, validationSize);
        long perRow = Math.max(1, model.activationsPerRow());
        if (rows * perRow > Budgets.MAX_ACTIVATIONS) {
            throw new Budgets.Exceeded((rows == batchSize ? "a batch" : "a validation set") + " of "
                    + Budgets.count(rows) + " rows through a network with " + Budgets.count(perRow)
                    + " hidden values per point needs " + Budgets.count(rows * perRow)
                    + " activation values, more than FlowLab's limit of " + Budgets.count(Budgets.MAX_ACTIVATIONS)
                    + "; batches of at most " + Budgets.count(Budgets.MAX_ACTIVATIONS / perRow) + " fit");
        }
    }

    /** Default batch size: measured fastest to quality on two moons (README, Performance; `bench --recipes`). */
    public static final int DEFAULT_BATCH = 256;
    /** Default Adam learning rate (same measurement). */
    public static final double DEFAULT_LEARNING_RATE = 3e-3;
    /** Default decay of the weight average the app shows: best final quality in the same measurement. */
    public static final double DEFAULT_EMA_DECAY = 0.99;

    /**
     * The app's and {@code train}'s starting point: batch 256, Adam 3e-3. With the 3 × 128 MLP this reached
     * 2× the sliced-Wasserstein noise floor on two moons in 1.3 s of training against 6.3 s for the reference
     * recipe (3 × 256, batch 1024, 1e-3) on the same machine, and ended nearer the floor after 20 s; samples
     * from the weight average (β = 0.99) ended nearer still.
     */
    public static TrainingConfig defaults(long seed) {
        return new TrainingConfig(DEFAULT_BATCH, DEFAULT_LEARNING_RATE, 0, seed, 2048, 100, 100, DEFAULT_EMA_DECAY);
    }

    public TrainingConfig withMaxSteps(long steps) {
        return new TrainingConfig(batchSize, learningRate, steps, seed, validationSize, validationEvery, snapshotMillis, emaDecay,
                coupling, labelDropout);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(b, learningRate, maxSteps, seed, validationSize, validationEvery, snapshotMillis, emaDecay,
                coupling, labelDropout);
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(batchSize, lr, maxSteps, seed, validationSize, validationEvery, snapshotMillis, emaDecay,
                coupling, labelDropout);
    }

    public TrainingConfig withEmaDecay(double decay) {
        return new TrainingConfig(batchSize, learningRate, maxSteps, seed, validationSize, validationEvery,
                snapshotMillis, decay, coupling, labelDropout);
    }

    /** @param spec as {@link Coupling#parse} reads it; IllegalArgumentException otherwise */
    public TrainingConfig withCoupling(String spec) {
        return new TrainingConfig(batchSize, learningRate, maxSteps, seed, validationSize, validationEvery,
                snapshotMillis, emaDecay, spec, labelDropout);
    }

    /** @param p label dropout in [0, 1) */
    public TrainingConfig withLabelDropout(double p) {
        return new TrainingConfig(batchSize, learningRate, maxSteps, seed, validationSize, validationEvery,
                snapshotMillis, emaDecay, coupling, p);
    }

    public void store(Properties p, String prefix) {
        p.setProperty(prefix + "batch", Integer.toString(batchSize));
        p.setProperty(prefix + "lr", Double.toString(learningRate));
        p.setProperty(prefix + "maxSteps", Long.toString(maxSteps));
        p.setProperty(prefix + "seed", Long.toString(seed));
        p.setProperty(prefix + "validationSize", Integer.toString(validationSize));
        p.setProperty(prefix + "validationEvery", Integer.toString(validationEvery));
        p.setProperty(prefix + "snapshotMillis", Long.toString(snapshotMillis));
        p.setProperty(prefix + "emaDecay", Double.toString(emaDecay));
        p.setProperty(prefix + "coupling", coupling);
        p.setProperty(prefix + "labelDropout", Double.toString(labelDropout));
    }

    public static TrainingConfig load(Properties p, String prefix) {
        try {
            return new TrainingConfig(
                    Integer.parseInt(ModelConfig.required(p, prefix + "batch")),
                    Double.parseDouble(ModelConfig.required(p, prefix + "lr")),
                    Long.parseLong(ModelConfig.required(p, prefix + "maxSteps")),
                    Long.parseLong(ModelConfig.required(p, prefix + "seed")),
                    Integer.parseInt(ModelConfig.required(p, prefix + "validationSize")),
                    Integer.parseInt(ModelConfig.required(p, prefix + "validationEvery")),
                    Long.parseLong(ModelConfig.required(p, prefix + "snapshotMillis")),
                    // Files from before the weight average have no key: no average.
                    Double.parseDouble(p.getProperty(prefix + "emaDecay", "0")),
                    // Files from before couplings have no key: the independent coupling they were trained with.
                    p.getProperty(prefix + "coupling", Coupling.INDEPENDENT.id()),
                    // Files from before classes have no key: the default (unused by their unconditional models).
                    Double.parseDouble(p.getProperty(prefix + "labelDropout",
                            Double.toString(DEFAULT_LABEL_DROPOUT))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed training settings: " + ModelConfig.notANumber(e), e);
        }
    }
}
