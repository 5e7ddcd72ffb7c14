package org.flowlab.app.straight;

import org.flowlab.app.MainViewModel;
import org.flowlab.app.training.TrainingViewModel;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ProgressBar;
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
        Label hint = new Label("OT pairs noise with nearby data: paths (View ▸ x0 → x1) stop crossing.");
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
        ReflowViewModel r = vm.reflow();
        Button reflow = new Button("Reflow");
        reflow.setId("reflowButton");
        reflow.setOnAction(e -> r.reflow());
        reflow.disableProperty().bind(r.runningProperty());
        reflow.setTooltip(new Tooltip("Rectified flow: carry noise to data with the model shown, then train a new "
                + "model (from the old one) on those fixed pairs. Its paths are straighter."));
        Button stop = new Button("Cancel");
        stop.setId("reflowCancel");
        stop.setOnAction(e -> r.cancel());
        stop.disableProperty().bind(r.runningProperty().not());
        ProgressBar bar = new ProgressBar();
        bar.setId("reflowProgress");
        bar.progressProperty().bind(r.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label phase = new Label();
        phase.textProperty().bind(Bindings.createStringBinding(() -> r.phaseProperty().get() == null ? ""
                : r.phaseProperty().get() == org.flowlab.reflow.Reflow.Phase.PAIRS ? "generating pairs…"
                : "training…", r.phaseProperty()));
        phase.getStyleClass().add("hint");
        ComboBox<String> model = new ComboBox<>(r.checkpoints());
        model.setId("checkpointBox");
        model.valueProperty().bindBidirectional(r.selectedProperty());
        model.setMaxWidth(Double.MAX_VALUE);
        Label modelName = new Label("Model");
        modelName.setMinWidth(Label.USE_PREF_SIZE);
        HBox modelRow = new HBox(8, modelName, model);
        HBox.setHgrow(model, Priority.ALWAYS);
        Label readout = new Label();
        readout.setId("straightnessReadout");
        readout.textProperty().bind(r.readoutProperty());
        readout.setWrapText(true);
        readout.setTooltip(new Tooltip("S = E‖(x1 − x0) − v(x_t, t)‖² along the model's own trajectories: "
                + "0 means straight paths, where one Euler step is exact."));
        TitledPane more = new TitledPane("Reflow · straightness · NFE lab",
                new VBox(6, new HBox(6, reflow, stop, bar), phase, modelRow, readout, nfe));
        more.setId("straightPane");
        more.setExpanded(false);
        getChildren().addAll(row, hint, more);
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
