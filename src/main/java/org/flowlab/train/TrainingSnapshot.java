package org.flowlab.train;

import org.flowlab.compute.Nd4jBackend;
import org.flowlab.nn.WeightsSnapshot;

/**
 * What the trainer publishes: an immutable picture of one moment of training.
 *
 * @param state          the trainer's state when the snapshot was taken
 * @param step           optimiser steps taken so far
 * @param loss           the last batch loss (NaN before the first step)
 * @param validationLoss the last validation loss (NaN before the first)
 * @param stepsPerSecond recent throughput (0 when not running)
 * @param weights        a copy of the weights at {@code step} with the optimiser state (what sessions save and
 *                       training resumes from), safe to read on any thread
 * @param averaged       the weight average at {@code step} (no optimiser state), or null when there is none
 * @param trainLoss      every batch loss so far
 * @param validation     every validation loss so far
 * @param message        why training stopped, for FAILED; otherwise null
 * @param device         {@link Nd4jBackend#describe()} read by the thread that owns the network (on a GPU: name
 *                       and memory in use), for status bars that must not ask the device themselves
 * @param checkpoints    the training history: checkpoints of the shown weights so far ({@link CheckpointKeeper})
 */
public record TrainingSnapshot(TrainingState state, long step, double loss, double validationLoss,
                               double stepsPerSecond, WeightsSnapshot weights, WeightsSnapshot averaged,
                               LossHistory.View trainLoss,
                               LossHistory.View validation, String message,
                               String device, Checkpoints checkpoints) {

    public TrainingSnapshot {
        if (checkpoints == null) {
            checkpoints = Checkpoints.empty();
        }
    }

    /** A snapshot without checkpoints (kept for callers that have none). */
    public TrainingSnapshot(TrainingState state, long step, double loss, double validationLoss,
                            double stepsPerSecond, WeightsSnapshot weights, WeightsSnapshot averaged,
                            LossHistory.View trainLoss, LossHistory.View validation, String message, String device) {
        this(state, step, loss, validationLoss, stepsPerSecond, weights, averaged, trainLoss, validation, message,
                device, Checkpoints.empty());
    }

    /** What samplers and views should show: the weight average when there is one, else the raw weights. */
    public WeightsSnapshot display() {
        return averaged != null ? averaged : weights;
    }
}
