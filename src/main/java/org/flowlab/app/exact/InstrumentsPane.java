package org.flowlab.app.exact;

import javafx.beans.property.BooleanProperty;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.VBox;

/**
 * The "Why it works" group of the side panel: the exact field, the error map and the probe, each with a
 * sentence saying what it shows.
 */
public final class InstrumentsPane extends TitledPane {

    private LensWindow lensWindow;

    public InstrumentsPane(BooleanProperty showExact, BooleanProperty showError, ProbeViewModel probe,
                           LensViewModel lens, double halfWidth) {
        CheckBox exact = new CheckBox("Exact field u_t (green)");
        exact.setId("showExact");
        exact.setMnemonicParsing(false);
        exact.selectedProperty().bindBidirectional(showExact);
        Label exactHint = hint("The field flow matching regresses onto, computed from the target itself: "
                + "u_t(x) = Σ_i w_i(x) u_t(x | x1_i), the average of the conditional velocities through x. "
                + "The learned arrows (grey) should lie on it.");
        CheckBox error = new CheckBox("Error map |v − u| / |u|");
        error.setId("showError");
        error.setMnemonicParsing(false);
        error.selectedProperty().bindBidirectional(showError);
        Label errorHint = hint("Relative error of the network against the exact field at t (dark: < 10 %, "
                + "bright: ≥ 100 %); faded where p_t is negligible, since training never visits those points.");
        ToggleButton probeButton = new ToggleButton("Probe");
        probeButton.setId("probeTool");
        probeButton.setMaxWidth(Double.MAX_VALUE);
        probeButton.selectedProperty().bindBidirectional(probe.activeProperty());
        Label probeHint = hint("Click or drag on the canvas: the thin lines are the paths x0 → x1 of target "
                + "samples passing through that point at t, with their velocities x1 − x0 (thin arrows); "
                + "their weighted average (bold green) is the exact u_t(x); orange is the network's v(x, t). "
                + "Move t to see the average turn.");
        javafx.scene.control.Button lensButton = new javafx.scene.control.Button("Memorisation lens…");
        lensButton.setId("lensButton");
        lensButton.setMaxWidth(Double.MAX_VALUE);
        lensButton.setOnAction(e -> {
            if (lensWindow == null) {
                lensWindow = new LensWindow(getScene().getWindow(), lens, halfWidth);
            }
            lensWindow.stage().show();
            lensWindow.stage().toFront();
        });
        Label lensHint = hint("The perfect regressor of N training points memorises them; the network generalises.");
        VBox box = new VBox(6, exact, exactHint, error, errorHint, probeButton, probeHint, lensButton, lensHint);
        setText("Why it works");
        setContent(box);
        setCollapsible(true);
        setId("instrumentsPane");
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("hint");
        return l;
    }
}
