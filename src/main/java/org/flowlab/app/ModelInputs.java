package org.flowlab.app;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import org.flowlab.density.PointSampler;
import org.flowlab.nn.WeightsSnapshot;

/**
 * What the feature view models that show the model (particles, density, field, pairs) follow; each listens to
 * the parts it needs itself.
 *
 * @param weights       the weights to show (null until the first model is built)
 * @param training      true while training runs
 * @param seed          the user's training seed (see {@link Seeds})
 * @param targetVersion bumped by every committed edit of the target density
 * @param target        an immutable sampler of the target density, or null while it is empty
 * @param halfWidth     the half width L of the domain [−L, L]²
 */
public record ModelInputs(ObservableValue<WeightsSnapshot> weights, ObservableBooleanValue training, LongSupplier seed,
                          ObservableValue<?> targetVersion, Supplier<PointSampler> target, double halfWidth) {
}
