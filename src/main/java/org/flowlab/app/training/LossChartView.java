package org.flowlab.app.training;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.flowlab.app.CanvasChart;
import org.flowlab.train.LossHistory;

/**
 * Training and validation loss on a log₁₀ axis. Draws from the immutable history views it is given: the
 * training curve is bucketed per pixel column (mean line plus a faint min–max band), so 100k points cost
 * one pass and at most one vertex per pixel. Redraws only when the data or the size changes.
 */
public final class LossChartView extends CanvasChart {

    private static final Color TRAIN = Color.web("#f2b134");
    private static final Color VALIDATION = Color.web("#4fc3f7");
    private static final Color NLL = Color.web("#81c784");
    private static final Color AXIS = Color.web("#8a90a0");
    private static final Color GRID = Color.web("#2c303a");
    private static final Color FLOOR = Color.web("#b388ff");
    private static final double LEFT = 52;
    private static final double RIGHT = 52;
    private static final double TOP = 22;
    private static final double BOTTOM = 22;

    private LossHistory.View train = LossHistory.View.empty();
    private LossHistory.View validation = LossHistory.View.empty();
    private LossHistory.View nll = LossHistory.View.empty();
    private double floor = Double.NaN;
    /** The training step scrubbed to in the history (−1: none, the latest weights are shown). */
    private long markedStep = -1;
    private double floorError = Double.NaN;
    private int drawnTrainSize = -1;
    private int drawnValidationSize = -1;

    public LossChartView() {
        setId("lossChart");
        getStyleClass().add("loss-chart");
        setMinHeight(120);
        setPrefHeight(170);
        widthProperty().addListener(o -> redraw());
        heightProperty().addListener(o -> redraw());
    }

    public void setData(LossHistory.View trainLoss, LossHistory.View validationLoss) {
        this.train = trainLoss;
        this.validation = validationLoss;
        if (trainLoss.size() != drawnTrainSize || validationLoss.size() != drawnValidationSize) {
            redraw();
        }
    }

    /** Held-out negative log-likelihood (nats per point), drawn on its own linear axis at the right. */
    public void setNll(LossHistory.View nllHistory) {
        this.nll = nllHistory;
        redraw();
    }

    /**
     * The loss floor L* of the current target and path (the loss of the exact marginal field; NaN: none), drawn
     * as a dashed line with its standard error.
     */
    private boolean conditional;

    public void setFloor(double loss, double standardError) {
        this.floor = loss;
        this.floorError = standardError;
        redraw();
    }

    /** Marks a training step with a vertical line (the checkpoint the canvas shows); −1 removes the mark. */
    public void setMarkedStep(long step) {
        if (step != markedStep) {
            markedStep = step;
            redraw();
        }
    }

    public long markedStep() {
        return markedStep;
    }

    /** The floor shown (NaN: none). */
    public double floor() {
        return floor;
    }

    /**
     * A class-conditional model is told the class, which the unconditional floor's exact field does not know:
     * E[u | x_t, y] has less left to guess than E[u | x_t], so its loss may sit below the line. The label says so.
     */
    public void setConditional(boolean conditional) {
        if (conditional != this.conditional) {
            this.conditional = conditional;
            redraw();
        }
    }

    /** The label drawn beside the floor line ("" without a floor). */
    public String floorLabel() {
        return Double.isNaN(floor) ? "" : String.format(Locale.ROOT, conditional
                ? "unconditional floor %.2f ± %.2f — knowing the class, a model can go lower"
                : "floor %.2f ± %.2f — the best any model can do", floor, floorError);
    }

    /** Points currently shown (for tests and the status line). */
    public int trainPoints() {
        return drawnTrainSize;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        drawnTrainSize = train.size();
        drawnValidationSize = validation.size();
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        if (w < LEFT + RIGHT + 10 || h < TOP + BOTTOM + 10) {
            return;
        }
        double plotW = w - LEFT - RIGHT;
        double plotH = h - TOP - BOTTOM;
        legend(g, w);
        if (train.size() == 0) {
            g.setFill(AXIS);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("Press Train: the loss appears here", LEFT + plotW / 2, TOP + plotH / 2);
            return;
        }
        long maxStep = Math.max(1, train.step(train.size() - 1));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < train.size(); i++) {
            float v = train.value(i);
            if (v > 0 && Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        for (int i = 0; i < validation.size(); i++) {
            float v = validation.value(i);
            if (v > 0 && Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (floor > 0) {
            lo = Math.min(lo, floor * 0.9);
        }
        if (!(lo < hi)) {
            lo = lo / 2;
            hi = hi * 2;
        }
        double logLo = Math.floor(Math.log10(lo) * 4) / 4;
        double logHi = Math.ceil(Math.log10(hi) * 4) / 4;
        if (logHi - logLo < 0.25) {
            logHi = logLo + 0.25;
        }
        axes(g, plotW, plotH, logLo, logHi, maxStep);

        int columns = (int) Math.max(1, plotW);
        double[] min = new double[columns];
        double[] max = new double[columns];
        int[] count = new int[columns];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < train.size(); i++) {
            float v = train.value(i);
            if (!(v > 0) || !Float.isFinite(v)) {
                continue;
            }
            int c = (int) Math.min(columns - 1, (double) train.step(i) / maxStep * (columns - 1));
            double lv = Math.log10(v);
            min[c] = Math.min(min[c], lv);
            max[c] = Math.max(max[c], lv);
            count[c]++;
        }
        // Raw batch losses as a faint band: min–max per pixel column, or the point itself.
        g.setStroke(TRAIN.deriveColor(0, 1, 1, 0.28));
        g.setLineWidth(1);
        for (int c = 0; c < columns; c++) {
            if (count[c] > 0) {
                double x = LEFT + c + 0.5;
                double top = y(max[c], logLo, logHi, plotH);
                double bottom = y(min[c], logLo, logHi, plotH);
                g.strokeLine(x, top, x, Math.max(bottom, top + 1));
            }
        }
        // Smoothed curve: an exponential moving average of log loss (span ≈ 2% of the run, at least 10 steps),
        // sampled at the last step of each pixel column.
        double alpha = 2.0 / (Math.max(10, train.size() / 50.0) + 1);
        double ema = Double.NaN;
        double[] smooth = new double[columns];
        java.util.Arrays.fill(smooth, Double.NaN);
        for (int i = 0; i < train.size(); i++) {
            float v = train.value(i);
            if (!(v > 0) || !Float.isFinite(v)) {
                continue;
            }
            double lv = Math.log10(v);
            ema = Double.isNaN(ema) ? lv : ema + alpha * (lv - ema);
            int c = (int) Math.min(columns - 1, (double) train.step(i) / maxStep * (columns - 1));
            smooth[c] = ema;
        }
        g.setStroke(TRAIN);
        g.setLineWidth(1.8);
        g.beginPath();
        boolean started = false;
        for (int c = 0; c < columns; c++) {
            if (Double.isNaN(smooth[c])) {
                continue;
            }
            double x = LEFT + c + 0.5;
            double yy = y(smooth[c], logLo, logHi, plotH);
            if (started) {
                g.lineTo(x, yy);
            } else {
                g.moveTo(x, yy);
                started = true;
            }
        }
        g.stroke();

        drawNll(g, plotW, plotH, maxStep, columns);
        drawFloor(g, plotW, plotH, logLo, logHi);

        g.setStroke(VALIDATION);
        g.setFill(VALIDATION);
        g.setLineWidth(1.6);
        g.beginPath();
        for (int i = 0; i < validation.size(); i++) {
            float v = validation.value(i);
            if (!(v > 0)) {
                continue;
            }
            double x = LEFT + Math.min(1, (double) validation.step(i) / maxStep) * (columns - 1) + 0.5;
            double yy = y(Math.log10(v), logLo, logHi, plotH);
            if (i == 0) {
                g.moveTo(x, yy);
            } else {
                g.lineTo(x, yy);
            }
        }
        g.stroke();
        if (markedStep >= 0) {
            double x = LEFT + Math.min(1, (double) markedStep / maxStep) * (columns - 1) + 0.5;
            g.setStroke(Color.web("#f2b134"));
            g.setLineWidth(1.5);
            g.setLineDashes(4, 3);
            g.strokeLine(x, TOP, x, TOP + plotH);
            g.setLineDashes();
            g.setFill(Color.web("#f2b134"));
            g.setTextAlign(x > LEFT + plotW - 80 ? TextAlignment.RIGHT : TextAlignment.LEFT);
            g.fillText("step " + markedStep, x + (x > LEFT + plotW - 80 ? -4 : 4), TOP + 8);
        }
    }

    private void drawNll(GraphicsContext g, double plotW, double plotH, long maxStep, int columns) {
        if (nll.size() == 0) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nll.size(); i++) {
            lo = Math.min(lo, nll.value(i));
            hi = Math.max(hi, nll.value(i));
        }
        double pad = Math.max(0.1, (hi - lo) * 0.1);
        lo -= pad;
        hi += pad;
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(NLL);
        for (int k = 0; k <= 2; k++) {
            double v = lo + (hi - lo) * k / 2;
            g.fillText(String.format(Locale.ROOT, "%.2f", v), LEFT + plotW + 6, TOP + (1 - k / 2.0) * plotH);
        }
        g.setStroke(NLL);
        g.setLineWidth(1.6);
        g.beginPath();
        for (int i = 0; i < nll.size(); i++) {
            double x = LEFT + Math.min(1, (double) nll.step(i) / maxStep) * (columns - 1) + 0.5;
            double yy = TOP + (1 - (nll.value(i) - lo) / (hi - lo)) * plotH;
            if (i == 0) {
                g.moveTo(x, yy);
            } else {
                g.lineTo(x, yy);
            }
            g.fillOval(x - 2.5, yy - 2.5, 5, 5);
        }
        g.stroke();
    }

    private void drawFloor(GraphicsContext g, double plotW, double plotH, double logLo, double logHi) {
        if (!(floor > 0)) {
            return;
        }
        double yy = y(Math.log10(floor), logLo, logHi, plotH);
        g.setStroke(FLOOR);
        g.setLineWidth(1.4);
        g.setLineDashes(6, 4);
        g.strokeLine(LEFT, yy, LEFT + plotW, yy);
        g.setLineDashes(null);
        g.setFill(FLOOR);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(floorLabel(), LEFT + plotW - 4, yy + 3);
        g.setTextBaseline(VPos.CENTER);
    }

    private static double y(double logValue, double logLo, double logHi, double plotH) {
        return TOP + (1 - (logValue - logLo) / (logHi - logLo)) * plotH;
    }

    private void axes(GraphicsContext g, double plotW, double plotH, double logLo, double logHi, long maxStep) {
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double v : logTicks(logLo, logHi)) {
            double yy = y(Math.log10(v), logLo, logHi, plotH);
            g.setStroke(GRID);
            g.strokeLine(LEFT, yy, LEFT + plotW, yy);
            g.setFill(AXIS);
            g.fillText(formatValue(v), LEFT - 6, yy);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        long tick = niceStep(maxStep / 5.0);
        for (long s = 0; s <= maxStep; s += tick) {
            double x = LEFT + plotW * s / maxStep;
            g.setFill(AXIS);
            g.fillText(formatStep(s), x, TOP + plotH + 5);
        }
        g.setTextBaseline(VPos.CENTER);
        g.setStroke(AXIS);
        g.strokeLine(LEFT, TOP, LEFT, TOP + plotH);
        g.strokeLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
    }

    /** Tick values m·10^k inside [10^lo, 10^hi]: mantissas 1, 2, 5 (or every 1–9 for a narrow range). */
    static java.util.List<Double> logTicks(double logLo, double logHi) {
        java.util.List<Double> ticks = new java.util.ArrayList<>();
        double[][] choices = {{1}, {1, 2, 5}, {1, 1.5, 2, 3, 5, 7}, {1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 4, 5, 6, 7, 8, 9}};
        for (double[] mantissas : choices) {
            ticks.clear();
            for (int k = (int) Math.floor(logLo) - 1; k <= (int) Math.ceil(logHi); k++) {
                for (double m : mantissas) {
                    double v = m * Math.pow(10, k);
                    double lv = Math.log10(v);
                    if (lv >= logLo - 1e-9 && lv <= logHi + 1e-9) {
                        ticks.add(v);
                    }
                }
            }
            if (ticks.size() >= 3) {
                break;
            }
        }
        return ticks;
    }

    /** The 1-2-5 step nearest above {@code raw}. */
    static long niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(1, raw))));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * p >= raw) {
                return Math.max(1, (long) (m * p));
            }
        }
        return Math.max(1, (long) (10 * p));
    }

    private void legend(GraphicsContext g, double w) {
        g.setTextAlign(TextAlignment.LEFT);
        double x = LEFT;
        g.setFill(AXIS);
        g.fillText("loss (log scale)", x, 10);
        x += 110;
        g.setFill(TRAIN);
        g.fillRect(x, 7, 14, 3);
        g.fillText("train", x + 18, 10);
        x += 60;
        g.setFill(VALIDATION);
        g.fillRect(x, 7, 14, 3);
        g.fillText("validation", x + 18, 10);
        x += 85;
        g.setFill(NLL);
        g.fillRect(x, 7, 14, 3);
        g.fillText("held-out NLL (nats, right axis)", x + 18, 10);
        g.setFill(AXIS);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(train.size() == 0 ? "" : String.format(Locale.ROOT, "last %.4f", train.recentMean(50)),
                w - RIGHT, 10);
    }

    private static String formatValue(double v) {
        if (v >= 1000 || v < 0.001) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String formatStep(long s) {
        return s >= 10_000 ? (s / 1000) + "k" : Long.toString(s);
    }
}
