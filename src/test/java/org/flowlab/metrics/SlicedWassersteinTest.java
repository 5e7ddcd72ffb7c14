package org.flowlab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlicedWassersteinTest {

    private static float[] gaussian(int n, double mx, double my, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[2 * n];
        for (int i = 0; i < n; i++) {
            p[2 * i] = (float) (mx + r.nextGaussian());
            p[2 * i + 1] = (float) (my + r.nextGaussian());
        }
        return p;
    }

    @Test
    void zeroForIdenticalSets() {
        float[] a = gaussian(1000, 0, 0, 1);
        assertEquals(0.0, SlicedWasserstein.distance(a, a.clone()), 0.0);
    }

    @Test
    void translationByDGivesDOverRootTwo() {
        // Shifting by d along x moves every projection by d·cos θ: SW₂ = d·√E[cos²θ] = d/√2.
        float[] a = gaussian(4000, 0, 0, 1);
        float[] b = a.clone();
        for (int i = 0; i < 4000; i++) {
            b[2 * i] += 2f;
        }
        assertEquals(2 / Math.sqrt(2), SlicedWasserstein.distance(a, b, 1024, 3), 0.05);
    }

    @Test
    void separatesDifferentDistributionsFromTheNoiseFloor() {
        double floor = SlicedWasserstein.distance(gaussian(2000, 0, 0, 1), gaussian(2000, 0, 0, 2));
        double shifted = SlicedWasserstein.distance(gaussian(2000, 0, 0, 1), gaussian(2000, 0.5, 0, 2));
        // Shift 0.5 along x: SW₂ = 0.5/√2 ≈ 0.354; the 2000-point floor measures ≈ 0.064.
        assertTrue(floor < 0.1, "floor " + floor);
        assertEquals(0.354, shifted, 0.08);
        assertTrue(shifted > 3 * floor, "shifted " + shifted + " floor " + floor);
        assertEquals(floor, SlicedWasserstein.distance(gaussian(2000, 0, 0, 1), gaussian(2000, 0, 0, 2)), 0.0,
                "deterministic");
        assertThrows(IllegalArgumentException.class, () -> SlicedWasserstein.distance(new float[0], new float[2]));
    }
}
