package org.flowlab.app.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.junit.jupiter.api.Test;

/** The exact field of N points lands on them; the (test) network from the same noise does not. */
class LensViewModelTest {

    private final TestModel model = new TestModel();
    private final LensViewModel lens = new LensViewModel(SameThreadTaskRunner.immediate(), model, model.inputs(),
            ExactTestInputs.inputs());

    @Test
    void theExactFieldOfNPointsMemorisesThem() {
        model.weights.set(ExactTestInputs.weights(1, 1f, "ot"));
        lens.nProperty().set(8);
        assertNull(lens.sampleProperty().get(), "nothing while hidden");
        lens.showProperty().set(true);
        LensViewModel.Sample s = lens.sampleProperty().get();
        assertEquals(8, s.n());
        assertEquals(16, s.training().length);
        assertEquals(2 * LensViewModel.PARTICLES, s.exact().length);
        assertTrue(s.exactDistance() < 0.02, "on the training points: " + s.exactDistance());
        assertTrue(s.networkDistance() > 10 * s.exactDistance(), "the network's particles are elsewhere: "
                + s.networkDistance());

        assertEquals(1, lens.exactRuns());
        model.weights.set(ExactTestInputs.weights(2, 0.5f, "ot"));
        assertEquals(1, lens.exactRuns(), "new weights: only the network's particles are recomputed");
        assertTrue(lens.sampleProperty().get().networkDistance() != s.networkDistance());
        lens.nProperty().set(64);
        assertEquals(64, lens.sampleProperty().get().n(), "a new N, a new lens");
        assertEquals(2, lens.exactRuns());
        lens.nProperty().set(LensViewModel.ALL);
        assertEquals(0, lens.sampleProperty().get().training().length, "all: the whole density's field");
        lens.showProperty().set(false);
        assertNull(lens.sampleProperty().get());
    }
}
