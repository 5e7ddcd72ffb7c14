package org.flowlab.app.lessons;

import javafx.beans.property.BooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.flowlab.app.trace.TraceViewModel;

/** The "Lessons" group of the side panel: trace particles and the warped grid, each with what it shows. */
public final class LessonsPane extends TitledPane {

    public LessonsPane(TraceViewModel trace, BooleanProperty showWarp, String warpExplanation) {
        ToggleButton pin = new ToggleButton("Pin particles");
        pin.setId("traceTool");
        pin.setMnemonicParsing(false);
        pin.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(pin, javafx.scene.layout.Priority.ALWAYS);
        pin.selectedProperty().bindBidirectional(trace.activeProperty());
        Button clear = new Button("Clear");
        clear.setId("traceClear");
        clear.setOnAction(e -> trace.clear());
        clear.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox row = new HBox(6, pin, clear);
        Label traceHint = hint(TraceViewModel.EXPLANATION);
        CheckBox warp = new CheckBox("Warped grid φ_t(grid)");
        warp.setId("showWarp");
        warp.setMnemonicParsing(false);
        warp.selectedProperty().bindBidirectional(showWarp);
        Label warpHint = hint(warpExplanation);
        setText("Lessons");
        setId("lessonsPane");
        setContent(new VBox(6, row, traceHint, warp, warpHint));
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("hint");
        return l;
    }
}
