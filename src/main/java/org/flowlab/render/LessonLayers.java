package org.flowlab.render;

import org.flowlab.ode.Trajectory;

/**
 * Draws the lesson instruments: traced particles (whole path, x0, x1, velocity at t, and a speed-over-t inset) and
 * the warped grid φ_t(grid). Pure Java, no display.
 */
public final class LessonLayers {

    /** Colours of traced particles, in pin order (repeating). */
    static final int[] TRACE_COLORS = {0xFFFFFFFF, 0xFFFF5CCB, 0xFF9BE15D, 0xFF4FC3F7, 0xFFFFA24C, 0xFFC9A2FF};
    /** Vertices per recorded segment of a traced path (the segment's start at s = 0, 1/4, 1/2, 3/4). */
    static final int SUBDIVISIONS = 4;
    /** Domain length of a velocity of 1 in the traced particles' arrows. */
    static final double VELOCITY_ARROW_SCALE = 0.25;
    static final int WARP_COLOR = 0xFF8FA7C4;

    private LessonLayers() {
    }

    /** The colour of the k-th traced particle. */
    public static int traceColor(int k) {
        return TRACE_COLORS[k % TRACE_COLORS.length];
    }

    /**
     * The polyline drawn for particle i: the dense output at every recorded time and {@value #SUBDIVISIONS} − 1
     * points between each two, in the direction of integration, as [m × 2] domain points. At a recorded time the
     * vertex is the recorded state itself (the Hermite weights there are 1, 0, 0, 0).
     */
    public static float[] tracePath(Trajectory tr, int i) {
        int segments = tr.points() - 1;
        int m = segments * SUBDIVISIONS + 1;
        float[] path = new float[2 * m];
        float[] p = new float[2];
        for (int k = 0; k < segments; k++) {
            for (int j = 0; j < SUBDIVISIONS; j++) {
                double t = j == 0 ? tr.time(k) : tr.time(k) + (tr.time(k + 1) - tr.time(k)) * j / SUBDIVISIONS;
                tr.particle(t, i, p);
                path[2 * (k * SUBDIVISIONS + j)] = p[0];
                path[2 * (k * SUBDIVISIONS + j) + 1] = p[1];
            }
        }
        tr.particle(tr.endTime(), i, p);
        path[2 * (m - 1)] = p[0];
        path[2 * (m - 1) + 1] = p[1];
        return path;
    }

    /** Speeds |dx_i/dt| at {@code m} evenly spaced times from the start to the end of the trajectory. */
    public static float[] speedProfile(Trajectory tr, int i, int m) {
        float[] speeds = new float[m];
        float[] v = new float[2];
        for (int k = 0; k < m; k++) {
            double t = tr.startTime() + (tr.endTime() - tr.startTime()) * k / Math.max(1, m - 1);
            tr.velocity(t, i, v);
            speeds[k] = (float) Math.hypot(v[0], v[1]);
        }
        return speeds;
    }

    /** Each traced particle's path, its x0 (grey ring) and x1 (filled), its position and velocity at t. */
    static void traces(Frame f, Viewport v, Trajectory tr, int[] traced, double t) {
        float[] p = new float[2];
        float[] vel = new float[2];
        for (int k = 0; k < traced.length; k++) {
            int i = traced[k];
            if (i < 0 || i >= tr.particles()) {
                continue;
            }
            int color = traceColor(k);
            float[] path = tracePath(tr, i);
            int m = path.length / 2;
            for (int j = 1; j < m; j++) {
                FrameRenderer.line(f, v.toPixelX(path[2 * j - 2]), v.toPixelY(path[2 * j - 1]),
                        v.toPixelX(path[2 * j]), v.toPixelY(path[2 * j + 1]), color, 0.85f);
            }
            double sx = v.toPixelX(path[0]);
            double sy = v.toPixelY(path[1]);
            FrameRenderer.disc(f, sx, sy, 4.5, 0xFF9AA3B5, 0.9f);
            FrameRenderer.disc(f, sx, sy, 2.5, 0xFF181A20, 1f);
            FrameRenderer.disc(f, v.toPixelX(path[2 * m - 2]), v.toPixelY(path[2 * m - 1]), 4, color, 0.95f);
            tr.particle(t, i, p);
            tr.velocity(t, i, vel);
            for (int dx = -1; dx <= 1; dx++) {
                double off = 0.6 * dx / v.scale();
                FrameRenderer.arrow(f, v, p[0] + off, p[1] + off, vel[0] * VELOCITY_ARROW_SCALE,
                        vel[1] * VELOCITY_ARROW_SCALE, color, 1f);
            }
            FrameRenderer.disc(f, v.toPixelX(p[0]), v.toPixelY(p[1]), 3.5, color, 1f);
        }
    }

    /**
     * The speed profiles |v| over t of the traced particles in a small chart at the top right (time left to right
     * from t = 0, a common speed scale, a marker at the current t).
     */
    static void speedInset(Frame f, Trajectory tr, int[] traced, double t) {
        int w = Math.max(120, Math.min(260, f.width() / 5));
        int h = Math.max(60, w / 2);
        int x0 = f.width() - w - 10;
        int y0 = 10;
        if (x0 < 0 || f.height() < h + 20) {
            return;
        }
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                f.blend(x, y, 0xFF101218, 0.8f);
            }
        }
        int m = 64;
        float[][] profiles = new float[traced.length][];
        double max = 1e-9;
        for (int k = 0; k < traced.length; k++) {
            if (traced[k] >= 0 && traced[k] < tr.particles()) {
                profiles[k] = speedProfile(tr, traced[k], m);
                for (float s : profiles[k]) {
                    max = Math.max(max, s);
                }
            }
        }
        double lo = Math.min(tr.startTime(), tr.endTime());
        double hi = Math.max(tr.startTime(), tr.endTime());
        for (int k = 0; k < traced.length; k++) {
            if (profiles[k] == null) {
                continue;
            }
            for (int j = 1; j < m; j++) {
                double ta = tr.startTime() + (tr.endTime() - tr.startTime()) * (j - 1) / (m - 1);
                double tb = tr.startTime() + (tr.endTime() - tr.startTime()) * j / (m - 1);
                FrameRenderer.line(f, x0 + 4 + (w - 8) * (ta - lo) / (hi - lo), y0 + h - 4 - (h - 8)
                                * profiles[k][j - 1] / max, x0 + 4 + (w - 8) * (tb - lo) / (hi - lo),
                        y0 + h - 4 - (h - 8) * profiles[k][j] / max, traceColor(k), 0.95f);
            }
        }
        double mx = x0 + 4 + (w - 8) * (Math.max(lo, Math.min(hi, t)) - lo) / (hi - lo);
        FrameRenderer.line(f, mx, y0 + 2, mx, y0 + h - 2, 0xFFF2B134, 0.8f);
    }

    /** The grid lines carried to t: each line a polyline through its points at t. */
    static void warpedGrid(Frame f, Viewport v, SceneLayers.WarpedGrid g, double t, float[] scratch) {
        Trajectory tr = g.points();
        tr.interpolate(t, scratch);
        int per = g.pointsPerLine();
        for (int l = 0; l < g.lines(); l++) {
            for (int j = 1; j < per; j++) {
                int a = l * per + j - 1;
                int b = a + 1;
                FrameRenderer.line(f, v.toPixelX(scratch[2 * a]), v.toPixelY(scratch[2 * a + 1]),
                        v.toPixelX(scratch[2 * b]), v.toPixelY(scratch[2 * b + 1]), WARP_COLOR, 0.55f);
            }
        }
    }
}
