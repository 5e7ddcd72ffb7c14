package org.flowlab.app.straight;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.flowlab.nfe.NfeLab;
import org.flowlab.render.Frame;

/** The NFE lab window: explanation, Run/Cancel with progress, the chart, the table and "Copy as CSV". */
public final class NfeLabWindow extends Stage {

    public NfeLabWindow(Window owner, NfeLabViewModel vm) {
        initOwner(owner);
        setTitle("NFE lab — steps against quality");
        Label about = new Label("NFE is the number of network evaluations a sampler spends: Euler uses 1 per step, "
                + "midpoint and Heun 2, RK4 4, and the adaptive Dopri5 as many as its tolerance needs. The chart "
                + "plots, on log–log axes, each solver's endpoint error against a fine reference (Dopri5 at 1e-8) and "
                + "the sliced W₂ distance to the target, against NFE — a straighter flow reaches low error with "
                + "fewer evaluations.");
        about.setWrapText(true);
        about.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the chart must not squeeze it to one line
        Button run = new Button("Run");
        run.setId("nfeRun");
        run.setOnAction(e -> vm.run());
        run.disableProperty().bind(vm.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("nfeCancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button copy = new Button("Copy as CSV");
        copy.setId("nfeCopy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.csv());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        copy.disableProperty().bind(vm.resultsProperty().isEqualTo(java.util.List.of()));
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);

        ImageView chart = new ImageView();
        chart.setPreserveRatio(true);
        chart.setFitWidth(NfeLabViewModel.CHART_WIDTH);
        vm.chartProperty().addListener((o, a, f) -> chart.setImage(f == null ? null : image(f)));
        if (vm.chartProperty().get() != null) {
            chart.setImage(image(vm.chartProperty().get()));
        }

        TableView<NfeLab.Row> table = new TableView<>();
        table.setId("nfeTable");
        table.getColumns().add(column("Model", NfeLab.Row::model));
        table.getColumns().add(column("Solver", r -> r.setting().solver()));
        table.getColumns().add(column("Setting", r -> r.setting().label()));
        table.getColumns().add(column("NFE", r -> r.nfe() < 0 ? "failed" : Integer.toString(r.nfe())));
        table.getColumns().add(column("Endpoint error", r -> number(r.endpointError())));
        table.getColumns().add(column("SW₂", r -> number(r.sw2())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        vm.resultsProperty().addListener((o, a, b) -> table.setItems(FXCollections.observableArrayList(vm.rows())));
        table.setItems(FXCollections.observableArrayList(vm.rows()));
        VBox.setVgrow(table, Priority.ALWAYS);

        Button add = new Button("Compare with a model file…");
        add.setId("nfeAddModel");
        add.setTooltip(new Tooltip("Add a saved model (.zip) or session (.flowlab) — e.g. one trained on the VP path "
                + "or with the OT coupling — to measure beside the current model on the same noise."));
        add.setOnAction(e -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle("Compare with a model");
            fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("FlowLab models and sessions",
                    "*.zip", "*.flowlab"));
            java.io.File f = fc.showOpenDialog(this);
            if (f != null) {
                vm.addModelFile(f.toPath());
            }
        });
        Button clear = new Button("Clear");
        clear.setOnAction(e -> vm.clearAdded());
        clear.disableProperty().bind(vm.addedNamesProperty().isEmpty());
        Label addedNames = new Label();
        addedNames.textProperty().bind(vm.addedNamesProperty());
        addedNames.setWrapText(true);
        HBox compare = new HBox(8, add, clear, addedNames);
        compare.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox root = new VBox(8, about, new HBox(8, run, cancel, bar, copy), compare, status, chart, table);
        root.setPadding(new Insets(10));
        setScene(new Scene(root, 940, 900));
    }

    private static TableColumn<NfeLab.Row, String> column(String title, Function<NfeLab.Row, String> value) {
        TableColumn<NfeLab.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3g", v);
    }

    static WritableImage image(Frame f) {
        WritableImage img = new WritableImage(f.width(), f.height());
        img.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getIntArgbInstance(), f.pixels(), 0,
                f.width());
        return img;
    }
}
