package org.flowlab.nfe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowlab.render.Frame;
import org.flowlab.render.LogLogChart;

/**
 * The NFE lab's picture: endpoint error (left) and SW₂ to the target (right, when measured) against NFE on
 * log–log axes. Colour = solver; line style = model (the legend lists both once); circles = fixed-step settings
 * (one per step count), squares = adaptive settings at the NFE they actually spent.
 */
public final class NfeChart {

    private static final Map<String, Integer> COLOURS = Map.of("euler", 0xE57373, "midpoint", 0xFFB74D,
            "heun", 0xFFF176, "rk4", 0x81C784, "dopri5", 0x4FC3F7, "tsit5", 0xBA68C8);
    private static final float[][] DASHES = {null, {10f, 6f}, {2f, 4f}, {12f, 5f, 2f, 5f}, {5f, 5f},
            {16f, 4f, 2f, 4f, 2f, 4f}};
    private static final int MODEL_GREY = 0xB0B4BE;

    private NfeChart() {
    }

    /** @param plotHeight the panels' height; the legend goes below */
    public static Frame render(List<NfeLab.Result> results, int width, int plotHeight) {
        List<LogLogChart.Series> errors = new ArrayList<>();
        List<LogLogChart.Series> legend = new ArrayList<>();
        List<String> legendSolvers = new ArrayList<>();
        List<LogLogChart.Series> sw2 = new ArrayList<>();
        boolean anySw2 = false;
        for (int m = 0; m < results.size(); m++) {
            NfeLab.Result r = results.get(m);
            float[] dash = DASHES[m % DASHES.length];
            List<String> solvers = new ArrayList<>();
            for (NfeLab.Row row : r.rows()) {
                if (!solvers.contains(row.setting().solver())) {
                    solvers.add(row.setting().solver());
                }
            }
            for (String solver : solvers) {
                List<NfeLab.Row> rows = r.rows().stream().filter(x -> x.setting().solver().equals(solver)).toList();
                double[] nfe = rows.stream().mapToDouble(NfeLab.Row::nfe).toArray();
                double[] err = rows.stream().mapToDouble(NfeLab.Row::endpointError).toArray();
                double[] sw = rows.stream().mapToDouble(NfeLab.Row::sw2).toArray();
                boolean adaptive = rows.get(0).setting().adaptive();
                LogLogChart.Marker marker = adaptive ? LogLogChart.Marker.SQUARE : LogLogChart.Marker.CIRCLE;
                String label = (results.size() > 1 ? r.model() + " · " : "") + solver;
                int colour = COLOURS.getOrDefault(solver, 0xCCCCCC);
                if (!legendSolvers.contains(solver)) {
                    legendSolvers.add(solver);
                    legend.add(new LogLogChart.Series(solver + (adaptive ? " (adaptive: actual NFE)" : ""), colour,
                            null, marker, true, new double[0], new double[0]));
                }
                errors.add(new LogLogChart.Series(label, colour, dash, marker, true, nfe, err));
                sw2.add(new LogLogChart.Series(label, colour, dash, marker, true, nfe, sw));
                for (double v : sw) {
                    anySw2 |= Double.isFinite(v);
                }
            }
        }
        if (results.size() > 1) {
            for (int m = 0; m < results.size(); m++) {
                legend.add(new LogLogChart.Series(results.get(m).model(), MODEL_GREY, DASHES[m % DASHES.length], null,
                        true, new double[0], new double[0]));
            }
        }
        List<LogLogChart.Panel> panels = new ArrayList<>();
        panels.add(new LogLogChart.Panel("endpoint error against the Dopri5 1e-8 reference", "NFE (network evaluations)",
                "E‖x₁ − x₁ʳᵉᶠ‖", errors));
        if (anySw2) {
            panels.add(new LogLogChart.Panel("sliced W₂ to the target", "NFE (network evaluations)", "SW₂", sw2));
        }
        return LogLogChart.render(panels, legend, width, plotHeight);
    }
}
