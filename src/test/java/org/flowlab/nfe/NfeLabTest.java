package org.flowlab.nfe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.flow.GaussianTarget;
import org.flowlab.flow.LinearPath;
import org.flowlab.flow.VariancePreservingPath;
import org.flowlab.render.Frame;
import org.junit.jupiter.api.Test;

/** The NFE table on a closed-form field: each fixed-step solver's error falls at its order; the CSV; the chart. */
class NfeLabTest {

    static final int[] STEPS = {1, 2, 4, 8, 16, 32, 64, 128};
    static final double[] TOLERANCES = {1e-3, 1e-4, 1e-5, 1e-6};

    @Test
    void errorsFallAtEachSolversOrderOnTheExactGaussianField() {
        // The exact VP field toward N(μ, diag(s²)). (On the OT path's Gaussian field the midpoint rule's h² error
        // term cancels at t = 1 and it converges at order 3 — measured 3.0 from 8 steps on — so it would not test
        // the order it promises in general.)
        GaussianTarget g = new GaussianTarget(new VariancePreservingPath(0.1, 20), new double[]{1.5, -0.7},
                new double[]{0.6, 1.4});
        float[] target = new float[2 * 4000];
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 4000; i++) {
            target[2 * i] = (float) (g.mean(0, 1) + 0.6 * r.nextGaussian());
            target[2 * i + 1] = (float) (g.mean(1, 1) + 1.4 * r.nextGaussian());
        }
        List<NfeLab.Setting> settings = NfeLab.settings(List.of("euler", "midpoint", "heun", "rk4", "dopri5",
                "tsit5"), STEPS, TOLERANCES);
        assertEquals(4 * STEPS.length + 2 * TOLERANCES.length, settings.size());
        List<Integer> progress = new ArrayList<>();
        NfeLab.Result result = NfeLab.run("vp", g.field(), settings, 1000, 3, target,
                (done, total) -> progress.add(done));
        assertEquals(settings.size() + 1, progress.size(), "the reference, then every setting");
        Map<String, Integer> order = Map.of("euler", 1, "midpoint", 2, "heun", 2, "rk4", 4);
        for (var e : order.entrySet()) {
            // The asymptotic range: from 16 steps on, and above the reference's own error (≈ 1e-8).
            List<NfeLab.Row> asymptotic = result.rows().stream().filter(x -> x.setting().steps() >= 16).toList();
            double slope = NfeLab.slope(asymptotic, e.getKey(), 1e-7, 1);
            System.out.printf("NFE lab, Gaussian field: %s error ∝ NFE^%.2f%n", e.getKey(), slope);
            assertEquals(-e.getValue(), slope, 0.3, e.getKey());
            double previous = Double.POSITIVE_INFINITY;
            for (NfeLab.Row row : result.rows()) {
                if (row.setting().solver().equals(e.getKey()) && row.endpointError() > 1e-7) {
                    assertTrue(row.endpointError() < previous, "falls with NFE: " + row);
                    previous = row.endpointError();
                }
            }
        }
        for (NfeLab.Row row : result.rows()) {
            if (row.setting().adaptive()) {
                assertTrue(row.nfe() > 0 && row.endpointError() < 50 * row.setting().tolerance(), row.toString());
            } else {
                assertEquals(row.setting().steps() * Map.of("euler", 1, "midpoint", 2, "heun", 2, "rk4", 4)
                        .get(row.setting().solver()), row.nfe(), "NFE = steps × stages");
            }
        }
        // With 1000 particles against 4000 target points the sampling noise floor of SW₂ is ≈ 0.05: the accurate
        // solvers sit on it, one Euler step does not.
        assertTrue(result.referenceSw2() < 0.1, "reference SW₂ " + result.referenceSw2());
        assertTrue(result.rows().get(0).sw2() > 2 * result.referenceSw2(), "one Euler step " + result.rows().get(0));

        String csv = NfeLab.csv(List.of(result));
        String[] lines = csv.split("\n");
        assertEquals(NfeLab.CSV_HEADER, lines[0]);
        assertEquals(settings.size() + 1, lines.length);
        assertTrue(lines[4].startsWith("vp,euler,euler × 8,8,,8,"), lines[4]);
        assertTrue(lines[lines.length - 1].startsWith("vp,tsit5,tsit5 tol 1e-06,,1.00000e-06,"),
                lines[lines.length - 1]);

        GaussianTarget ot = new GaussianTarget(new LinearPath(), new double[]{1.5, -0.7}, new double[]{0.6, 1.4});
        NfeLab.Result straight = NfeLab.run("ot", ot.field(), NfeLab.settings(List.of("euler", "dopri5"),
                new int[]{4, 16}, new double[]{1e-4}), 300, 3, target, (d, t) -> { });
        Frame chart = NfeChart.render(List.of(result, straight), 1200, 480);
        assertEquals(1200, chart.width());
        int distinct = (int) java.util.Arrays.stream(chart.pixels()).distinct().count();
        assertTrue(distinct > 50, "lines, markers and text were drawn: " + distinct + " colours");
        if (System.getProperty("flowlab.test.keep") != null) {
            try {
                org.flowlab.render.PngWriter.write(chart, java.nio.file.Path.of(System.getProperty("flowlab.test.keep"),
                        "nfe-gaussian.png"));
            } catch (java.io.IOException ex) {
                throw new AssertionError(ex);
            }
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NfeLab.settings(List.of("rk45"), STEPS, TOLERANCES));
        assertThrows(IllegalArgumentException.class, () -> NfeLab.Setting.fixed("euler", 0));
        assertThrows(IllegalArgumentException.class, () -> NfeLab.Setting.adaptive("dopri5", -1));
        assertThrows(IllegalArgumentException.class, () -> NfeLab.Setting.fixed("dopri5", 4));
        assertThrows(IllegalArgumentException.class, () -> NfeLab.settings(List.of("dopri5"), STEPS, new double[0]));
    }
}
