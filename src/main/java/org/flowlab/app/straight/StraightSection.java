package org.flowlab.app.straight;

import org.flowlab.app.training.TrainingViewModel;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The "straighter flows" part of the Training section: the coupling choice (bound to the training config, so a
 * change starts a fresh model at the next Train), and what {@link #extras} adds below it.
 */
public final class StraightSection extends VBox {

    /** The couplings offered; a session may bring another ε, which is then added. */
    static final List<String> COUPLINGS = List.of("independent", "ot", "ot:0.05", "ot:0.5");

    public StraightSection(TrainingViewModel t, Node... extras) {
        super(6);
        ComboBox<String> coupling = new ComboBox<>(FXCollections.observableArrayList(COUPLINGS));
        coupling.setId("couplingBox");
        coupling.setConverter(new StringConverter<>() {
            @Override
            public String toString(String spec) {
                return spec == null ? "" : label(spec);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        t.couplingProperty().addListener((o, a, b) -> {
            if (b != null && !coupling.getItems().contains(b)) {
                coupling.getItems().add(b);
            }
        });
        coupling.valueProperty().bindBidirectional(t.couplingProperty());
        coupling.setMaxWidth(Double.MAX_VALUE);
        coupling.setTooltip(new Tooltip("How each training batch pairs noise x0 with data x1. "
                + "Changing it starts a fresh model at the next Train."));
        Label name = new Label("Coupling");
        name.setMinWidth(Label.USE_PREF_SIZE);
        HBox row = new HBox(8, name, coupling);
        HBox.setHgrow(coupling, Priority.ALWAYS);
        Label hint = new Label("Minibatch OT pairs each noise point with a nearby data point, so the conditional "
                + "paths (View ▸ x0 → x1) stop crossing and the learned flow gets straighter.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        getChildren().addAll(row, hint);
        getChildren().addAll(extras);
    }

    static String label(String spec) {
        if (spec.equals("independent")) {
            return "Independent (random pairs)";
        }
        if (spec.equals("ot")) {
            return "Minibatch OT (exact)";
        }
        if (spec.startsWith("ot:")) {
            return "Sinkhorn ε = " + spec.substring(3);
        }
        return spec;
    }
}
