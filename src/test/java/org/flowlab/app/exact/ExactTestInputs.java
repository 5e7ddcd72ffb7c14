package org.flowlab.app.exact;

import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.density.Preset;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.marginal.MarginalField;
import org.flowlab.marginal.Target;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.WeightsSnapshot;

/** The two-moons masses the tests' target ({@code TestModel.moons()}) samples, and weights for another path. */
final class ExactTestInputs {

    static final DensityGrid MOONS = moonsGrid();
    static final float[] MASS = MOONS.copyMass();

    private ExactTestInputs() {
    }

    static ExactInputs inputs() {
        return new ExactInputs(() -> MASS, MOONS.size());
    }

    static MarginalField field(String path) {
        return new MarginalField(Target.ofGrid(MASS, MOONS.size(), MOONS.halfWidth(), Target.CellTreatment.SPREAD),
                ProbabilityPath.byId(path));
    }

    /** Weights whose test field is v = −a·x, trained (nominally) for {@code path}. */
    static WeightsSnapshot weights(long step, float a, String path) {
        return new WeightsSnapshot(ModelConfig.defaults(NetworkKind.MLP, 0).withPath(path),
                new float[]{a, 0.5f, -0.25f}, null, step);
    }

    private static DensityGrid moonsGrid() {
        DensityGrid g = new DensityGrid();
        DensitySources.preset(g, Preset.MOONS);
        return g;
    }
}
