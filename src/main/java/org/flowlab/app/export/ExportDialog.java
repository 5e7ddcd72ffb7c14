package org.flowlab.app.export;

import org.flowlab.app.ControlBindings;

import java.io.File;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.flowlab.export.AnimationSettings;
import org.flowlab.export.ExportFormat;

/** Export settings, then a file chooser; the export itself runs in the background with progress below. */
public final class ExportDialog {

    private ExportDialog() {
    }

    public static void show(Window owner, ExportViewModel ex) {
        ex.prefill();
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export animation");
        d.setHeaderText("Frames come from the same renderer as the screen; same settings, same frames.");
        ComboBox<ExportFormat> format = new ComboBox<>(FXCollections.observableArrayList(ExportFormat.values()));
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExportFormat f) {
                return f == null ? "" : switch (f) {
                    case MP4 -> "MP4 video (H.264)";
                    case GIF -> "Animated GIF (loops)";
                    case PNG_SEQUENCE -> "PNG frames (folder)";
                    case PNG_STILL -> "PNG still at t";
                    case SVG_STILL -> "SVG still at t (vector)";
                };
            }

            @Override
            public ExportFormat fromString(String s) {
                return null;
            }
        });
        format.valueProperty().bindBidirectional(ex.formatProperty());
        ComboBox<String> size = new ComboBox<>(FXCollections.observableArrayList("1280x720", "1920x1080",
                "1080x1080", "854x480", "640x360"));
        size.setEditable(true);
        size.valueProperty().bindBidirectional(ex.sizeProperty());
        Spinner<Double> fps = new Spinner<>(1.0, 60.0, ex.fpsProperty().get(), 1.0);
        ControlBindings.decimal(fps, fps.getValueFactory().valueProperty(), ex.fpsProperty());
        Spinner<Double> seconds = new Spinner<>(0.5, 120.0, ex.secondsProperty().get(), 0.5);
        seconds.setEditable(true);
        ControlBindings.decimal(seconds, seconds.getValueFactory().valueProperty(), ex.secondsProperty());
        ComboBox<AnimationSettings.Direction> direction =
                new ComboBox<>(FXCollections.observableArrayList(AnimationSettings.Direction.values()));
        direction.valueProperty().bindBidirectional(ex.directionProperty());
        direction.setConverter(new StringConverter<>() {
            @Override
            public String toString(AnimationSettings.Direction dir) {
                return dir == null ? "" : switch (dir) {
                    case FORWARD -> "Noise → data";
                    case BACKWARD -> "Data → noise";
                    case PING_PONG -> "Ping-pong";
                };
            }

            @Override
            public AnimationSettings.Direction fromString(String s) {
                return null;
            }
        });
        Spinner<Double> from = new Spinner<>(0.0, 1.0, ex.fromTProperty().get(), 0.05);
        ControlBindings.decimal(from, from.getValueFactory().valueProperty(), ex.fromTProperty());
        Spinner<Double> to = new Spinner<>(0.0, 1.0, ex.toTProperty().get(), 0.05);
        ControlBindings.decimal(to, to.getValueFactory().valueProperty(), ex.toTProperty());
        javafx.scene.layout.HBox range = new javafx.scene.layout.HBox(6, from, new Label("to"), to);
        range.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        from.setPrefWidth(80);
        to.setPrefWidth(80);
        CheckBox trails = new CheckBox("Particle trails");
        trails.selectedProperty().bindBidirectional(ex.trailsProperty());
        CheckBox target = new CheckBox("Target density underlay");
        target.selectedProperty().bindBidirectional(ex.targetProperty());
        TextField caption = new TextField();
        caption.textProperty().bindBidirectional(ex.captionProperty());
        caption.setPrefColumnCount(28);
        Spinner<Double> t = new Spinner<>(0.0, 1.0, ex.stillTProperty().get(), 0.05);
        ControlBindings.decimal(t, t.getValueFactory().valueProperty(), ex.stillTProperty());
        javafx.scene.control.RadioButton overT = new javafx.scene.control.RadioButton("t (noise → data)");
        javafx.scene.control.RadioButton overTraining = new javafx.scene.control.RadioButton(
                "training (the learning movie, at the fixed t below)");
        overTraining.setId("exportOverTraining");
        javafx.scene.control.ToggleGroup over = new javafx.scene.control.ToggleGroup();
        overT.setToggleGroup(over);
        overTraining.setToggleGroup(over);
        (ex.overTrainingProperty().get() ? overTraining : overT).setSelected(true);
        overTraining.selectedProperty().addListener((o, a, b) -> ex.overTrainingProperty().set(b));
        Label overExplanation = new Label(ExportViewModel.OVER_TRAINING_EXPLANATION);
        overExplanation.setWrapText(true);
        overExplanation.setMaxWidth(420);
        overExplanation.getStyleClass().add("hint");
        t.disableProperty().bind(format.valueProperty().isNotEqualTo(ExportFormat.PNG_STILL)
                .and(format.valueProperty().isNotEqualTo(ExportFormat.SVG_STILL))
                .and(ex.overTrainingProperty().not()));
        range.disableProperty().bind(ex.overTrainingProperty());
        direction.disableProperty().bind(ex.overTrainingProperty());

        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        int r = 0;
        g.addRow(r++, new Label("Frames over"), new javafx.scene.layout.VBox(4, overT, overTraining,
                overExplanation));
        g.addRow(r++, new Label("Format"), format);
        g.addRow(r++, new Label("Size"), size);
        g.addRow(r++, new Label("Frames per second"), fps);
        g.addRow(r++, new Label("Duration (s)"), seconds);
        g.addRow(r++, new Label("t range"), range);
        g.addRow(r++, new Label("Direction"), direction);
        g.addRow(r++, new Label("Overlays"), trails);
        g.add(target, 1, r++);
        g.addRow(r++, new Label("Caption ({t} = time)"), caption);
        g.addRow(r, new Label("t of a still or of the learning movie"), t);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        ((javafx.scene.control.Button) d.getDialogPane().lookupButton(ButtonType.OK)).setText("Export…");
        if (d.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        File out;
        if (ex.formatProperty().get() == ExportFormat.PNG_SEQUENCE) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Folder for the PNG frames (a new subfolder 'flowlab-frames' is created)");
            File parent = dc.showDialog(owner);
            out = parent == null ? null : new File(parent, "flowlab-frames");
        } else {
            FileChooser fc = new FileChooser();
            fc.setTitle("Export to");
            fc.setInitialFileName("flow" + ex.extension());
            out = fc.showSaveDialog(owner);
        }
        if (out != null) {
            ex.start(out.toPath());
        }
    }
}
