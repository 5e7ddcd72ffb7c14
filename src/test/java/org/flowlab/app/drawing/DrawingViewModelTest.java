package org.flowlab.app.drawing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowlab.app.Notification;
import org.flowlab.density.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drawing view model without a window: strokes, undo/redo, presets, files. */
class DrawingViewModelTest {

    private final List<Notification> notes = new ArrayList<>();
    private final DrawingViewModel d = new DrawingViewModel(notes::add);

    @TempDir
    Path dir;

    private void stroke(double x0, double y0, double x1, double y1) {
        d.beginStroke(x0, y0);
        d.continueStroke((x0 + x1) / 2, (y0 + y1) / 2);
        d.continueStroke(x1, y1);
        d.endStroke();
    }

    @Test
    void startsOnTheMoonsPresetWithNothingToUndo() {
        assertEquals(Preset.MOONS, d.presetProperty().get());
        assertTrue(d.grid().totalMass() > 0);
        assertFalse(d.canUndoProperty().get());
        assertFalse(d.canRedoProperty().get());
    }

    @Test
    void aStrokeAddsMassCommitsOnceAndCanBeUndoneAndRedone() {
        d.clear();
        assertTrue(d.grid().isEmpty());
        long committed = d.committedVersionProperty().get();
        d.beginStroke(-1, 0);
        d.continueStroke(0, 0.5);
        assertTrue(d.grid().totalMass() > 0, "mass appears while drawing");
        assertEquals(committed, d.committedVersionProperty().get(), "a stroke in progress is not an edit yet");
        d.continueStroke(1, 0);
        d.endStroke();
        double mass = d.grid().totalMass();
        assertEquals(committed + 1, d.committedVersionProperty().get(), "one committed edit per stroke");
        assertTrue(d.canUndoProperty().get());
        assertEquals("drawing", d.sourceProperty().get());
        assertNull(d.presetProperty().get(), "no longer a preset");

        d.undo();
        assertTrue(d.grid().isEmpty());
        assertTrue(d.canRedoProperty().get());
        d.redo();
        assertEquals(mass, d.grid().totalMass(), 1e-9);
        assertFalse(d.canRedoProperty().get());
    }

    @Test
    void theEraserRemovesMass() {
        stroke(-2, 0, 2, 0);
        double before = d.grid().totalMass();
        d.toolProperty().set(DrawingViewModel.Tool.ERASER);
        stroke(-2, 0, 2, 0);
        assertTrue(d.grid().totalMass() < before);
    }

    @Test
    void choosingAPresetLoadsItAndChoosingItAgainAfterAnEditReloadsIt() {
        d.presetProperty().set(Preset.values()[Preset.values().length - 1]);
        float[] preset = d.grid().copyMass();
        stroke(-1, -1, 1, 1);
        assertNull(d.presetProperty().get());
        d.presetProperty().set(Preset.values()[Preset.values().length - 1]);
        assertArrayEquals(preset, d.grid().copyMass());
    }

    @Test
    void massIsTheSameArrayUntilTheDensityChanges() {
        float[] m = d.mass();
        assertSame(m, d.mass(), "renderers cache on its identity");
        stroke(0, 0, 1, 1);
        assertFalse(m == d.mass());
    }

    @Test
    void aBadFileIsReportedAndChangesNothing() throws Exception {
        Path bad = dir.resolve("broken.png");
        Files.write(bad, new byte[]{1, 2, 3});
        float[] before = d.grid().copyMass();
        long committed = d.committedVersionProperty().get();
        assertFalse(d.loadFile(bad));
        assertArrayEquals(before, d.grid().copyMass());
        assertEquals(committed, d.committedVersionProperty().get());
        assertEquals(1, notes.size());
        assertEquals(Notification.Severity.ERROR, notes.get(0).severity());
        assertTrue(notes.get(0).text().contains("broken.png"), notes.get(0).text());
    }

    @Test
    void aCsvOfPointsBecomesTheDensity() throws Exception {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y\n1,1\n1.1,0.9\n-1,-1\n");
        d.clear();
        assertTrue(d.loadFile(csv));
        assertTrue(d.grid().totalMass() > 0);
        assertEquals("points.csv", d.sourceProperty().get());
    }

    @Test
    void aRestoredDensityIsANewDocumentNotAnEdit() {
        stroke(0, 0, 1, 0);
        float[] saved = new float[d.grid().size() * d.grid().size()];
        saved[saved.length / 2 + d.grid().size() / 2] = 1f;
        d.restore(saved, "lesson");
        assertNotNull(d.sourceProperty().get());
        assertEquals("lesson", d.sourceProperty().get());
        assertFalse(d.canUndoProperty().get());
        assertTrue(d.grid().totalMass() > 0);
    }
}
