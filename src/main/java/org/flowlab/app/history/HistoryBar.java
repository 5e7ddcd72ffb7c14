package org.flowlab.app.history;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.flowlab.app.LayoutBarrier;

/** The second slider: scrubs the training step (the checkpoints), with its explanation underneath. */
public final class HistoryBar extends VBox {

    public HistoryBar(HistoryViewModel h) {
        super(2);
        setPadding(new Insets(0, 10, 4, 10));
        Label title = new Label("Training step");
        title.setMinWidth(86);
        Slider slider = new Slider(0, 0, 0);
        slider.setId("historySlider");
        slider.maxProperty().bind(h.countProperty());
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.valueProperty().bindBidirectional(h.positionProperty());
        slider.disableProperty().bind(h.countProperty().isEqualTo(0));
        Label label = new Label();
        label.setId("historyLabel");
        label.textProperty().bind(h.labelProperty());
        label.setMinWidth(220);
        Button latest = new Button("Latest");
        latest.setId("historyLatest");
        latest.setOnAction(e -> h.latest());
        // Both change with every training snapshot: their layout requests stop at the holders.
        Region sliderHolder = LayoutBarrier.around(slider);
        HBox.setHgrow(sliderHolder, Priority.ALWAYS);
        HBox row = new HBox(10, title, sliderHolder, LayoutBarrier.around(label), latest);
        row.setAlignment(Pos.CENTER_LEFT);
        Label explanation = new Label(HistoryViewModel.EXPLANATION);
        explanation.getStyleClass().add("hint");
        explanation.setWrapText(true);
        Tooltip.install(slider, new Tooltip(HistoryViewModel.EXPLANATION));
        getChildren().addAll(row, explanation);
    }
}
