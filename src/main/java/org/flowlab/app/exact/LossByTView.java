package org.flowlab.app.exact;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.flowlab.app.CanvasChart;
import org.flowlab.marginal.LossFloor;

/**
 * The loss as a function of t, binned: the data's floor (the exact field's loss, violet) and the shown model's
 * loss on the same samples (orange), on a linear axis. Where the two meet the model has learned u_t at that t.
 */
public final class LossByTView extends CanvasChart {

    private static final Color FLOOR = Color.web("#b388ff");
    private static final Color MODEL = Color.web("#ff7043");
    private static final Color AXIS = Color.web("#8a90a0");
    private static final double LEFT = 36;
    private static final double RIGHT = 8;
    private static final double TOP = 22;
    private static final double BOTTOM = 20;

    private FloorViewModel.Floor floor;
    private LossFloor.Curve model;

    public LossByTView() {
        setId("lossByT");
        setMinHeight(120);
        setPrefHeight(170);
        setPrefWidth(280);
        setMinWidth(200);
    }

    public void setData(FloorViewModel.Floor f, LossFloor.Curve m) {
        this.floor = f;
        this.model = m;
        redraw();
    }

    /** True when the model's curve is drawn (for tests). */
    public boolean showsModel() {
        return floor != null && model != null;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(AXIS);
        g.fillText("loss by t:", LEFT, 10);
        g.setFill(FLOOR);
        g.fillText("floor", LEFT + 58, 10);
        g.setFill(MODEL);
        g.fillText("model", LEFT + 92, 10);
        double plotW = w - LEFT - RIGHT;
        double plotH = h - TOP - BOTTOM;
        if (floor == null || plotW < 20 || plotH < 20) {
            g.setFill(AXIS);
            g.fillText(floor == null ? "measuring the floor…" : "", LEFT, TOP + plotH / 2);
            return;
        }
        double[] data = floor.data().byBin();
        double[] mine = model == null ? null : model.byBin();
        double max = 1e-9;
        for (int b = 0; b < data.length; b++) {
            max = Math.max(max, data[b]);
            if (mine != null && Double.isFinite(mine[b])) {
                max = Math.max(max, mine[b]);
            }
        }
        max *= 1.1;
        g.setStroke(AXIS);
        g.setLineWidth(1);
        g.strokeLine(LEFT, TOP, LEFT, TOP + plotH);
        g.strokeLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.setFill(AXIS);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format(Locale.ROOT, "%.1f", max), LEFT - 4, TOP);
        g.fillText("0", LEFT - 4, TOP + plotH);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double[] edges = floor.edges();
        double tMax = edges[edges.length - 1];
        g.fillText("t = 0", LEFT + 12, TOP + plotH + 4);
        g.fillText(String.format(Locale.ROOT, "t = %.2f", tMax), LEFT + plotW - 20, TOP + plotH + 4);
        curve(g, data, edges, tMax, max, plotW, plotH, FLOOR);
        if (mine != null) {
            curve(g, mine, edges, tMax, max, plotW, plotH, MODEL);
        }
    }

    private static void curve(GraphicsContext g, double[] values, double[] edges, double tMax, double max,
                              double plotW, double plotH, Color color) {
        g.setStroke(color);
        g.setFill(color);
        g.setLineWidth(1.6);
        g.beginPath();
        for (int b = 0; b < values.length; b++) {
            double x = LEFT + (edges[b] + edges[b + 1]) / 2 / tMax * plotW;
            double y = TOP + (1 - Math.min(1, values[b] / max)) * plotH;
            if (b == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
            g.fillOval(x - 2, y - 2, 4, 4);
        }
        g.stroke();
    }
}
