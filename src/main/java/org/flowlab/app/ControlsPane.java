package org.flowlab.app;

import org.flowlab.app.density.DensityViewModel;
import org.flowlab.app.drawing.DrawingViewModel;
import org.flowlab.app.playback.PlaybackViewModel;
import org.flowlab.app.training.TrainingViewModel;

import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.flowlab.density.Preset;
import org.flowlab.flow.LinearPath;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.flow.SigmaMinPath;
import org.flowlab.flow.VariancePreservingPath;
import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.train.TrainingState;

/** The side panel: Data, Model, Training, Sampling and View groups, each control bound to a view model. */
public final class ControlsPane extends ScrollPane {

    public ControlsPane(MainViewModel vm) {
        VBox box = new VBox(8, data(vm), model(vm), training(vm), section("Sampling", org.flowlab.app.playback.SamplingControls.of(vm.playback())), guidance(vm), view(vm),
                new org.flowlab.app.exact.InstrumentsPane(vm.showExactProperty(), vm.showErrorProperty(),
                        vm.probe(), vm.lens(), vm.drawing().grid().halfWidth()),
                new org.flowlab.app.lessons.LessonsPane(vm.trace(), vm.warp().showProperty(),
                        org.flowlab.app.warp.GridWarpViewModel.EXPLANATION),
                new org.flowlab.app.schedules.SchedulesPane(vm.schedules()));
        box.setPadding(new Insets(8));
        setContent(box);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(320);
        setMinWidth(300);
        getStyleClass().add("controls");
    }

    private static TitledPane section(String title, Node content) {
        TitledPane p = new TitledPane(title, content);
        p.setCollapsible(true);
        return p;
    }

    /** The side panel's two-column grid (label, control). */
    public static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    /** A row label that never shrinks below its text. */
    public static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private Node data(MainViewModel vm) {
        DrawingViewModel d = vm.drawing();
        ComboBox<Preset> presets = new ComboBox<>(FXCollections.observableArrayList(Preset.values()));
        presets.setId("presetBox");
        presets.valueProperty().bindBidirectional(d.presetProperty());
        presets.setMaxWidth(Double.MAX_VALUE);
        presets.setPromptText("Choose a preset");

        Button load = new Button("Load image or points…");
        load.setId("loadButton");
        load.setMaxWidth(Double.MAX_VALUE);
        load.setTooltip(new Tooltip("PNG/JPEG (dark or opaque pixels become mass) or a CSV of x,y points. "
                + "You can also drop a file on the canvas."));
        load.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Load a density");
            fc.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Images and points", "*.png", "*.jpg", "*.jpeg", "*.gif",
                            "*.bmp", "*.csv", "*.txt"),
                    new FileChooser.ExtensionFilter("All files", "*.*"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                d.loadFile(f.toPath());
            }
        });

        ToggleGroup tools = new ToggleGroup();
        ToggleButton brush = new ToggleButton("Brush");
        brush.setId("brushTool");
        ToggleButton eraser = new ToggleButton("Eraser");
        eraser.setId("eraserTool");
        brush.setToggleGroup(tools);
        eraser.setToggleGroup(tools);
        brush.setSelected(true);
        tools.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                d.toolProperty().set(b == eraser ? DrawingViewModel.Tool.ERASER : DrawingViewModel.Tool.BRUSH);
            }
        });
        d.toolProperty().addListener((o, a, b) -> (b == DrawingViewModel.Tool.ERASER ? eraser : brush)
                .setSelected(true));
        brush.setMaxWidth(Double.MAX_VALUE);
        eraser.setMaxWidth(Double.MAX_VALUE);
        HBox toolRow = new HBox(6, brush, eraser);
        HBox.setHgrow(brush, Priority.ALWAYS);
        HBox.setHgrow(eraser, Priority.ALWAYS);

        Slider size = new Slider(0.05, 1.5, 0.35);
        size.setId("brushSize");
        size.valueProperty().bindBidirectional(d.brushRadiusProperty());
        Slider strength = new Slider(0.05, 1, 0.6);
        strength.setId("brushStrength");
        strength.valueProperty().bindBidirectional(d.brushStrengthProperty());

        Button clear = new Button("Clear");
        clear.setId("clearButton");
        clear.setOnAction(e -> d.clear());
        Button undo = new Button("Undo");
        undo.setId("undoButton");
        undo.disableProperty().bind(d.canUndoProperty().not());
        undo.setOnAction(e -> d.undo());
        undo.setTooltip(new Tooltip("Ctrl+Z"));
        Button redo = new Button("Redo");
        redo.setId("redoButton");
        redo.disableProperty().bind(d.canRedoProperty().not());
        redo.setOnAction(e -> d.redo());
        redo.setTooltip(new Tooltip("Ctrl+Shift+Z"));
        HBox edits = new HBox(6, clear, undo, redo);

        Label source = new Label();
        source.textProperty().bind(Bindings.concat("Target: ", d.sourceProperty()));
        source.getStyleClass().add("hint");

        GridPane g = grid();
        g.addRow(0, label("Preset"), presets);
        g.add(load, 0, 1, 2, 1);
        g.add(toolRow, 0, 2, 2, 1);
        g.addRow(3, label("Size"), size);
        g.addRow(4, label("Strength"), strength);
        g.add(edits, 0, 5, 2, 1);
        g.add(source, 0, 6, 2, 1);
        g.add(palette(d), 0, 7, 2, 1);
        return section("Data", g);
    }

    /**
     * The class palette: one swatch per class (the brush paints the selected one), "+" for a new class, whether
     * the eraser removes every class or the selected one, and whether presets load with their classes.
     */
    private static Node palette(DrawingViewModel d) {
        HBox swatches = new HBox(4);
        swatches.setId("classPalette");
        Runnable rebuild = () -> {
            swatches.getChildren().clear();
            List<org.flowlab.density.DensityClass> cs = d.classesProperty().get();
            int shown = Math.max(cs.size(), d.activeClassProperty().get() + 1);
            ToggleGroup group = new ToggleGroup();
            for (int k = 0; k < shown; k++) {
                org.flowlab.density.DensityClass c = k < cs.size() ? cs.get(k)
                        : org.flowlab.density.DensityClass.standard(k);
                ToggleButton b = new ToggleButton(Integer.toString(k));
                b.setId("classSwatch" + k);
                b.setToggleGroup(group);
                b.setSelected(k == d.activeClassProperty().get());
                b.setStyle("-fx-base: " + c.hex() + "; -fx-font-weight: bold;");
                b.setTooltip(new Tooltip("Paint class " + k + " (" + c.name() + ")"));
                int kk = k;
                b.setOnAction(e -> d.activeClassProperty().set(kk));
                swatches.getChildren().add(b);
            }
            Button add = new Button("+");
            add.setId("addClass");
            add.setTooltip(new Tooltip("A new class (colour) to paint, up to " + org.flowlab.density.DensityClass.MAX));
            add.setOnAction(e -> d.addClass());
            swatches.getChildren().add(add);
        };
        d.classesProperty().addListener((o, a, b) -> rebuild.run());
        d.activeClassProperty().addListener((o, a, b) -> rebuild.run());
        rebuild.run();
        CheckBox eraseAll = new CheckBox("Erase all classes");
        eraseAll.setId("eraseAll");
        eraseAll.selectedProperty().bindBidirectional(d.eraseAllProperty());
        CheckBox presetClasses = new CheckBox("Presets with classes");
        presetClasses.setId("presetClasses");
        presetClasses.selectedProperty().bindBidirectional(d.presetClassesProperty());
        Label hint = new Label("Each colour is a class; with two or more the model learns v(x, t, class).");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        HBox row = new HBox(8, label("Classes"), swatches);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return new VBox(4, row, new HBox(10, eraseAll, presetClasses), hint);
    }

    /**
     * Conditional generation: which class the particles are, the guidance scale w (re-simulates on every change),
     * and the three fields at t.
     */
    private Node guidance(MainViewModel vm) {
        PlaybackViewModel p = vm.playback();
        ComboBox<Integer> generate = new ComboBox<>();
        generate.setId("generateBox");
        generate.setMaxWidth(Double.MAX_VALUE);
        Runnable items = () -> {
            int keep = p.generateProperty().get();
            List<Integer> ks = new java.util.ArrayList<>(List.of(PlaybackViewModel.ALL_CLASSES));
            int n = vm.drawing().classesProperty().get().size();
            for (int k = 0; k < n && n > 1; k++) {
                ks.add(k);
            }
            generate.setItems(FXCollections.observableArrayList(ks));
            generate.setValue(ks.contains(keep) ? keep : PlaybackViewModel.ALL_CLASSES);
        };
        generate.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer k) {
                if (k == null || k < 0) {
                    return "all classes";
                }
                List<org.flowlab.density.DensityClass> cs = vm.drawing().classesProperty().get();
                return "class " + k + (k < cs.size() ? " · " + cs.get(k).name() : "");
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        vm.drawing().classesProperty().addListener((o, a, b) -> items.run());
        items.run();
        generate.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                p.generateProperty().set(b);
            }
        });
        Slider w = new Slider(0, PlaybackViewModel.MAX_GUIDANCE, 1);
        w.setId("guidanceSlider");
        w.setShowTickMarks(true);
        w.setMajorTickUnit(1);
        w.valueProperty().bindBidirectional(p.guidanceProperty());
        Label wValue = new Label();
        wValue.textProperty().bind(Bindings.format("w = %.2f", p.guidanceProperty()));
        CheckBox fields = new CheckBox("Show the three fields at t");
        fields.setId("showGuidanceFields");
        fields.selectedProperty().bindBidirectional(vm.overlays().showGuidanceProperty());
        Label explain = new Label("Generate: a class-conditional model moves each particle with the field of "
                + "its class; 'all classes' draws classes in proportion to their mass.");
        explain.setWrapText(true);
        explain.getStyleClass().add("hint");
        Label explainW = new Label("Guidance w: v = v(∅) + w·(v(class) − v(∅)). w = 0 ignores the class, w = 1 is "
                + "the plain conditional field, w > 1 pushes samples away from the other classes (tighter classes).");
        explainW.setWrapText(true);
        explainW.getStyleClass().add("hint");
        Label explainF = new Label("Arrows: grey = unconditional v(∅), blue = conditional v(class), amber = guided "
                + "(for the chosen class, or class 0 with 'all classes').");
        explainF.setWrapText(true);
        explainF.getStyleClass().add("hint");
        GridPane g = grid();
        g.addRow(0, label("Generate"), generate);
        g.addRow(1, label("Guidance"), w);
        g.add(wValue, 1, 2);
        g.add(fields, 0, 3, 2, 1);
        VBox box = new VBox(6, g, explain, explainW, explainF);
        return section("Classes & guidance", box);
    }

    private Node model(MainViewModel vm) {
        TrainingViewModel t = vm.training();
        ComboBox<NetworkKind> net = new ComboBox<>(FXCollections.observableArrayList(NetworkKind.values()));
        net.setId("netBox");
        net.setConverter(new StringConverter<>() {
            @Override
            public String toString(NetworkKind k) {
                return k == null ? "" : (k == NetworkKind.MLP ? "MLP" : "U-Net (skip MLP)");
            }

            @Override
            public NetworkKind fromString(String s) {
                return null;
            }
        });
        net.valueProperty().bindBidirectional(t.netProperty());
        Spinner<Integer> width = new Spinner<>(8, 1024, ModelConfig.DEFAULT_MLP_WIDTH, 32);
        width.setId("widthSpinner");
        ControlBindings.integer(width, width.getValueFactory().valueProperty(), t.widthProperty());
        width.setEditable(true);
        Spinner<Integer> depth = new Spinner<>(1, 8, 3, 1);
        depth.setId("depthSpinner");
        ControlBindings.integer(depth, depth.getValueFactory().valueProperty(), t.depthProperty());
        width.disableProperty().bind(t.netProperty().isNotEqualTo(NetworkKind.MLP));
        depth.disableProperty().bind(t.netProperty().isNotEqualTo(NetworkKind.MLP));
        ComboBox<String> path = new ComboBox<>(FXCollections.observableArrayList(ProbabilityPath.IDS));
        path.setId("pathBox");
        path.valueProperty().bindBidirectional(t.pathProperty());
        path.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : pathLabel(ProbabilityPath.byId(id));
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        for (ComboBox<?> c : List.of(net, path)) {
            c.setMaxWidth(Double.MAX_VALUE);
        }
        width.setMaxWidth(Double.MAX_VALUE);
        depth.setMaxWidth(Double.MAX_VALUE);
        GridPane g = grid();
        g.addRow(0, label("Network"), net);
        g.addRow(1, label("Width"), width);
        g.addRow(2, label("Depth"), depth);
        g.addRow(3, label("Path"), path);
        return section("Model", g);
    }

    private static String pathLabel(ProbabilityPath p) {
        if (p instanceof LinearPath) {
            return "OT (straight)";
        }
        if (p instanceof SigmaMinPath) {
            return "OT with σ_min";
        }
        if (p instanceof VariancePreservingPath) {
            return "VP diffusion (curved)";
        }
        return p.id();
    }

    private Node training(MainViewModel vm) {
        TrainingViewModel t = vm.training();
        ComboBox<Integer> batch = new ComboBox<>(FXCollections.observableArrayList(64, 128, 256, 512, 1024, 2048, 4096));
        batch.setId("batchBox");
        ControlBindings.integer(batch, batch.valueProperty(), t.batchProperty());
        ComboBox<Double> lr = new ComboBox<>(FXCollections.observableArrayList(1e-4, 3e-4, 1e-3, 3e-3, 1e-2));
        lr.setId("lrBox");
        ControlBindings.decimal(lr, lr.valueProperty(), t.learningRateProperty());
        lr.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(java.util.Locale.ROOT, "%.0e", v);
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s);
            }
        });
        Spinner<Long> seed = new Spinner<>(new SeedValueFactory());
        seed.setId("seedSpinner");
        seed.setEditable(true);
        ControlBindings.whole(seed, seed.getValueFactory().valueProperty(), t.seedProperty());
        batch.setMaxWidth(Double.MAX_VALUE);
        lr.setMaxWidth(Double.MAX_VALUE);
        seed.setMaxWidth(Double.MAX_VALUE);

        Button train = new Button("Train");
        train.setId("trainButton");
        train.getStyleClass().add("accent");
        train.setOnAction(e -> t.train());
        train.disableProperty().bind(t.stateProperty().isEqualTo(TrainingState.RUNNING));
        train.textProperty().bind(Bindings.when(t.stateProperty().isEqualTo(TrainingState.PAUSED)
                .or(t.stateProperty().isEqualTo(TrainingState.STOPPED))).then("Resume").otherwise("Train"));
        Button pause = new Button("Pause");
        pause.setId("pauseButton");
        pause.setOnAction(e -> t.pause());
        pause.disableProperty().bind(t.stateProperty().isNotEqualTo(TrainingState.RUNNING));
        Button reset = new Button("Reset");
        reset.setId("resetButton");
        reset.setOnAction(e -> t.reset());
        reset.setTooltip(new Tooltip("Stop and start again from freshly initialised weights"));
        for (Button b : List.of(train, pause, reset)) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        HBox buttons = new HBox(6, train, pause, reset);
        Label hint = new Label("Changes to the model take effect at the next Train after Reset.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");

        ComboBox<org.flowlab.compute.BackendChoice.Preference> backend = new ComboBox<>(
                FXCollections.observableArrayList(org.flowlab.compute.BackendChoice.Preference.values()));
        backend.setId("backendBox");
        backend.setMaxWidth(Double.MAX_VALUE);
        backend.setValue(org.flowlab.compute.Launch.storedPreference(org.flowlab.compute.Launch.home()));
        backend.setTooltip(new Tooltip("Auto: the GPU when this build has CUDA and the GPU can run it. "
                + "Takes effect the next time FlowLab starts."));
        backend.valueProperty().addListener((o, a, b) -> {
            try {
                org.flowlab.compute.Launch.storePreference(org.flowlab.compute.Launch.home(), b);
                vm.notify(org.flowlab.app.Notification.info("Compute backend set to " + b
                        + "; it applies the next time FlowLab starts."));
            } catch (java.io.IOException ex) {
                vm.notify(org.flowlab.app.Notification.error("Could not store the setting: " + ex.getMessage()));
            }
        });

        GridPane g = grid();
        g.addRow(0, label("Batch"), batch);
        g.addRow(1, label("Learning rate"), lr);
        g.addRow(2, label("Seed"), seed);
        g.addRow(3, label("Compute"), backend);
        g.add(buttons, 0, 4, 2, 1);
        g.add(hint, 0, 5, 2, 1);
        g.add(new org.flowlab.app.straight.StraightSection(vm), 0, 6, 2, 1);
        return section("Training", g);
    }

    private Node view(MainViewModel vm) {
        CheckBox target = new CheckBox("Target density underlay");
        target.setId("showTarget");
        target.selectedProperty().bindBidirectional(vm.showTargetProperty());
        CheckBox trails = new CheckBox("Particle trails");
        trails.setId("showTrails");
        trails.selectedProperty().bindBidirectional(vm.showTrailsProperty());
        CheckBox field = new CheckBox("Vector field at t");
        field.setId("showField");
        field.selectedProperty().bindBidirectional(vm.showFieldProperty());
        CheckBox pairs = new CheckBox("Conditional paths (x0 → x1)");
        pairs.setId("showPairs");
        pairs.selectedProperty().bindBidirectional(vm.showPairsProperty());
        CheckBox density = new CheckBox("Learned density p_t (heatmap)");
        density.setId("showDensity");
        density.setMnemonicParsing(false);
        density.selectedProperty().bindBidirectional(vm.density().showProperty());
        density.setTooltip(new Tooltip("What the model believes: p_t from the instantaneous change of variables, "
                + DensityViewModel.GRID + "² grid, computed in the background at the current t."));
        CheckBox colour = new CheckBox("Colour by starting point");
        colour.setId("colorByStart");
        colour.selectedProperty().bindBidirectional(vm.colorByStartProperty());
        return section("View", new VBox(6, target, density, trails, field, pairs, colour));
    }
}
