package org.flowlab.app.straight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.app.Notification;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.app.TestModel;
import org.flowlab.nfe.NfeLab;
import org.flowlab.nn.WeightsSnapshot;
import org.junit.jupiter.api.Test;

/** The NFE lab on the same-thread runner with the analytic field v = −a·x. */
class NfeLabViewModelTest {

    private final TestModel model = new TestModel();
    private final List<Notification> notes = new ArrayList<>();
    private final Map<String, WeightsSnapshot> models = new LinkedHashMap<>();
    private final SameThreadTaskRunner runner = SameThreadTaskRunner.deferred();
    private final NfeLabViewModel lab = new NfeLabViewModel(runner, model, () -> models, () -> model.target.get(),
            notes::add);

    @Test
    void publishesARowForEverySettingOfEveryModelWithChartAndCsv() {
        lab.setParticles(64);
        models.put("a", TestModel.weights(1, 1f));
        models.put("b", TestModel.weights(1, 2f));
        lab.run();
        assertTrue(lab.runningProperty().get());
        runner.runPending();
        assertFalse(lab.runningProperty().get());
        List<NfeLab.Row> rows = lab.rows();
        assertEquals(2 * lab.settings().size(), rows.size());
        for (int i = 0; i < lab.settings().size(); i++) {
            assertEquals(lab.settings().get(i), rows.get(i).setting());
            assertEquals("a", rows.get(i).model());
            assertEquals("b", rows.get(lab.settings().size() + i).model());
        }
        NfeLab.Row euler1 = rows.get(0);
        assertEquals(1, euler1.nfe());
        assertTrue(euler1.endpointError() > rows.get(NfeLabViewModel.STEPS.length - 1).endpointError(),
                "128 Euler steps beat one");
        assertNotNull(lab.chartProperty().get());
        assertEquals(1 + rows.size(), lab.csv().split("\n").length);
        assertEquals(1.0, lab.progressProperty().get(), 1e-9);
    }

    @Test
    void cancellingDropsTheRun() {
        lab.setParticles(64);
        models.put("a", TestModel.weights(1, 1f));
        lab.run();
        lab.cancel();
        assertFalse(lab.runningProperty().get());
        runner.runPending();
        assertTrue(lab.rows().isEmpty(), "nothing published");
        assertNull(lab.chartProperty().get());
        assertEquals("Cancelled.", lab.statusProperty().get());
    }

    @Test
    void withoutAModelItSaysSo() {
        lab.run();
        assertEquals(0, runner.pendingCount());
        assertEquals(1, notes.size());
    }

    @Test
    void aModelFileIsComparedBesideTheCurrentModelAndABadFileChangesNothing(@org.junit.jupiter.api.io.TempDir
                                                                                java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path vp = dir.resolve("unet-vp.zip");
        try (java.io.InputStream in = getClass().getResourceAsStream("/golden/unet-vp-v1.zip")) {
            java.nio.file.Files.copy(in, vp);
        }
        java.nio.file.Path junk = dir.resolve("junk.zip");
        java.nio.file.Files.writeString(junk, "not a zip");
        lab.addModelFile(junk);
        runner.runPending();
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).text().contains("Nothing was changed"), notes.get(0).text());
        assertEquals("", lab.addedNamesProperty().get());

        lab.addModelFile(vp);
        runner.runPending();
        assertEquals("Compared with: unet-vp.zip (vp)", lab.addedNamesProperty().get());
        lab.setParticles(16);
        models.put("trained", TestModel.weights(1, 1f));
        lab.run();
        runner.runPending();
        assertEquals(List.of("trained", "unet-vp.zip (vp)"), lab.resultsProperty().get().stream()
                .map(NfeLab.Result::model).toList());
        assertEquals(2, model.velocities.get(), "the file's weights go through the same fields");
        lab.clearAdded();
        assertEquals("", lab.addedNamesProperty().get());
    }
}
