package org.flowlab.format;

import java.util.List;
import java.util.Map;
import org.flowlab.density.ClassSet;
import org.flowlab.density.DensityClass;
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
                      LossHistory.View validationLoss, Map<String, String> appSettings, Checkpoints checkpoints,
                      List<DensityClass> densityClasses, float[] classLayers, ClassSet classes) {

    /** A session without a training history, a single-class density and an unconditional model. */
    public Session(float[] densityMass, int densitySize, double halfWidth, String densitySource,
                   TrainingConfig training, WeightsSnapshot weights, WeightsSnapshot averaged,
                   LossHistory.View trainLoss, LossHistory.View validationLoss, Map<String, String> appSettings) {
        this(densityMass, densitySize, halfWidth, densitySource, training, weights, averaged, trainLoss,
                validationLoss, appSettings, Checkpoints.empty(), null, null, null);
    }

    /** A session with a training history, a single-class density and an unconditional model. */
    public Session(float[] densityMass, int densitySize, double halfWidth, String densitySource,
                   TrainingConfig training, WeightsSnapshot weights, WeightsSnapshot averaged,
                   LossHistory.View trainLoss, LossHistory.View validationLoss, Map<String, String> appSettings,
                   Checkpoints checkpoints) {
        this(densityMass, densitySize, halfWidth, densitySource, training, weights, averaged, trainLoss,
                validationLoss, appSettings, checkpoints, null, null, null);
    }

    /** A session without a training history, with classes (see the canonical constructor). */
    public Session(float[] densityMass, int densitySize, double halfWidth, String densitySource,
                   TrainingConfig training, WeightsSnapshot weights, WeightsSnapshot averaged,
                   LossHistory.View trainLoss, LossHistory.View validationLoss, Map<String, String> appSettings,
                   List<DensityClass> densityClasses, float[] classLayers, ClassSet classes) {
        this(densityMass, densitySize, halfWidth, densitySource, training, weights, averaged, trainLoss,
                validationLoss, appSettings, Checkpoints.empty(), densityClasses, classLayers, classes);
    }

    /**
     * densityClasses and classLayers (K layers of size² masses, layer after layer; their sum is densityMass) are
     * null for a single-class density; classes are the model's (null when it is unconditional).
     */
    public Session {
        if (checkpoints == null) {
            checkpoints = Checkpoints.empty();
        }
        if (densityClasses != null) {
            if (densityClasses.size() < 2 || densityClasses.size() > DensityClass.MAX || classLayers == null
                    || classLayers.length != densityClasses.size() * densityMass.length) {
                throw new IllegalArgumentException("a labelled density needs 2 to " + DensityClass.MAX
                        + " classes and one layer each");
            }
            densityClasses = List.copyOf(densityClasses);
        } else if (classLayers != null) {
            throw new IllegalArgumentException("class layers without classes");
        }
        if (densityMass.length != densitySize * densitySize) {
            throw new IllegalArgumentException("density has " + densityMass.length + " cells, expected "
                    + densitySize * densitySize);
        }
        appSettings = java.util.Collections.unmodifiableMap(new TreeMap<>(appSettings));
    }
}
