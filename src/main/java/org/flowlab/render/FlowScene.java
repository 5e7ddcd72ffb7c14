package org.flowlab.render;

import org.flowlab.ode.Trajectory;

/**
 * Composes {@link SceneLayers} into a {@link Frame}: background grid, target underlay, trails, conditional
 * paths, field arrows, particles. The static part (background and underlay) is cached and reused while the
 * frame size, domain and target stay the same, so a frame costs one array copy plus the particles.
 * One instance per consumer (screen, exporter); not thread-safe.
 */
public final class FlowScene {

    /** Particles whose trails are drawn at most (trails cost ≈ 12 line segments each). */
    static final int MAX_TRAILS = 1500;
    /** How far back in t a trail reaches. */
    static final double TRAIL_SPAN = 0.2;
    static final int TRAIL_SEGMENTS = 12;
    public static final int PARTICLE_COLOR = 0xFFF2B134;

    private final double halfWidth;
    private int[] staticLayer;
    private int cachedW = -1;
    private int cachedH = -1;
    private float[] cachedMass;
    private SceneLayers.Heatmap cachedHeatmap;
    private SceneLayers.ErrorMap cachedErrorMap;
    private float[] scratch = new float[0];
    private float[] trailA = new float[0];
    private float[] trailB = new float[0];
    private float[] warpScratch = new float[0];

    public FlowScene(double halfWidth) {
        this.halfWidth = halfWidth;
    }

    public double halfWidth() {
        return halfWidth;
    }

    /**
     * Layers bottom to top: background, error map and target, exact then learned field arrows, the warped grid,
     * trails, particles, conditional pairs, the probe, traced particles and their speed inset.
     */
    public void render(Frame f, SceneLayers s) {
        Viewport v = new Viewport(f.width(), f.height(), halfWidth);
        drawStatic(f, v, s);
        SceneLayers.Instruments ins = s.instruments();
        SceneLayers.FieldSample exact = ins == null ? null : ins.exactField();
        double maxLen = Math.max(maxLength(s.field()), maxLength(exact));
        if (exact != null) {
            arrows(f, v, exact, maxLen, Colors.EXACT_ARROW, 0.35f, 0.5f);
        }
        if (s.field() != null) {
            arrows(f, v, s.field(), maxLen, Colors.LEARNED_ARROW, 0.2f, 0.35f);
        }
        if (ins != null && ins.warpedGrid() != null) {
            int len = 2 * ins.warpedGrid().points().particles();
            if (warpScratch.length != len) {
                warpScratch = new float[len];
            }
            LessonLayers.warpedGrid(f, v, ins.warpedGrid(), s.t(), warpScratch);
        }
        SceneLayers.GuidanceFields g = ins == null ? null : ins.guidance();
        if (g != null) {
            double m = Math.max(maxLength(g.unconditional()), Math.max(maxLength(g.conditional()),
                    maxLength(g.guided())));
            arrows(f, v, g.unconditional(), m, Colors.UNCONDITIONAL_ARROW, 0.35f, 0.5f);
            arrows(f, v, g.conditional(), m, Colors.CONDITIONAL_ARROW, 0.35f, 0.5f);
            arrows(f, v, g.guided(), m, Colors.GUIDED_ARROW, 0.45f, 0.5f);
        }
        Trajectory tr = s.trajectory();
        if (tr != null) {
            if (s.trails()) {
                trails(f, v, tr, s.t(), s.colors());
            }
            int n = tr.particles();
            float[] pos = positions(tr, s.t());
            FrameRenderer.particles(f, v, pos, n, s.colors(), PARTICLE_COLOR, s.particleRadius(),
                    n > 20_000 ? 0.75f : 0.9f);
        }
        if (s.pairs() != null) {
            pairs(f, v, s.pairs(), s.t());
        }
        if (ins != null && ins.probe() != null) {
            InstrumentLayers.probe(f, v, ins.probe());
        }
        if (tr != null && ins != null && ins.traced() != null && ins.traced().length > 0) {
            LessonLayers.traces(f, v, tr, ins.traced(), s.t());
            LessonLayers.speedInset(f, tr, ins.traced(), s.t());
        }
    }

    /** Particle positions at t (a reused buffer). */
    private float[] positions(Trajectory tr, double t) {
        int len = tr.particles() * 2;
        if (scratch.length != len) {
            scratch = new float[len];
        }
        tr.interpolate(t, scratch);
        return scratch;
    }

    private void drawStatic(Frame f, Viewport v, SceneLayers s) {
        boolean valid = staticLayer != null && cachedW == f.width() && cachedH == f.height()
                && cachedMass == s.targetMass() && cachedHeatmap == s.heatmap() && cachedErrorMap == errorMap(s);
        if (!valid) {
            FrameRenderer.background(f, v);
            if (s.heatmap() != null) {
                SceneLayers.Heatmap h = s.heatmap();
                FrameRenderer.heatmap(f, v, h.values(), h.size(), h.halfWidth(), 0.92f);
            }
            if (errorMap(s) != null) {
                InstrumentLayers.errorMap(f, v, errorMap(s));
            }
            SceneLayers.ClassLayers classes = s.instruments() == null ? null : s.instruments().classes();
            if (s.targetMass() != null && classes != null) {
                for (int k = 0; k < classes.layers().length; k++) {
                    FrameRenderer.densityUnderlay(f, v, classes.layers()[k], s.targetSize(), s.targetHalfWidth(),
                            0xFF000000 | classes.rgb()[k], 0.7f);
                }
            } else if (s.targetMass() != null) {
                FrameRenderer.densityUnderlay(f, v, s.targetMass(), s.targetSize(), s.targetHalfWidth(),
                        Colors.TARGET_TINT, 0.55f);
            }
            staticLayer = f.pixels().clone();
            cachedW = f.width();
            cachedH = f.height();
            cachedMass = s.targetMass();
            cachedHeatmap = s.heatmap();
            cachedErrorMap = errorMap(s);
            return;
        }
        System.arraycopy(staticLayer, 0, f.pixels(), 0, staticLayer.length);
    }

    private void trails(Frame f, Viewport v, Trajectory tr, double t, int[] colors) {
        int n = tr.particles();
        int stride = Math.max(1, n / MAX_TRAILS);
        double forward = Math.signum(tr.endTime() - tr.startTime());
        if (trailA.length != 2 * n) {
            trailA = new float[2 * n];
            trailB = new float[2 * n];
        }
        float[] prev = trailA;
        float[] cur = trailB;
        double t0 = t - forward * TRAIL_SPAN;
        tr.interpolate(t0, prev);
        for (int k = 1; k <= TRAIL_SEGMENTS; k++) {
            tr.interpolate(t0 + forward * TRAIL_SPAN * k / TRAIL_SEGMENTS, cur);
            float alpha = 0.45f * k / TRAIL_SEGMENTS;
            for (int i = 0; i < n; i += stride) {
                int c = colors == null ? PARTICLE_COLOR : colors[i];
                FrameRenderer.line(f, v.toPixelX(prev[2 * i]), v.toPixelY(prev[2 * i + 1]),
                        v.toPixelX(cur[2 * i]), v.toPixelY(cur[2 * i + 1]), c, alpha);
            }
            float[] swap = prev;
            prev = cur;
            cur = swap;
        }
    }

    private static void pairs(Frame f, Viewport v, SceneLayers.PairSample p, double t) {
        int m = p.x0().length / 2;
        for (int i = 0; i < m; i++) {
            double ax = p.x0()[2 * i];
            double ay = p.x0()[2 * i + 1];
            double bx = p.x1()[2 * i];
            double by = p.x1()[2 * i + 1];
            FrameRenderer.line(f, v.toPixelX(ax), v.toPixelY(ay), v.toPixelX(bx), v.toPixelY(by), 0xFFFFFFFF, 0.7f);
            FrameRenderer.disc(f, v.toPixelX(ax), v.toPixelY(ay), 2.5, 0xFFB0BEC5, 0.9f);
            FrameRenderer.disc(f, v.toPixelX(bx), v.toPixelY(by), 2.5, 0xFF4FC3F7, 0.95f);
            FrameRenderer.disc(f, v.toPixelX((1 - t) * ax + t * bx), v.toPixelY((1 - t) * ay + t * by), 3.5,
                    0xFFFFFFFF, 0.95f);
        }
    }

    private static SceneLayers.ErrorMap errorMap(SceneLayers s) {
        return s.instruments() == null ? null : s.instruments().errorMap();
    }

    /** The longest vector of a field sample (1e-9 for none). */
    private static double maxLength(SceneLayers.FieldSample fs) {
        double maxLen = 1e-9;
        if (fs != null) {
            for (int i = 0; i < fs.vectors().length / 2; i++) {
                maxLen = Math.max(maxLen, Math.hypot(fs.vectors()[2 * i], fs.vectors()[2 * i + 1]));
            }
        }
        return maxLen;
    }

    /**
     * Arrows scaled so a vector of length maxLen spans 0.9 grid cells (one scale for the learned and the exact
     * field, so their lengths compare); direction exact; opacity base + gain·|v|/maxLen.
     */
    private static void arrows(Frame f, Viewport v, SceneLayers.FieldSample fs, double maxLen, int color,
                               float base, float gain) {
        int m = fs.positions().length / 2;
        if (m == 0) {
            return;
        }
        double spacing = 2 * v.halfWidth() / Math.sqrt(m);
        double scale = 0.9 * spacing / maxLen;
        for (int i = 0; i < m; i++) {
            double vx = fs.vectors()[2 * i];
            double vy = fs.vectors()[2 * i + 1];
            float strength = (float) (base + gain * Math.hypot(vx, vy) / maxLen);
            FrameRenderer.arrow(f, v, fs.positions()[2 * i], fs.positions()[2 * i + 1], vx * scale, vy * scale,
                    color, strength);
        }
    }
}
