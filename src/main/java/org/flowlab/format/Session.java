package org.flowlab.format;

import java.util.Map;
import java.util.TreeMap;
import org.flowlab.train.Checkpoints;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingConfig;
import org.flowlab.nn.WeightsSnapshot;

/**
 * Everything needed to continue working: the target density (grid masses and where they came from), the model
 * and training settings, the weights with Adam's state at their step, the loss history, and the app's own
 * settings (solver, particles, overlays…) as plain key/value strings.
 *
 * @param densityMass  [size × size] masses, row 0 at the top
 * @param weights      weights, optimiser state and step (its config is the model's config)
 * @param averaged     the weight average at the same step, or null (sessions saved before 0.2 have none)
 * @param appSettings  free-form settings of the app, stored verbatim (keys and values are strings)
 * @param checkpoints  the training history (checkpoints of the shown weights); empty in sessions saved before it
 */
public record Session(float[] densityMass, int densitySize, double halfWidth, String densitySource,
                      TrainingConfig training, WeightsSnapshot weights, WeightsSnapshot averaged,
                      LossHistory.View trainLoss,
                      LossHistory.View validationLoss, Map<String, String> appSettings, Checkpoints checkpoints) {

    /** A session without a training history. */
    public Session(float[] densityMass, int densitySize, double halfWidth, String densitySource,
                   TrainingConfig training, WeightsSnapshot weights, WeightsSnapshot averaged,
                   LossHistory.View trainLoss, LossHistory.View validationLoss, Map<String, String> appSettings) {
        this(densityMass, densitySize, halfWidth, densitySource, training, weights, averaged, trainLoss,
                validationLoss, appSettings, Checkpoints.empty());
    }

    public Session {
        if (checkpoints == null) {
            checkpoints = Checkpoints.empty();
        }
        if (densityMass.length != densitySize * densitySize) {
            throw new IllegalArgumentException("density has " + densityMass.length + " cells, expected "
                    + densitySize * densitySize);
        }
        appSettings = java.util.Collections.unmodifiableMap(new TreeMap<>(appSettings));
    }
}
