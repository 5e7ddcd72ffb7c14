package org.flowlab.app.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.flowlab.app.ModelFields;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.likelihood.DivergenceField;
import org.flowlab.marginal.MarginalField;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.ode.VectorField;
import org.flowlab.render.SceneLayers;
import org.junit.jupiter.api.Test;

/** Exact arrows follow t; the error map is zero for a model that is the exact field and not for one that isn't. */
class ExactOverlayViewModelTest {

    private final TestModel model = new TestModel();
    private final DoubleProperty t = new SimpleDoubleProperty(0.3);
    private final BooleanProperty showExact = new SimpleBooleanProperty(false);
    private final BooleanProperty showError = new SimpleBooleanProperty(false);
    private final SameThreadTaskRunner runner = SameThreadTaskRunner.immediate();

    private ExactOverlayViewModel overlay(ModelFields fields) {
        return new ExactOverlayViewModel(runner, fields, model.inputs(), ExactTestInputs.inputs(), t, showExact,
                showError);
    }

    @Test
    void theExactArrowsFollowT() {
        model.weights.set(ExactTestInputs.weights(1, 1f, "ot"));
        ExactOverlayViewModel o = overlay(model);
        assertNull(o.exactFieldProperty().get(), "nothing while hidden");
        showExact.set(true);
        MarginalField u = ExactTestInputs.field("ot");
        for (double time : new double[]{0.3, 0.8}) {
            t.set(time);
            SceneLayers.FieldSample s = o.exactFieldProperty().get();
            assertEquals(time, s.t());
            int n = s.positions().length / 2;
            assertEquals(ExactOverlayViewModel.ARROW_GRID * ExactOverlayViewModel.ARROW_GRID, n);
            double[] pos = new double[2 * n];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = s.positions()[i];
            }
            double[] expected = new double[2 * n];
            u.evaluate(time, pos, n, expected);
            for (int i = 0; i < 2 * n; i++) {
                assertEquals(expected[i], s.vectors()[i], 1e-4 + 1e-4 * Math.abs(expected[i]), "u_t at " + time);
            }
        }
        float[] at08 = o.exactFieldProperty().get().vectors();
        t.set(0.5);
        assertNotEquals(at08[0], o.exactFieldProperty().get().vectors()[0], "another t, other arrows");
        assertEquals(0, model.velocities.get(), "the exact arrows never build a network");
        showExact.set(false);
        assertNull(o.exactFieldProperty().get());
    }

    @Test
    void theErrorMapIsZeroForTheExactFieldItself() {
        MarginalField u = ExactTestInputs.field("ot");
        ModelFields perfect = new ModelFields() {
            @Override
            public VectorField velocity(WeightsSnapshot w) {
                return u;
            }

            @Override
            public DivergenceField divergence(WeightsSnapshot w) {
                throw new UnsupportedOperationException();
            }
        };
        model.weights.set(ExactTestInputs.weights(1, 1f, "ot"));
        t.set(0.5);
        ExactOverlayViewModel o = overlay(perfect);
        showError.set(true);
        SceneLayers.ErrorMap e = o.errorMapProperty().get();
        assertNotNull(e);
        assertEquals(ExactOverlayViewModel.ERROR_GRID * ExactOverlayViewModel.ERROR_GRID, e.values().length);
        for (float v : e.values()) {
            assertEquals(0, v, 1e-3);
        }
        float maxOpacity = 0;
        float minOpacity = 1;
        for (float a : e.opacity()) {
            maxOpacity = Math.max(maxOpacity, a);
            minOpacity = Math.min(minOpacity, a);
        }
        assertEquals(1, maxOpacity, 1e-6, "opaque where p_t is large");
        assertEquals(0, minOpacity, 1e-6, "transparent in the corners, where p_t is negligible");
    }

    @Test
    void theErrorMapOfAWrongModelShowsErrorAndFollowsT() {
        model.weights.set(ExactTestInputs.weights(1, 1f, "ot"));
        ExactOverlayViewModel o = overlay(model);
        showError.set(true);
        SceneLayers.ErrorMap e = o.errorMapProperty().get();
        double mean = 0;
        for (float v : e.values()) {
            assertTrue(v >= 0 && v <= 1);
            mean += v;
        }
        assertTrue(mean / e.values().length > 0.3, "v = −x is nowhere near u_t: " + mean / e.values().length);
        t.set(0.6);
        assertEquals(0.6, o.errorMapProperty().get().t());
        showError.set(false);
        assertNull(o.errorMapProperty().get());
    }
}
