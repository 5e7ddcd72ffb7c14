package org.flowlab.app.training;

import org.flowlab.compute.ComputeThread;
import org.flowlab.compute.Nd4jBackend;
import org.flowlab.density.PointSampler;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.Network;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.FlowMatchingTrainer;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingConfig;
import org.flowlab.train.TrainingRun;

/**
 * How the training view model gets its runs and first weights, without building networks itself. Every method
 * builds a network (on CUDA queued to the device thread) and may take a while: call only inside task-runner work.
 */
public interface Trainers {

    /** A run of a new model from the model seed. */
    TrainingRun fresh(ModelConfig model, TrainingConfig training, PointSampler target);

    /** A run that continues saved weights (and optimiser state) with their loss history. */
    TrainingRun resume(WeightsSnapshot weights, TrainingConfig training, PointSampler target,
                       LossHistory.View trainSoFar, LossHistory.View validationSoFar);

    /** As {@link #resume}, continuing the saved training history too (implementations without one ignore it). */
    default TrainingRun resume(WeightsSnapshot weights, TrainingConfig training, PointSampler target,
                               LossHistory.View trainSoFar, LossHistory.View validationSoFar,
                               org.flowlab.train.Checkpoints checkpointsSoFar) {
        return resume(weights, training, target, trainSoFar, validationSoFar);
    }

    /** The weights of an untrained network (shown before there is a target to train on). */
    WeightsSnapshot initialWeights(ModelConfig model);

    /** One line on where networks run, for the status bar. */
    String backend();

    /** One rectified-flow round from {@code from} ({@link org.flowlab.reflow.Reflow#round}); long, cancellable. */
    default org.flowlab.reflow.Reflow.Round reflow(WeightsSnapshot from, org.flowlab.reflow.Reflow.Settings settings,
                                                    int index, org.flowlab.reflow.Reflow.Progress progress) {
        throw new UnsupportedOperationException("reflow is not available here");
    }

    /** Runs and networks on {@code compute}. */
    static Trainers on(ComputeThread compute) {
        return new Trainers() {
            @Override
            public TrainingRun fresh(ModelConfig model, TrainingConfig training, PointSampler target) {
                return new TrainingRun(FlowMatchingTrainer.fresh(compute, model, training, target));
            }

            @Override
            public TrainingRun resume(WeightsSnapshot weights, TrainingConfig training, PointSampler target,
                                      LossHistory.View trainSoFar, LossHistory.View validationSoFar) {
                return new TrainingRun(FlowMatchingTrainer.resume(compute, weights, training, target, trainSoFar,
                        validationSoFar));
            }

            @Override
            public TrainingRun resume(WeightsSnapshot weights, TrainingConfig training, PointSampler target,
                                      LossHistory.View trainSoFar, LossHistory.View validationSoFar,
                                      org.flowlab.train.Checkpoints checkpointsSoFar) {
                return new TrainingRun(FlowMatchingTrainer.resume(compute, weights, training, target, trainSoFar,
                        validationSoFar, checkpointsSoFar));
            }

            @Override
            public WeightsSnapshot initialWeights(ModelConfig model) {
                return Network.initialWeights(compute, model);
            }

            @Override
            public org.flowlab.reflow.Reflow.Round reflow(WeightsSnapshot from,
                                                           org.flowlab.reflow.Reflow.Settings settings, int index,
                                                           org.flowlab.reflow.Reflow.Progress progress) {
                return org.flowlab.reflow.Reflow.round(compute, from, settings, index, progress);
            }

            @Override
            public String backend() {
                return compute.call(Nd4jBackend::describe);
            }
        };
    }
}
