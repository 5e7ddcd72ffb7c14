package org.flowlab.render;

import org.flowlab.density.DensityGrid;

/**
 * Draws FlowLab's layers into a {@link Frame}: background and axes, a target-density underlay,
 * particles as soft dots, trails and arrows. Pure Java, no display: the screen and every exporter use it.
 */
public final class FrameRenderer {

    private FrameRenderer() {
    }

    /** Background plus faint lines at every integer coordinate and brighter axes. */
    public static void background(Frame f, Viewport v) {
        f.fill(Colors.BACKGROUND);
        int lo = (int) Math.ceil(-v.halfWidth());
        int hi = (int) Math.floor(v.halfWidth());
        for (int k = lo; k <= hi; k++) {
            int px = (int) Math.round(v.toPixelX(k));
            int py = (int) Math.round(v.toPixelY(k));
            int color = k == 0 ? 0xFF343844 : Colors.GRID_LINE;
            for (int y = (int) v.offsetY(); y < v.offsetY() + v.scale() * 2 * v.halfWidth(); y++) {
                f.blend(px, y, color, 1f);
            }
            for (int x = (int) v.offsetX(); x < v.offsetX() + v.scale() * 2 * v.halfWidth(); x++) {
                f.blend(x, py, color, 1f);
            }
        }
    }

    /**
     * Tints pixels by a grid's mass (max-normalised, square-root for contrast). The grid's domain need not
     * equal the viewport's; pixels outside it stay untouched.
     */
    public static void densityUnderlay(Frame f, Viewport v, float[] mass, int size, double gridHalfWidth,
                                       int tint, float opacity) {
        float max = 0;
        for (float m : mass) {
            max = Math.max(max, m);
        }
        if (!(max > 0)) {
            return;
        }
        float peak = max;
        forEachGridPixel(f, v, size, gridHalfWidth, (px, py, cell) -> {
            float m = mass[cell];
            if (m > 0) {
                f.blend(px, py, tint, opacity * (float) Math.sqrt(m / peak));
            }
        });
    }

    /**
     * A heatmap of values in [0, 1] (nearest cell) with a perceptual dark-to-bright map (black, purple, red,
     * orange, yellow), blended at {@code opacity}.
     */
    public static void heatmap(Frame f, Viewport v, float[] values, int size, double gridHalfWidth, float opacity) {
        forEachGridPixel(f, v, size, gridHalfWidth,
                (px, py, cell) -> f.blend(px, py, inferno(values[cell]), opacity));
    }

    /** {@link #heatmap} with an opacity per cell (× {@code opacity}). */
    public static void heatmap(Frame f, Viewport v, float[] values, float[] cellOpacity, int size,
                               double gridHalfWidth, float opacity) {
        forEachGridPixel(f, v, size, gridHalfWidth,
                (px, py, cell) -> f.blend(px, py, inferno(values[cell]), opacity * cellOpacity[cell]));
    }

    /** Receives one frame pixel and the index (row × size + col) of the grid cell its centre lies in. */
    @FunctionalInterface
    private interface GridPixel {
        void at(int px, int py, int cell);
    }

    /**
     * Visits every frame pixel whose centre lies in the size × size grid over [−gridHalfWidth, gridHalfWidth]²
     * (row 0 at the top), row by row, with the cell it falls into (nearest cell, no interpolation).
     */
    private static void forEachGridPixel(Frame f, Viewport v, int size, double gridHalfWidth, GridPixel visit) {
        double cell = 2 * gridHalfWidth / size;
        int x0 = Math.max(0, (int) Math.floor(v.toPixelX(-gridHalfWidth)));
        int x1 = Math.min(f.width(), (int) Math.ceil(v.toPixelX(gridHalfWidth)));
        int y0 = Math.max(0, (int) Math.floor(v.toPixelY(gridHalfWidth)));
        int y1 = Math.min(f.height(), (int) Math.ceil(v.toPixelY(-gridHalfWidth)));
        int[] cols = new int[Math.max(0, x1 - x0)];
        for (int px = x0; px < x1; px++) {
            int col = (int) Math.floor((v.toDomainX(px + 0.5) + gridHalfWidth) / cell);
            cols[px - x0] = col < 0 || col >= size ? -1 : col;
        }
        for (int py = y0; py < y1; py++) {
            int row = (int) Math.floor((gridHalfWidth - v.toDomainY(py + 0.5)) / cell);
            if (row < 0 || row >= size) {
                continue;
            }
            for (int px = x0; px < x1; px++) {
                int col = cols[px - x0];
                if (col >= 0) {
                    visit.at(px, py, row * size + col);
                }
            }
        }
    }

    private static final int[] INFERNO = {0xFF000004, 0xFF1B0C41, 0xFF4A0C6B, 0xFF781C6D, 0xFFA52C60, 0xFFCF4446,
            0xFFED6925, 0xFFFB9B06, 0xFFF7D13D, 0xFFFCFFA4};

    /** Piecewise-linear approximation of matplotlib's "inferno" at u ∈ [0, 1]. */
    static int inferno(float u) {
        float x = Math.max(0, Math.min(1, u)) * (INFERNO.length - 1);
        int i = Math.min(INFERNO.length - 2, (int) x);
        float a = x - i;
        int c0 = INFERNO[i];
        int c1 = INFERNO[i + 1];
        return Colors.over(c0, c1 & 0xFFFFFF, a);
    }

    public static void densityUnderlay(Frame f, Viewport v, DensityGrid grid, int tint, float opacity) {
        densityUnderlay(f, v, grid.copyMass(), grid.size(), grid.halfWidth(), tint, opacity);
    }

    /**
     * Particles as antialiased dots of the given radius in pixels (radius ≤ 1.5 uses a 2×2 bilinear splat,
     * the fast path for 50k particles). {@code colors} may be null for one colour.
     */
    public static void particles(Frame f, Viewport v, float[] xy, int n, int[] colors, int color, double radius,
                                 float opacity) {
        double s = v.scale();
        double ox = v.offsetX() + v.halfWidth() * s;
        double oy = v.offsetY() + v.halfWidth() * s;
        boolean small = radius <= 1.5;
        for (int i = 0; i < n; i++) {
            double px = ox + xy[2 * i] * s - 0.5;
            double py = oy - xy[2 * i + 1] * s - 0.5;
            if (!(px > -radius - 1 && py > -radius - 1 && px < f.width() + radius && py < f.height() + radius)) {
                continue;
            }
            int c = colors == null ? color : colors[i];
            if (small) {
                int ix = (int) Math.floor(px);
                int iy = (int) Math.floor(py);
                float fx = (float) (px - ix);
                float fy = (float) (py - iy);
                float a = opacity * (float) Math.min(1.0, radius * radius * 1.6);
                f.blend(ix, iy, c, a * (1 - fx) * (1 - fy) * 1.6f);
                f.blend(ix + 1, iy, c, a * fx * (1 - fy) * 1.6f);
                f.blend(ix, iy + 1, c, a * (1 - fx) * fy * 1.6f);
                f.blend(ix + 1, iy + 1, c, a * fx * fy * 1.6f);
            } else {
                disc(f, px + 0.5, py + 0.5, radius, c, opacity);
            }
        }
    }

    /** An antialiased filled disc centred at pixel coordinates (cx, cy). */
    public static void disc(Frame f, double cx, double cy, double r, int color, float opacity) {
        int x0 = (int) Math.floor(cx - r - 1);
        int x1 = (int) Math.ceil(cx + r + 1);
        int y0 = (int) Math.floor(cy - r - 1);
        int y1 = (int) Math.ceil(cy + r + 1);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                double cover = Math.max(0, Math.min(1, r + 0.5 - d));
                if (cover > 0) {
                    f.blend(x, y, color, (float) (opacity * cover));
                }
            }
        }
    }

    /** An antialiased line (Xiaolin Wu style, by sampling) between pixel coordinates. */
    public static void line(Frame f, double x0, double y0, double x1, double y1, int color, float opacity) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(len * 1.5));
        float a = opacity / 1.5f;
        for (int k = 0; k <= steps; k++) {
            double t = (double) k / steps;
            double px = x0 + t * (x1 - x0) - 0.5;
            double py = y0 + t * (y1 - y0) - 0.5;
            int ix = (int) Math.floor(px);
            int iy = (int) Math.floor(py);
            float fx = (float) (px - ix);
            float fy = (float) (py - iy);
            f.blend(ix, iy, color, a * (1 - fx) * (1 - fy));
            f.blend(ix + 1, iy, color, a * fx * (1 - fy));
            f.blend(ix, iy + 1, color, a * (1 - fx) * fy);
            f.blend(ix + 1, iy + 1, color, a * fx * fy);
        }
    }

    /** An arrow from domain point (x, y) along (dx, dy) in domain units. */
    public static void arrow(Frame f, Viewport v, double x, double y, double dx, double dy, int color,
                             float opacity) {
        double px0 = v.toPixelX(x);
        double py0 = v.toPixelY(y);
        double px1 = v.toPixelX(x + dx);
        double py1 = v.toPixelY(y + dy);
        line(f, px0, py0, px1, py1, color, opacity);
        double len = Math.hypot(px1 - px0, py1 - py0);
        if (len < 3) {
            return;
        }
        double ux = (px1 - px0) / len;
        double uy = (py1 - py0) / len;
        double head = Math.min(6, len * 0.35);
        line(f, px1, py1, px1 - head * (ux - 0.5 * uy), py1 - head * (uy + 0.5 * ux), color, opacity);
        line(f, px1, py1, px1 - head * (ux + 0.5 * uy), py1 - head * (uy - 0.5 * ux), color, opacity);
    }
}
