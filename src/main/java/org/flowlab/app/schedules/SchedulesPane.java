package org.flowlab.app.schedules;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.flowlab.app.CanvasChart;
import org.flowlab.app.LayoutBarrier;

/** The "Schedules and formulas" group: x_t and u_t of the active path, α and σ over time, the time convention. */
public final class SchedulesPane extends TitledPane {

    private final SchedulesViewModel vm;
    private final Canvas chart = new Canvas(250, 120);

    public SchedulesPane(SchedulesViewModel vm) {
        this.vm = vm;
        Label formulas = new Label();
        formulas.setId("scheduleFormulas");
        formulas.setWrapText(true);
        formulas.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        Label convention = new Label();
        convention.setId("scheduleConvention");
        convention.setWrapText(true);
        convention.getStyleClass().add("hint");
        Label now = new Label();
        now.textProperty().bind(vm.timeLabelProperty());
        CheckBox other = new CheckBox("Diffusion convention (s = 1 − t)");
        other.setId("otherConvention");
        other.setMnemonicParsing(false);
        other.selectedProperty().bindBidirectional(vm.otherConventionProperty());
        Label hint = new Label(SchedulesViewModel.EXPLANATION);
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        vm.schedulesProperty().addListener((o, a, s) -> {
            formulas.setText(s.formulas());
            convention.setText(s.convention());
            draw();
        });
        // The plot follows t (60 times a second while playing): only while the group is open.
        vm.timeLabelProperty().addListener((o, a, b) -> {
            if (isExpanded()) {
                draw();
            }
        });
        expandedProperty().addListener((o, was, open) -> {
            if (open) {
                draw();
            }
        });
        SchedulesViewModel.Schedules s = vm.schedulesProperty().get();
        formulas.setText(s.formulas());
        convention.setText(s.convention());
        draw();
        setText("Schedules and formulas");
        setId("schedulesPane");
        setContent(new VBox(6, formulas, chart, LayoutBarrier.around(now), convention, other, hint));
        setExpanded(false);
    }

    /** α (blue) and σ (orange) over the axis, 0 to 1 on both axes, with the current time marked. */
    private void draw() {
        SchedulesViewModel.Schedules s = vm.schedulesProperty().get();
        GraphicsContext g = chart.getGraphicsContext2D();
        double w = chart.getWidth();
        double h = chart.getHeight();
        double left = 24;
        double bottom = 18;
        double pw = w - left - 18;
        double ph = h - bottom - 6;
        g.setFill(CanvasChart.BACKGROUND);
        g.fillRect(0, 0, w, h);
        g.setStroke(Color.web("#555a66"));
        g.setLineWidth(1);
        g.strokeRect(left, 6, pw, ph);
        g.setFont(Font.font(10));
        g.setFill(Color.web("#9aa3b5"));
        g.fillText("1", 8, 12);
        g.fillText("0", 8, 6 + ph);
        boolean flip = s.axis().startsWith("s");
        g.fillText((flip ? "data" : "noise") + " 0", left, h - 4);
        g.fillText(s.axis(), left + pw / 2 - 16, h - 4);
        g.fillText("1 " + (flip ? "noise" : "data"), left + pw - 44, h - 4);
        curve(g, s.alpha(), Color.web("#4fc3f7"), left, pw, ph);
        curve(g, s.sigma(), Color.web("#ffa24c"), left, pw, ph);
        // Labels at the curves' right ends, outside the plot.
        double[] a = s.alpha();
        double[] sg = s.sigma();
        g.setFill(Color.web("#4fc3f7"));
        g.fillText("α", left + pw + 5, 10 + ph * (1 - Math.max(0, Math.min(1, a[a.length - 1]))));
        g.setFill(Color.web("#ffa24c"));
        g.fillText("σ", left + pw + 5, 10 + ph * (1 - Math.max(0, Math.min(1, sg[sg.length - 1]))));
        double x = left + pw * Math.max(0, Math.min(1, vm.axisTime()));
        g.setStroke(Color.web("#f2b134"));
        g.strokeLine(x, 6, x, 6 + ph);
    }

    private static void curve(GraphicsContext g, double[] v, Color c, double left, double pw, double ph) {
        g.setStroke(c);
        g.setLineWidth(1.8);
        g.beginPath();
        for (int i = 0; i < v.length; i++) {
            double x = left + pw * i / (v.length - 1);
            double y = 6 + ph * (1 - Math.max(0, Math.min(1, v[i])));
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }
}
