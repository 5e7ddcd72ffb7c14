package org.flowlab.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.List;

/**
 * Log–log line charts drawn into a {@link Frame} through Java2D (headless): panels side by side, each with decade
 * grid lines and labels, and a legend below. Points with a non-finite or non-positive coordinate are skipped
 * (a log axis cannot show them). Without any usable font the text is left out and the lines are still drawn.
 */
public final class LogLogChart {

    public enum Marker { CIRCLE, SQUARE }

    /**
     * One line. {@code dash} is a Java2D dash pattern in pixels, or null for a solid line; {@code line} false
     * draws the markers only; a null marker draws none.
     */
    public record Series(String label, int rgb, float[] dash, Marker marker, boolean line, double[] x, double[] y) {
    }

    public record Panel(String title, String xLabel, String yLabel, List<Series> series) {
    }

    private static final Color BACKGROUND = new Color(Colors.BACKGROUND);
    private static final Color PLOT = new Color(0x1B1E26);
    private static final Color GRID = new Color(0x2C303B);
    private static final Color MINOR = new Color(0x22252E);
    private static final Color TEXT = new Color(0xD7DAE2);

    private LogLogChart() {
    }

    /**
     * Draws the panels side by side, each {@code plotHeight} pixels tall, and the legend below them in rows of up
     * to four entries (each entry: its label, a line in its colour and dash, and its marker; the entry's x and y
     * are not used). The frame is as tall as both need.
     */
    public static Frame render(List<Panel> panels, List<Series> legend, int width, int plotHeight) {
        int columns = Math.max(1, Math.min(4, width / 260));
        int legendRows = (legend.size() + columns - 1) / columns;
        int legendHeight = legend.isEmpty() ? 0 : 16 + 22 * legendRows;
        Frame f = new Frame(width, plotHeight + legendHeight);
        f.fill(Colors.BACKGROUND);
        Graphics2D g = graphics(f);
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            int panelWidth = width / Math.max(1, panels.size());
            for (int k = 0; k < panels.size(); k++) {
                drawPanel(g, panels.get(k), k * panelWidth, 0, panelWidth, plotHeight);
            }
            int colWidth = width / columns;
            for (int k = 0; k < legend.size(); k++) {
                int lx = 70 + (k % columns) * colWidth;
                int ly = plotHeight + 8 + 22 * (k / columns);
                Series s = legend.get(k);
                stroke(g, s, 2f);
                g.draw(new Line2D.Double(lx, ly + 6, lx + 34, ly + 6));
                if (s.marker() != null) {
                    marker(g, s.marker(), lx + 17, ly + 6);
                }
                text(g, s.label(), lx + 42, ly + 11, TEXT);
            }
        } finally {
            g.dispose();
        }
        int[] p = f.pixels();
        for (int i = 0; i < p.length; i++) {
            p[i] |= 0xFF000000;       // Java2D wrote RGB; keep FlowLab's opaque convention
        }
        return f;
    }

    private static void drawPanel(Graphics2D g, Panel panel, int x0, int y0, int w, int h) {
        double[] xr = range(panel.series(), true);
        double[] yr = range(panel.series(), false);
        int left = x0 + 70;
        int top = y0 + 34;
        int pw = w - 70 - 24;
        int ph = h - 34 - 46;
        g.setColor(PLOT);
        g.fill(new Rectangle2D.Double(left, top, pw, ph));
        g.setStroke(new BasicStroke(1f));
        for (int e = (int) xr[0]; e <= (int) xr[1]; e++) {
            for (int m = 1; m <= 9 && e + Math.log10(m) <= xr[1]; m++) {
                double px = left + pw * (e + Math.log10(m) - xr[0]) / (xr[1] - xr[0]);
                g.setColor(m == 1 ? GRID : MINOR);
                g.draw(new Line2D.Double(px, top, px, top + ph));
                if (m == 1) {
                    String label = decade(e);
                    text(g, label, (int) px - width(g, label) / 2, top + ph + 18, TEXT);
                }
            }
        }
        for (int e = (int) yr[0]; e <= (int) yr[1]; e++) {
            for (int m = 1; m <= 9 && e + Math.log10(m) <= yr[1]; m++) {
                double py = top + ph - ph * (e + Math.log10(m) - yr[0]) / (yr[1] - yr[0]);
                g.setColor(m == 1 ? GRID : MINOR);
                g.draw(new Line2D.Double(left, py, left + pw, py));
                if (m == 1) {
                    String label = decade(e);
                    text(g, label, left - 8 - width(g, label), (int) py + 5, TEXT);
                }
            }
        }
        text(g, panel.title(), left, top - 12, TEXT);
        text(g, panel.xLabel(), left + pw / 2 - width(g, panel.xLabel()) / 2, top + ph + 38, TEXT);
        java.awt.geom.AffineTransform before = g.getTransform();
        g.rotate(-Math.PI / 2, x0 + 16, top + ph / 2.0);
        text(g, panel.yLabel(), x0 + 16 - width(g, panel.yLabel()) / 2, top + ph / 2 + 5, TEXT);
        g.setTransform(before);
        java.awt.Shape clip = g.getClip();
        g.clip(new Rectangle2D.Double(left - 6, top - 6, pw + 12, ph + 12));
        for (Series s : panel.series()) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                if (s.x()[i] > 0 && s.y()[i] > 0 && Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    double px = left + pw * (Math.log10(s.x()[i]) - xr[0]) / (xr[1] - xr[0]);
                    double py = top + ph - ph * (Math.log10(s.y()[i]) - yr[0]) / (yr[1] - yr[0]);
                    points.add(new double[]{px, py});
                }
            }
            points.sort((a, b) -> Double.compare(a[0], b[0]));   // lines run left to right whatever the order given
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < points.size(); i++) {
                if (i == 0) {
                    path.moveTo(points.get(i)[0], points.get(i)[1]);
                } else {
                    path.lineTo(points.get(i)[0], points.get(i)[1]);
                }
            }
            stroke(g, s, 2f);
            if (s.line() && points.size() > 1) {
                g.draw(path);
            }
            for (double[] p : points) {
                if (s.marker() != null) {
                    marker(g, s.marker(), p[0], p[1]);
                }
            }
        }
        g.setClip(clip);
    }

    /** [floor, ceil] of log10 over the finite positive x (or y) values; one decade when there are none. */
    private static double[] range(List<Series> series, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[] v = x ? s.x() : s.y();
            double[] other = x ? s.y() : s.x();
            for (int i = 0; i < v.length; i++) {
                if (v[i] > 0 && Double.isFinite(v[i]) && other[i] > 0 && Double.isFinite(other[i])) {
                    lo = Math.min(lo, Math.log10(v[i]));
                    hi = Math.max(hi, Math.log10(v[i]));
                }
            }
        }
        if (lo > hi) {
            return new double[]{0, 1};
        }
        double a = Math.floor(lo);
        double b = Math.ceil(hi);
        return new double[]{a, b > a ? b : a + 1};
    }

    private static String decade(int e) {
        return e >= 0 && e <= 4 ? Long.toString(Math.round(Math.pow(10, e))) : "1e" + e;
    }

    private static void stroke(Graphics2D g, Series s, float width) {
        g.setColor(new Color(s.rgb() & 0xFFFFFF));
        g.setStroke(s.dash() == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, s.dash(), 0f));
    }

    private static void marker(Graphics2D g, Marker m, double x, double y) {
        Shape shape = m == Marker.SQUARE ? new Rectangle2D.Double(x - 4.5, y - 4.5, 9, 9)
                : new Ellipse2D.Double(x - 3.5, y - 3.5, 7, 7);
        g.setStroke(new BasicStroke(1.5f));
        g.fill(shape);
    }

    private static void text(Graphics2D g, String s, int x, int y, Color c) {
        try {
            g.setColor(c);
            g.drawString(s, x, y);
        } catch (RuntimeException | Error e) {
            // No usable font on this machine: the chart stays without this text.
        }
    }

    private static int width(Graphics2D g, String s) {
        try {
            FontMetrics fm = g.getFontMetrics();
            return fm.stringWidth(s);
        } catch (RuntimeException | Error e) {
            return 0;
        }
    }

    /** A Graphics2D drawing straight into the frame's pixels. */
    private static Graphics2D graphics(Frame f) {
        DirectColorModel cm = new DirectColorModel(24, 0xFF0000, 0x00FF00, 0x0000FF);
        SinglePixelPackedSampleModel sm = new SinglePixelPackedSampleModel(
                java.awt.image.DataBuffer.TYPE_INT, f.width(), f.height(), new int[]{0xFF0000, 0x00FF00, 0x0000FF});
        WritableRaster raster = Raster.createWritableRaster(sm, new DataBufferInt(f.pixels(), f.pixels().length),
                null);
        Graphics2D g = new BufferedImage(cm, raster, false, null).createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        return g;
    }
}
