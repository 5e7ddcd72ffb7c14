package org.flowlab.nfe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowlab.render.Frame;
import org.flowlab.render.LogLogChart;

/**
 * The NFE lab's picture: endpoint error (left) and SW₂ to the target (right, when measured) against NFE on
 * log–log axes. Colour = solver; line style = model; circles = fixed-step settings (one per step count), squares =
 * adaptive settings at the NFE they actually spent.
 */
public final class NfeChart {

    private static final Map<String, Integer> COLOURS = Map.of("euler", 0xE57373, "midpoint", 0xFFB74D,
            "heun", 0xFFF176, "rk4", 0x81C784, "dopri5", 0x4FC3F7, "tsit5", 0xBA68C8);
    private static final float[][] DASHES = {null, {10f, 6f}, {3f, 5f}, {12f, 5f, 3f, 5f}};

    private NfeChart() {
    }

    public static Frame render(List<NfeLab.Result> results, int width, int height) {
        List<LogLogChart.Series> errors = new ArrayList<>();
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
                errors.add(new LogLogChart.Series(label, colour, dash, marker, true, nfe, err));
                sw2.add(new LogLogChart.Series(label, colour, dash, marker, true, nfe, sw));
                for (double v : sw) {
                    anySw2 |= Double.isFinite(v);
                }
            }
        }
        List<LogLogChart.Panel> panels = new ArrayList<>();
        panels.add(new LogLogChart.Panel("endpoint error against the Dopri5 1e-8 reference", "NFE (network evaluations)",
                "E‖x₁ − x₁ʳᵉᶠ‖", errors));
        if (anySw2) {
            panels.add(new LogLogChart.Panel("sliced W₂ to the target", "NFE (network evaluations)", "SW₂", sw2));
        }
        return LogLogChart.render(panels, width, height);
    }
}
