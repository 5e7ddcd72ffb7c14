package org.flowlab.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowlab.app.Notification;
import org.flowlab.app.SameThreadTaskRunner;
import org.flowlab.export.ExportFormat;
import org.flowlab.ode.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export settings and runs on the same-thread runner, with a small hand-made trajectory. */
class ExportViewModelTest {

    @TempDir
    Path dir;

    private final List<Notification> notes = new ArrayList<>();
    private ExportViewModel.Screen screen = screen(trajectory());

    private static Trajectory trajectory() {
        Trajectory.Recorder r = new Trajectory.Recorder(3, 2);
        double[] x = {-1, 0, 0, 1, 1, 0};
        double[] v = {1, 1, 1, -1, -1, 1};
        r.accept(0, x, v);
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += v[i];
        }
        r.accept(1, y, v);
        return r.build();
    }

    private static ExportViewModel.Screen screen(Trajectory tr) {
        return new ExportViewModel.Screen(tr, null, new float[16 * 16], 16, 4.0, "rk4", 8, "ot", 0.4, true, false);
    }

    private ExportViewModel create(SameThreadTaskRunner runner) {
        return new ExportViewModel(runner, () -> screen, notes::add);
    }

    @Test
    void prefillCopiesWhatTheScreenShows() {
        ExportViewModel ex = create(SameThreadTaskRunner.immediate());
        ex.prefill();
        assertEquals("OT path · RK4 · 8 steps · t={t}", ex.captionProperty().get());
        assertTrue(ex.trailsProperty().get());
        assertFalse(ex.targetProperty().get());
        assertEquals(0.4, ex.stillTProperty().get());
    }

    @Test
    void aStillIsWrittenInTheBackgroundWithItsExtension() {
        ExportViewModel ex = create(SameThreadTaskRunner.immediate());
        ex.formatProperty().set(ExportFormat.PNG_STILL);
        ex.sizeProperty().set("64x48");
        assertTrue(ex.start(dir.resolve("still")));
        assertTrue(Files.exists(dir.resolve("still.png")));
        assertFalse(ex.runningProperty().get());
        assertTrue(notes.get(notes.size() - 1).text().startsWith("Exported still.png"), notes.toString());
    }

    @Test
    void nothingToExportOrBadSettingsAreExplained() {
        ExportViewModel ex = create(SameThreadTaskRunner.immediate());
        ex.sizeProperty().set("65x48");
        assertFalse(ex.start(dir.resolve("odd")));
        assertTrue(notes.get(0).text().contains("even"), notes.toString());
        screen = screen(null);
        assertFalse(ex.start(dir.resolve("none")));
        assertTrue(notes.get(1).text().startsWith("Nothing to export yet"), notes.toString());
    }

    @Test
    void aCancelledExportWritesNothingAndRunsUntilItHasStopped() {
        SameThreadTaskRunner runner = SameThreadTaskRunner.deferred();
        ExportViewModel ex = create(runner);
        ex.formatProperty().set(ExportFormat.PNG_STILL);
        assertTrue(ex.start(dir.resolve("cancelled")));
        assertFalse(ex.start(dir.resolve("second")), "one export at a time");
        ex.cancel();
        assertTrue(ex.runningProperty().get(), "running until the export has actually stopped");
        runner.runPending();
        assertFalse(ex.runningProperty().get());
        assertFalse(Files.exists(dir.resolve("cancelled.png")));
        assertEquals("Export cancelled; no file was written.", notes.get(notes.size() - 1).text());
    }

    @Test
    void theLearningMovieHasAFrameGroupPerCheckpoint() throws Exception {
        org.flowlab.app.TestModel fields = new org.flowlab.app.TestModel();
        List<org.flowlab.nn.WeightsSnapshot> checkpoints = List.of(org.flowlab.app.TestModel.weights(0, 0f),
                org.flowlab.app.TestModel.weights(4, 1f), org.flowlab.app.TestModel.weights(9, 2f));
        double[] x0 = org.flowlab.flow.FlowSampler.noise(20, 1);
        ExportViewModel.Movie movie = new ExportViewModel.Movie(checkpoints, fields::velocity, "rk4", 4, x0, 20, null);
        ExportViewModel ex = new ExportViewModel(SameThreadTaskRunner.immediate(), () -> screen, () -> movie,
                notes::add);
        ex.overTrainingProperty().set(true);
        ex.formatProperty().set(ExportFormat.PNG_SEQUENCE);
        ex.sizeProperty().set("64x48");
        ex.fpsProperty().set(3);
        ex.secondsProperty().set(2);
        assertTrue(ex.start(dir.resolve("learn")), notes.toString());
        try (var files = Files.list(dir.resolve("learn"))) {
            assertEquals(6, files.count(), "3 checkpoints × 2 frames");
        }
        assertTrue(notes.get(notes.size() - 1).text().contains("3 checkpoints"), notes.toString());
        assertEquals(3, fields.velocities.get(), "one field per checkpoint");

        ex.formatProperty().set(ExportFormat.PNG_STILL);
        assertFalse(ex.start(dir.resolve("still")));
        ExportViewModel none = new ExportViewModel(SameThreadTaskRunner.immediate(), () -> screen, () -> null,
                notes::add);
        none.overTrainingProperty().set(true);
        assertFalse(none.start(dir.resolve("none")));
        assertTrue(notes.get(notes.size() - 1).text().startsWith("No training history"), notes.toString());
    }

    @Test
    void stillsAtTheScreensTimeKeepItsFieldsAndAnimationsOnlyWhatHoldsForEveryT() {
        var f = new org.flowlab.render.SceneLayers.FieldSample(new float[]{0, 0}, new float[]{1, 0}, 0.4);
        var guidance = new org.flowlab.render.SceneLayers.GuidanceFields(f, f, f, 1, 3.0);
        var ins = new org.flowlab.render.SceneLayers.Instruments(f, null, null, new int[]{2}, null, null, guidance);
        ExportViewModel.Screen s = new ExportViewModel.Screen(null, null, new float[16 * 16], 16, 4.0, "rk4", 8, "ot",
                0.4, true, false, ins);
        var still = s.instrumentsFor(true, 0.4);
        org.junit.jupiter.api.Assertions.assertSame(guidance, still.guidance(), "the three guidance fields");
        org.junit.jupiter.api.Assertions.assertSame(f, still.exactField());
        var other = s.instrumentsFor(true, 0.9);
        org.junit.jupiter.api.Assertions.assertNull(other.guidance(), "fields of t = 0.4 are not drawn at 0.9");
        var movie = s.instrumentsFor(false, 0.4);
        org.junit.jupiter.api.Assertions.assertNull(movie.guidance());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{2}, movie.traced(), "traces hold for every t");
        org.junit.jupiter.api.Assertions.assertNull(screen(null).instrumentsFor(true, 0.4));
    }
}
