package org.flowlab.app;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flowlab.density.PointSampler;
import org.flowlab.density.Preset;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.likelihood.DivergenceField;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.VectorField;

/**
 * What the feature view models follow, as plain properties a test sets, and fields without networks: weights
 * whose first parameter a give v(x, t) = −a·x (div v = −2a), so different weights give different fields and
 * nothing needs ND4J. Counts how often each kind of field was built.
 */
public class TestModel implements ModelFields {

    public final ObjectProperty<WeightsSnapshot> weights = new SimpleObjectProperty<>();
    public final BooleanProperty training = new SimpleBooleanProperty(false);
    public final LongProperty seed = new SimpleLongProperty(0);
    public final LongProperty targetVersion = new SimpleLongProperty(0);
    public final ObjectProperty<PointSampler> target = new SimpleObjectProperty<>(moons());
    public final AtomicInteger velocities = new AtomicInteger();
    public final AtomicInteger divergences = new AtomicInteger();

    public ModelInputs inputs() {
        return new ModelInputs(weights, training, seed::get, targetVersion, target::get,
                DensityGrid.DEFAULT_HALF_WIDTH);
    }

    /** The two-moons preset's sampler. */
    public static PointSampler moons() {
        DensityGrid grid = new DensityGrid();
        DensitySources.preset(grid, Preset.MOONS);
        return grid.sampler();
    }

    /** Weights at {@code step} whose field is v = −a·x; each call is a new object. */
    public static WeightsSnapshot weights(long step, float a) {
        return new WeightsSnapshot(ModelConfig.defaults(NetworkKind.MLP, 0), new float[]{a, 0.5f, -0.25f}, null,
                step);
    }

    @Override
    public VectorField velocity(WeightsSnapshot w) {
        velocities.incrementAndGet();
        double a = w.params()[0];
        return new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] x, int n, double[] out) {
                for (int i = 0; i < 2 * n; i++) {
                    out[i] = -a * x[i];
                }
            }
        };
    }

    @Override
    public DivergenceField divergence(WeightsSnapshot w) {
        divergences.incrementAndGet();
        double a = w.params()[0];
        return (t, x, n, v, div) -> {
            for (int i = 0; i < n; i++) {
                v[2 * i] = -a * x[2 * i];
                v[2 * i + 1] = -a * x[2 * i + 1];
                div[i] = -2 * a;
            }
        };
    }
}
