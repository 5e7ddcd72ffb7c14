package org.flowlab.render;

/** Colour arithmetic on packed ARGB ints. */
public final class Colors {

    public static final int BACKGROUND = 0xFF14161C;
    public static final int GRID_LINE = 0xFF23262F;
    public static final int TARGET_TINT = 0xFF3FA7D6;
    /** The learned field's arrows. */
    public static final int LEARNED_ARROW = 0xFFCFD8DC;
    /** The exact marginal field's arrows and the probe's average: green, apart from the learned grey. */
    public static final int EXACT_ARROW = 0xFF5BE38A;
    /** The network's prediction at the probe. */
    public static final int NETWORK_ARROW = 0xFFFF7043;
    /** The probe's conditional paths and velocities. */
    public static final int CONDITIONAL = 0xFFB3C7F7;
    /** Guidance overlay: the unconditional (null-class) field, grey. */
    public static final int UNCONDITIONAL_ARROW = 0xFFB0BEC5;
    /** Guidance overlay: the plain conditional field v(x, t, y), light blue. */
    public static final int CONDITIONAL_ARROW = 0xFF4FC3F7;
    /** Guidance overlay: the guided field, amber. */
    public static final int GUIDED_ARROW = 0xFFFFB300;

    private Colors() {
    }

    public static int argb(int r, int g, int b) {
        return 0xFF000000 | (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** src over dst with opacity a ∈ [0, 1]; the result is opaque. */
    public static int over(int dst, int src, float a) {
        if (a <= 0) {
            return dst;
        }
        if (a >= 1) {
            return 0xFF000000 | src;
        }
        int dr = (dst >> 16) & 0xFF;
        int dg = (dst >> 8) & 0xFF;
        int db = dst & 0xFF;
        int sr = (src >> 16) & 0xFF;
        int sg = (src >> 8) & 0xFF;
        int sb = src & 0xFF;
        int r = (int) (dr + (sr - dr) * a + 0.5f);
        int g = (int) (dg + (sg - dg) * a + 0.5f);
        int b = (int) (db + (sb - db) * a + 0.5f);
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }

    /** HSV (h in turns, s and v in [0, 1]) to opaque ARGB. */
    public static int hsv(double h, double s, double v) {
        h = h - Math.floor(h);
        double c = v * s;
        double hp = h * 6;
        double x = c * (1 - Math.abs(hp % 2 - 1));
        double r;
        double g;
        double b;
        switch ((int) hp) {
            case 0 -> { r = c; g = x; b = 0; }
            case 1 -> { r = x; g = c; b = 0; }
            case 2 -> { r = 0; g = c; b = x; }
            case 3 -> { r = 0; g = x; b = c; }
            case 4 -> { r = x; g = 0; b = c; }
            default -> { r = c; g = 0; b = x; }
        }
        double m = v - c;
        return argb((int) Math.round((r + m) * 255), (int) Math.round((g + m) * 255), (int) Math.round((b + m) * 255));
    }

    /**
     * Colours that encode where each particle started: hue = angle of x0, saturation grows with |x0|,
     * so mixing under the flow is visible. xy is [n × 2].
     */
    public static int[] byStartPosition(float[] xy, int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            double x = xy[2 * i];
            double y = xy[2 * i + 1];
            double h = (Math.atan2(y, x) / (2 * Math.PI)) + 0.5;
            double r = Math.min(1, Math.hypot(x, y) / 2.5);
            c[i] = hsv(h, 0.35 + 0.6 * r, 0.98);
        }
        return c;
    }
}
