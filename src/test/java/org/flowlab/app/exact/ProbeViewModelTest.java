package org.flowlab.app.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.marginal.MarginalField;
import org.flowlab.render.SceneLayers;
import org.junit.jupiter.api.Test;

/** The probe's average is the exact field at the point; pinned, it follows t; the network's value comes along. */
class ProbeViewModelTest {

    private final TestModel model = new TestModel();
    private final DoubleProperty t = new SimpleDoubleProperty(0.5);
    private final ProbeViewModel probe = new ProbeViewModel(SameThreadTaskRunner.immediate(), model, model.inputs(),
            ExactTestInputs.inputs(), t);

    @Test
    void theAverageIsTheExactFieldAtThePointAndFollowsT() {
        model.weights.set(ExactTestInputs.weights(1, 2f, "ot"));
        probe.probeAt(0.3, 0.2);
        assertNull(probe.probeProperty().get(), "clicks draw unless in probe mode");
        probe.activeProperty().set(true);
        probe.probeAt(0.3, 0.2);
        MarginalField u = ExactTestInputs.field("ot");
        for (double time : new double[]{0.5, 0.9}) {
            t.set(time);
            SceneLayers.ProbeSample s = probe.probeProperty().get();
            double[] expected = new double[2];
            u.evaluate(time, new double[]{0.3, 0.2}, 1, expected);
            assertEquals(time, s.t(), 1e-12);
            assertEquals(expected[0], s.ux(), 1e-6, "the average is u_t(x)");
            assertEquals(expected[1], s.uy(), 1e-6);
            assertEquals(-2 * 0.3, s.vx(), 1e-9, "the network's prediction v = −2x");
            assertEquals(-2 * 0.2, s.vy(), 1e-9);
            assertTrue(s.weight().length > 1 && s.weight().length <= ProbeViewModel.PATHS);
            assertTrue(probe.captionProperty().get().contains(String.format(java.util.Locale.ROOT, "%.2f", s.ux())));
        }
        SceneLayers.ProbeSample late = probe.probeProperty().get();
        t.set(0.2);
        assertNotEquals(late.ux(), probe.probeProperty().get().ux(), "the average turns as t moves");
        probe.activeProperty().set(false);
        assertNull(probe.probeProperty().get());
        assertEquals("", probe.captionProperty().get());
    }

    @Test
    void theDrawnPathsPassThroughThePointAndAreNotOnlyTheNearestCells() {
        model.weights.set(ExactTestInputs.weights(1, 1f, "ot"));
        probe.activeProperty().set(true);
        probe.probeAt(0, 0.3);
        SceneLayers.ProbeSample s = probe.probeProperty().get();
        double t0 = s.t();
        double spreadX = 0;
        for (int i = 0; i < s.weight().length; i++) {
            double xt = (1 - t0) * s.x0()[2 * i] + t0 * s.x1()[2 * i];
            double yt = (1 - t0) * s.x0()[2 * i + 1] + t0 * s.x1()[2 * i + 1];
            assertEquals(0, xt, 1e-4, "OT path " + i + " passes through x at t");
            assertEquals(0.3, yt, 1e-4);
            spreadX = Math.max(spreadX, Math.abs(s.x1()[2 * i] - s.x1()[0]));
        }
        assertTrue(spreadX > 0.5, "picked by weight, the destinations spread over the moons: " + spreadX);
    }
}
