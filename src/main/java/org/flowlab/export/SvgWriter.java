package org.flowlab.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import org.flowlab.io.AtomicFiles;
import org.flowlab.render.Colors;
import org.flowlab.render.FlowScene;
import org.flowlab.render.Frame;
import org.flowlab.render.FrameRenderer;
import org.flowlab.render.PngWriter;
import org.flowlab.render.SceneLayers;
import org.flowlab.render.Viewport;

/**
 * A vector still for slides: background and target underlay as one embedded PNG, each particle as an SVG
 * circle (so they stay crisp at any zoom), and the caption as text.
 */
public final class SvgWriter {

    private SvgWriter() {
    }

    public static void write(Path file, AnimationSource source, AnimationSettings settings, double t)
            throws IOException {
        int w = settings.width();
        int h = settings.height();
        Viewport v = new Viewport(w, h, source.halfWidth());
        Frame background = new Frame(w, h);
        FrameRenderer.background(background, v);
        if (settings.target() && source.targetMass() != null) {
            FrameRenderer.densityUnderlay(background, v, source.targetMass(), source.targetSize(), source.halfWidth(),
                    Colors.TARGET_TINT, 0.55f);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        PngWriter.write(background, png);
        int n = source.trajectory().particles();
        float[] pos = new float[2 * n];
        source.trajectory().interpolate(t, pos);
        double r = Math.max(0.6, Math.min(w, h) / 720.0 * SceneLayers.dotRadius(n));
        AtomicFiles.write(file, out -> {
            Writer x = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            x.write(String.format(Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                            + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n", w, h, w, h));
            x.write(String.format(Locale.ROOT, "<image width=\"%d\" height=\"%d\" xlink:href=\"data:image/png;base64,",
                    w, h));
            x.write(Base64.getEncoder().encodeToString(png.toByteArray()));
            x.write("\"/>\n<g fill-opacity=\"0.9\">\n");
            int[] colors = source.colors();
            for (int i = 0; i < n; i++) {
                int c = colors == null ? FlowScene.PARTICLE_COLOR : colors[i];
                x.write(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"#%06x\"/>%n",
                        v.toPixelX(pos[2 * i]), v.toPixelY(pos[2 * i + 1]), r, c & 0xFFFFFF));
            }
            x.write("</g>\n");
            if (settings.caption() != null && !settings.caption().isBlank()) {
                int size = Math.max(10, h / 28);
                x.write(String.format(Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"%d\" fill=\"#ebeef5\">%s</text>%n",
                        size / 2, h - size / 2, size, escape(settings.caption().replace("{t}",
                                String.format(Locale.ROOT, "%.2f", t)))));
            }
            x.write("</svg>\n");
            x.flush();
        });
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
