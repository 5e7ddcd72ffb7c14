package org.flowlab.export;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flowlab.render.FlowScene;
import org.flowlab.render.Frame;
import org.flowlab.render.SceneLayers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the frames of an animation with the same {@link FlowScene} the screen uses and feeds them to a
 * {@link FrameSink}. Deterministic: the same source and settings give the same pixels.
 */
public final class Animator {

    private static final Logger LOG = LoggerFactory.getLogger(Animator.class);

    private static final java.util.concurrent.atomic.AtomicBoolean CAPTION_FAILURE_LOGGED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Progress and cancellation, polled once per frame. */
    public interface Progress {
        void update(int done, int total);

        default boolean isCancelled() {
            return false;
        }

        Progress NONE = (done, total) -> { };
    }

    private Animator() {
    }

    /**
     * Writes every frame. Rendering runs one frame ahead on a helper thread while the sink encodes the current
     * one (double buffering), so on two cores a frame costs max(render, encode) rather than their sum. On
     * cancellation or failure the sink is aborted (no partial file remains) and the exception is rethrown.
     */
    public static void animate(AnimationSource source, AnimationSettings settings, FrameSink sink, Progress progress)
            throws IOException {
        animate(new FrameSource() {
            @Override
            public int frames() {
                return settings.frameCount();
            }

            @Override
            public void render(FlowScene scene, Frame frame, int k) {
                Animator.render(scene, frame, source, settings, settings.timeOf(k));
            }

            @Override
            public double halfWidth() {
                return source.halfWidth();
            }
        }, settings, sink, progress);
    }

    /** Writes every frame of {@code frames} at the settings' size and rate (same double buffering as above). */
    public static void animate(FrameSource frames, AnimationSettings settings, FrameSink sink, Progress progress)
            throws IOException {
        int n = frames.frames();
        Frame[] buffers = {new Frame(settings.width(), settings.height()),
                new Frame(settings.width(), settings.height())};
        FlowScene scene = new FlowScene(frames.halfWidth());
        ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flowlab-export-render");
            t.setDaemon(true);
            return t;
        });
        try {
            sink.begin(settings.width(), settings.height(), settings.fps());
            Future<?> next = renderer.submit(() -> frames.render(scene, buffers[0], 0));
            for (int k = 0; k < n; k++) {
                if (progress.isCancelled()) {
                    throw new CancellationException("export cancelled");
                }
                await(next);
                Frame current = buffers[k % 2];
                if (k + 1 < n) {
                    int j = k + 1;
                    next = renderer.submit(() -> frames.render(scene, buffers[j % 2], j));
                }
                sink.accept(current);
                progress.update(k + 1, n);
            }
            sink.finish();
        } catch (IOException | RuntimeException | Error e) {
            sink.abort();
            throw e;
        } finally {
            renderer.shutdownNow();
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("export interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }

    /** Renders one frame at time t (in [0, 1]) into {@code frame}. */
    public static void render(FlowScene scene, Frame frame, AnimationSource source, AnimationSettings settings,
                              double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t must be in [0, 1], got " + t);
        }
        SceneLayers.FieldSample field = settings.field() && source.field() != null ? source.field().apply(t) : null;
        double radius = SceneLayers.dotRadius(source.trajectory().particles(), frame.width(), frame.height());
        SceneLayers layers = new SceneLayers(settings.target() ? source.targetMass() : null, source.targetSize(),
                source.halfWidth(), source.trajectory(), t, source.colors(), settings.trails(), field, null, radius, null,
                source.instruments());
        scene.render(frame, layers);
        if (settings.caption() != null && !settings.caption().isBlank()) {
            caption(frame, settings.caption().replace("{t}", String.format(Locale.ROOT, "%.2f", t)));
        }
    }

    /**
     * Draws text in the bottom-left corner, straight into the frame's pixels through Java2D (headless).
     * Without any installed font the caption is skipped rather than failing the export.
     */
    public static void caption(Frame f, String text) {
        DirectColorModel cm = new DirectColorModel(24, 0xFF0000, 0x00FF00, 0x0000FF);
        SinglePixelPackedSampleModel sm = new SinglePixelPackedSampleModel(
                java.awt.image.DataBuffer.TYPE_INT, f.width(), f.height(), new int[]{0xFF0000, 0x00FF00, 0x0000FF});
        WritableRaster raster = Raster.createWritableRaster(sm, new DataBufferInt(f.pixels(), f.pixels().length), null);
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            int size = Math.max(10, f.height() / 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            FontMetrics fm = g.getFontMetrics();
            int pad = size / 2;
            int x = pad;
            int y = f.height() - pad - fm.getDescent();
            g.setColor(new Color(20, 22, 28, 170));
            g.fillRoundRect(x - pad / 2, y - fm.getAscent() - pad / 3, fm.stringWidth(text) + pad,
                    fm.getHeight() + pad * 2 / 3, pad, pad);
            g.setColor(new Color(235, 238, 245));
            g.drawString(text, x, y);
        } catch (RuntimeException | Error e) {
            // No usable font on this machine: the frame stays without its caption (logged once, not per frame).
            if (!CAPTION_FAILURE_LOGGED.getAndSet(true)) {
                LOG.debug("cannot draw the caption; frames go without it", e);
            }
        } finally {
            g.dispose();
        }
        // Java2D wrote RGB without alpha; keep FlowLab's opaque convention.
        int[] p = f.pixels();
        for (int i = 0; i < p.length; i++) {
            p[i] |= 0xFF000000;
        }
    }
}
