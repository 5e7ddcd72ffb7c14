package org.flowlab.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DensityGridTest {

    @Test
    void samplingMatchesTheGridMass() {
        // 4×4 grid on [−2, 2]²: cell masses 0..15 (cell 0 has none and must never be hit).
        DensityGrid g = new DensityGrid(4, 2);
        float[] m = new float[16];
        for (int i = 0; i < 16; i++) {
            m[i] = i;
        }
        g.replace(m);
        int n = 120_000;
        float[] pts = g.sampler().sample(n, new SplittableRandom(7));
        int[] counts = new int[16];
        for (int i = 0; i < n; i++) {
            int col = (int) Math.floor(g.xToCol(pts[2 * i]));
            int row = (int) Math.floor(g.yToRow(pts[2 * i + 1]));
            counts[row * 4 + col]++;
        }
        assertEquals(0, counts[0], "a cell without mass is never sampled");
        double chi2 = 0;
        for (int i = 1; i < 16; i++) {
            double expected = n * i / 120.0;
            chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        // 14 degrees of freedom: P(χ² > 36.1) = 0.001.
        assertTrue(chi2 < 36.1, "chi-square " + chi2);
    }

    @Test
    void samplesAreUniformWithinTheirCell() {
        DensityGrid g = new DensityGrid(2, 1);
        g.replace(new float[]{0, 1, 0, 0}); // top-right cell: x ∈ [0, 1], y ∈ [0, 1]
        float[] pts = g.sampler().sample(20_000, new SplittableRandom(1));
        double mx = 0;
        double my = 0;
        for (int i = 0; i < 20_000; i++) {
            assertTrue(pts[2 * i] >= 0 && pts[2 * i] <= 1 && pts[2 * i + 1] >= 0 && pts[2 * i + 1] <= 1);
            mx += pts[2 * i];
            my += pts[2 * i + 1];
        }
        assertEquals(0.5, mx / 20_000, 0.01);
        assertEquals(0.5, my / 20_000, 0.01);
    }

    @Test
    void sameSeedSameSamples() {
        DensityGrid g = new DensityGrid(64, 4);
        DensitySources.preset(g, Preset.SPIRAL);
        GridSampler s = g.sampler();
        assertArrayEquals(s.sample(500, new SplittableRandom(3)), s.sample(500, new SplittableRandom(3)));
    }

    @Test
    void emptyDensityRefusesToSample() {
        DensityGrid g = new DensityGrid(16, 4);
        DensityException e = assertThrows(DensityException.class, g::sampler);
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        g.beginEdit();
        g.stamp(0, 0, 1, 1, false);
        assertTrue(g.totalMass() > 0);
        g.beginEdit();
        for (int k = 0; k < 12; k++) {
            g.stamp(0, 0, 2, 1, true);
        }
        // Erasing leaves no faint residue that would still be sampled.
        assertTrue(g.isEmpty(), "mass left " + g.totalMass());
        assertThrows(DensityException.class, g::sampler);
    }

    @Test
    void brushPaintsSoftlyAndEraserRemoves() {
        DensityGrid g = new DensityGrid(64, 4);
        g.beginEdit();
        // (1.0625, 1.0625) is the centre of a cell (cells are 0.125 wide), so the brush peaks there.
        double c = 1.0625;
        g.stamp(c, c, 0.5, 0.8, false);
        int col = (int) g.xToCol(c);
        int row = (int) g.yToRow(c);
        float centre = g.get(col, row);
        assertEquals(0.8f, centre, 1e-6f, "peak = strength");
        assertEquals(0f, g.get((int) g.xToCol(-1), row), "far away stays empty");
        assertTrue(g.get(col + 3, row) < centre && g.get(col + 3, row) > 0, "soft edge");
        g.stamp(c, c, 0.5, 0.8, false);
        assertTrue(g.get(col, row) > centre && g.get(col, row) <= 1f, "painting saturates towards 1");
        g.stamp(c, c, 0.5, 1.0, true);
        assertEquals(0f, g.get(col, row), "eraser at full strength clears the centre");
        assertTrue(g.get(col + 3, row) > 0, "and only part of the soft edge");
    }

    @Test
    void undoAndRedoRestoreWholeEdits() {
        DensityGrid g = new DensityGrid(32, 4);
        float[] empty = g.copyMass();
        g.beginEdit();
        g.strokeSegment(-2, 0, 2, 0, 0.4, 1, false);
        float[] stroke = g.copyMass();
        g.clear();
        assertTrue(g.isEmpty());
        assertTrue(g.undo());
        assertArrayEquals(stroke, g.copyMass());
        assertTrue(g.undo());
        assertArrayEquals(empty, g.copyMass());
        assertFalse(g.undo());
        assertTrue(g.redo());
        assertArrayEquals(stroke, g.copyMass());
        long v = g.version();
        g.beginEdit();
        g.stamp(0, 2, 0.3, 1, false);
        assertTrue(g.version() > v);
        assertFalse(g.canRedo(), "a new edit clears redo");
    }

    @Test
    void replaceRejectsNegativeOrNaN() {
        DensityGrid g = new DensityGrid(2, 1);
        assertThrows(DensityException.class, () -> g.replace(new float[]{1, Float.NaN, 0, 0}));
        assertThrows(DensityException.class, () -> g.replace(new float[]{1, -1, 0, 0}));
        assertTrue(g.isEmpty());
        assertFalse(g.canUndo(), "a rejected replace leaves no undo step");
    }

    @Test
    void splatPlacesPointsWhereTheyAre() {
        DensityGrid g = new DensityGrid(8, 4);
        int inside = g.splat(new float[]{2.5f, -2.5f, 100f, 0f}, 2, 1);
        assertEquals(1, inside);
        // (2.5, −2.5) is the centre of column 6, row 6.
        assertEquals(1f, g.get(6, 6), 1e-6);
        assertEquals(1.0, g.totalMass(), 1e-6);
    }
}
