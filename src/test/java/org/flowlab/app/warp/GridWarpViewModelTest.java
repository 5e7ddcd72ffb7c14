package org.flowlab.app.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.ode.Solvers;
import org.flowlab.render.SceneLayers;
import org.junit.jupiter.api.Test;

/** The warped grid without a window (same-thread runner, analytic field v = −a·x). */
class GridWarpViewModelTest {

    @Test
    void computesWhenShownAndFollowsTheWeights() {
        TestModel m = new TestModel();
        m.weights.set(TestModel.weights(1, 1f));
        GridWarpViewModel vm = new GridWarpViewModel(SameThreadTaskRunner.immediate(), m, m.inputs(),
                () -> Solvers.create("rk4", 10), n -> { });
        assertNull(vm.warpedProperty().get(), "nothing is computed while hidden");
        vm.showProperty().set(true);
        SceneLayers.WarpedGrid g = vm.warpedProperty().get();
        assertEquals(2 * GridWarpViewModel.LINES, g.lines());
        float[] at = new float[2 * g.points().particles()];
        g.points().interpolate(1, at);
        // v = −x: φ_1(x) = x·e^{−1}; the grid corner (−3, −3) lands at −3/e.
        assertEquals(-3 * Math.exp(-1), at[0], 1e-4);
        m.weights.set(TestModel.weights(2, 0.5f));
        assertNotSame(g, vm.warpedProperty().get());
        vm.warpedProperty().get().points().interpolate(1, at);
        assertEquals(-3 * Math.exp(-0.5), at[0], 1e-4);
    }
}
