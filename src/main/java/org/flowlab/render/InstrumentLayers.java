package org.flowlab.render;

/**
 * Draws the exact-field instruments of {@link SceneLayers.Instruments}: the error map and the probe (its
 * conditional paths, their velocities, their average and the network's prediction). Pure Java, no display.
 */
final class InstrumentLayers {

    /** Domain length of a velocity of 1 in the probe's arrows. */
    static final double PROBE_ARROW_SCALE = 0.5;

    private InstrumentLayers() {
    }

    static void errorMap(Frame f, Viewport v, SceneLayers.ErrorMap e) {
        FrameRenderer.heatmap(f, v, e.values(), e.opacity(), e.size(), e.halfWidth(), 0.9f);
    }

    /**
     * Each listed conditional path as a thin line x0 → x1 (opacity by its weight), its ends as dots, its
     * conditional velocity as a thin arrow from the probed point; then the average (bold, green) and the
     * network's prediction (bold, orange) from the point, and the point itself.
     */
    static void probe(Frame f, Viewport v, SceneLayers.ProbeSample p) {
        int m = p.weight().length;
        double maxW = 1e-12;
        for (float w : p.weight()) {
            maxW = Math.max(maxW, w);
        }
        for (int i = m - 1; i >= 0; i--) {
            float a = (float) (0.25 + 0.6 * p.weight()[i] / maxW);
            double ax = v.toPixelX(p.x0()[2 * i]);
            double ay = v.toPixelY(p.x0()[2 * i + 1]);
            double bx = v.toPixelX(p.x1()[2 * i]);
            double by = v.toPixelY(p.x1()[2 * i + 1]);
            FrameRenderer.line(f, ax, ay, bx, by, Colors.CONDITIONAL, 0.45f * a);
            FrameRenderer.disc(f, ax, ay, 2, 0xFFB0BEC5, a);
            FrameRenderer.disc(f, bx, by, 2.2, 0xFF4FC3F7, a);
            FrameRenderer.arrow(f, v, p.x(), p.y(), p.u()[2 * i] * PROBE_ARROW_SCALE,
                    p.u()[2 * i + 1] * PROBE_ARROW_SCALE, Colors.CONDITIONAL, a);
        }
        bold(f, v, p.x(), p.y(), p.ux(), p.uy(), Colors.EXACT_ARROW, 2);
        if (Double.isFinite(p.vx()) && Double.isFinite(p.vy())) {
            // Thinner and on top, so it stays visible where it agrees with the average.
            bold(f, v, p.x(), p.y(), p.vx(), p.vy(), Colors.NETWORK_ARROW, 1);
        }
        FrameRenderer.disc(f, v.toPixelX(p.x()), v.toPixelY(p.y()), 4, 0xFFFFFFFF, 1f);
    }

    /** A thick arrow: the arrow drawn at offsets within ±r pixels. */
    private static void bold(Frame f, Viewport v, double x, double y, double ux, double uy, int color, int r) {
        double px = 0.7 / v.scale();
        for (int dx = -r; dx <= r; dx++) {
            for (int dy = -r; dy <= r; dy++) {
                FrameRenderer.arrow(f, v, x + dx * px, y + dy * px, ux * PROBE_ARROW_SCALE, uy * PROBE_ARROW_SCALE,
                        color, 1f);
            }
        }
    }
}
