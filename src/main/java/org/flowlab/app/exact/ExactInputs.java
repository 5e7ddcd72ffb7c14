package org.flowlab.app.exact;

import java.util.function.Supplier;
import org.flowlab.marginal.MarginalField;
import org.flowlab.marginal.Target;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.flow.ProbabilityPath;

/**
 * What the exact-field instruments need beyond {@link org.flowlab.app.ModelInputs}: the target's masses (an
 * array that is never changed once handed out, a new one after each edit; read on the FX thread, passed to the
 * work) and the grid size. The path is the shown model's ({@link #pathOf}).
 *
 * @param mass the current masses, row-major from the top row, as {@code DrawingViewModel.mass()} returns them
 * @param size the grid's side in cells
 */
public record ExactInputs(Supplier<float[]> mass, int size) {

    /** The path the shown weights were trained for ("ot" before any model exists). */
    public static String pathOf(WeightsSnapshot w) {
        return w == null ? "ot" : w.config().pathId();
    }

    /**
     * The exact field of the last masses and path asked for, rebuilt only when either changes. Use it from one
     * thread (a lane's) only.
     */
    static final class Cache {
        private float[] mass;
        private String pathId;
        private MarginalField field;

        /** @throws org.flowlab.density.DensityException when no cell has mass */
        MarginalField field(float[] m, int size, double halfWidth, String path) {
            if (m != mass || !path.equals(pathId)) {
                field = new MarginalField(Target.ofGrid(m, size, halfWidth, Target.CellTreatment.SPREAD),
                        ProbabilityPath.byId(path));
                mass = m;
                pathId = path;
            }
            return field;
        }
    }
}
