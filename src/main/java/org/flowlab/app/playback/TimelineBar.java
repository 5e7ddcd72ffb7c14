package org.flowlab.app.playback;

import org.flowlab.app.ControlBindings;
import org.flowlab.app.LayoutBarrier;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** Play/pause, the t slider, speed, loop and direction, and the progress of a running simulation. */
public final class TimelineBar extends HBox {

    public TimelineBar(PlaybackViewModel p) {
        super(10);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 10, 6, 10));
        getStyleClass().add("timeline");

        Button play = new Button();
        play.setId("playButton");
        play.textProperty().bind(Bindings.when(p.playingProperty()).then("❚❚ Pause").otherwise("▶ Play"));
        play.setMinWidth(86);
        play.setOnAction(e -> p.togglePlay());

        Slider t = new Slider(0, 1, 1);
        t.setId("tSlider");
        t.valueProperty().bindBidirectional(p.tProperty());
        t.setMajorTickUnit(0.25);
        t.setShowTickMarks(true);
        t.setMinWidth(160);
        Label tLabel = new Label();
        tLabel.setId("tLabel");
        tLabel.textProperty().bind(Bindings.format("t = %.2f", p.tProperty()));
        tLabel.setMinWidth(64);

        ComboBox<Double> speed = new ComboBox<>(FXCollections.observableArrayList(0.25, 0.5, 1.0, 2.0, 4.0));
        speed.setId("speedBox");
        ControlBindings.decimal(speed, speed.valueProperty(), p.speedProperty());
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : (v == Math.floor(v) ? String.format("%.0f×", v) : v + "×");
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("×", ""));
            }
        });
        CheckBox loop = new CheckBox("Loop");
        loop.setId("loopBox");
        loop.selectedProperty().bindBidirectional(p.loopProperty());
        loop.setMinWidth(Region.USE_PREF_SIZE);
        ComboBox<PlaybackViewModel.Direction> direction =
                new ComboBox<>(FXCollections.observableArrayList(PlaybackViewModel.Direction.values()));
        direction.setId("directionBox");
        direction.valueProperty().bindBidirectional(p.directionProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("simulationProgress");
        progress.progressProperty().bind(p.progressProperty());
        progress.visibleProperty().bind(p.computingProperty());
        progress.managedProperty().bind(p.computingProperty());
        progress.setPrefWidth(70);
        progress.setMinWidth(50);
        Label what = new Label();
        what.setId("simulationLabel");
        what.textProperty().bind(p.descriptionProperty());
        what.getStyleClass().add("hint");
        what.setMinWidth(60);
        what.setMaxWidth(230);

        // Both change every frame while playing: their layout requests stop at the holders.
        Region slider = LayoutBarrier.around(t);
        HBox.setHgrow(slider, Priority.ALWAYS);
        getChildren().addAll(play, LayoutBarrier.around(tLabel), slider, speed, loop, direction,
                progress, what);
    }
}
