package org.flowlab.app.straight;

import org.flowlab.app.MainViewModel;
import org.flowlab.app.training.TrainingViewModel;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The "straighter flows" part of the Training section: the coupling choice (bound to the training config, so a
 * change starts a fresh model at the next Train), and the button that opens the NFE lab.
 */
public final class StraightSection extends VBox {

    /** The couplings offered; a session may bring another ε, which is then added. */
    static final List<String> COUPLINGS = List.of("independent", "ot", "ot:0.05", "ot:0.5");

    private NfeLabWindow nfeWindow;

    public StraightSection(MainViewModel vm) {
        super(6);
        TrainingViewModel t = vm.training();
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
        Button nfe = new Button("NFE lab…");
        nfe.setId("nfeLabButton");
        nfe.setMaxWidth(Double.MAX_VALUE);
        nfe.setTooltip(new Tooltip("Compare solvers and step counts on the current model: quality against the "
                + "number of network evaluations"));
        nfe.setOnAction(e -> {
            if (nfeWindow == null) {
                nfeWindow = new NfeLabWindow(getScene().getWindow(), vm.nfeLab());
            }
            nfeWindow.show();
            nfeWindow.toFront();
        });
        getChildren().addAll(row, hint, nfe);
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
