package org.flowlab.app;

import org.flowlab.app.document.DocumentViewModel;
import org.flowlab.app.drawing.CanvasView;
import org.flowlab.app.export.ExportDialog;
import org.flowlab.app.playback.PlaybackViewModel;
import org.flowlab.app.playback.TimelineBar;
import org.flowlab.app.training.LossChartView;
import org.flowlab.app.training.TrainingViewModel;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.StatusBar;
import org.flowlab.train.TrainingState;
import org.flowlab.ode.Trajectory;

/**
 * The window's layout: canvas in the middle, controls on the right, timeline and loss chart below, status bar
 * at the bottom. One AnimationTimer drives everything once per pulse: the view model reads the trainer and
 * moves the playhead, then the canvas and chart redraw if their data changed.
 */
public final class MainView extends BorderPane {

    private final MainViewModel vm;
    private final CanvasView canvas;
    /** Where the loss floor is shown: why the loss stops falling. */
    static final String FLOOR_EXPLANATION = "The dashed violet line is the loss floor L* = E‖u_t(x_t | x1) − u_t(x_t)‖² / 2, "
            + "the loss of the exact marginal field u_t: no model can do better, because the conditional velocities "
            + "x1 − x0 through a point disagree and a network can only predict their average. "
            + "When the loss stops falling on this line, the model has reached the floor — it has not failed.";
    private final LossChartView chart = new LossChartView();
    private final org.flowlab.app.exact.LossByTView lossByT = new org.flowlab.app.exact.LossByTView();
    private final NotificationPane notifications;
    /** The column holding the canvas area, which presenter mode borrows. */
    private final BorderPane centre;
    private final org.flowlab.app.present.PresenterView presenter;
    /** The window's regions (top, right, bottom, centre) while presenter mode has taken them. */
    private javafx.scene.Node[] beforePresenting;
    private final AnimationTimer timer;
    private final boolean perf;
    private final org.flowlab.render.FrameTimes pulseIntervals = new org.flowlab.render.FrameTimes();
    private long lastPerfReport;
    private long lastPulse;

    public MainView(MainViewModel vm, boolean perf) {
        this.vm = vm;
        this.perf = perf;
        this.canvas = new CanvasView(vm);
        getStyleClass().add("main-view");

        StackPane canvasHolder = new StackPane(canvas);
        canvasHolder.getStyleClass().add("canvas-holder");
        notifications = new NotificationPane(canvasHolder);
        notifications.setId("notifications");
        notifications.setShowFromTop(true);
        vm.notificationProperty().addListener((o, a, n) -> {
            if (n == null) {
                notifications.hide();
            } else {
                notifications.getStyleClass().removeAll("error", "info");
                notifications.getStyleClass().add(n.severity() == Notification.Severity.ERROR ? "error" : "info");
                notifications.show(n.text());
            }
        });
        notifications.setOnHidden(e -> vm.dismissNotification());
        // Centre column: canvas over timeline and chart; the side panel spans the full height beside it.
        centre = new BorderPane(notifications);
        javafx.scene.layout.HBox charts = new javafx.scene.layout.HBox(8, chart, lossByT);
        javafx.scene.layout.HBox.setHgrow(chart, javafx.scene.layout.Priority.ALWAYS);
        VBox below = new VBox(new TimelineBar(vm.playback()),
                new org.flowlab.app.history.HistoryBar(vm.history()), new Separator(), charts);
        vm.history().markedStepProperty().addListener((o, a, s) -> chart.setMarkedStep(s.longValue()));
        VBox.setMargin(charts, new Insets(4, 10, 6, 10));
        javafx.scene.control.Tooltip.install(chart, new javafx.scene.control.Tooltip(FLOOR_EXPLANATION));
        javafx.scene.control.Tooltip.install(lossByT, new javafx.scene.control.Tooltip(
                "The loss by time t on the floor's samples: the data's floor (violet) and the shown model (orange). "
                        + "Where the orange curve lies on the green one, the model has learned the exact field at that t."));
        vm.floor().floorProperty().addListener((o, a, f) -> {
            chart.setFloor(f == null ? Double.NaN : f.data().loss(), f == null ? Double.NaN
                    : f.data().standardError());
            lossByT.setData(f, vm.floor().modelProperty().get());
        });
        vm.floor().modelProperty().addListener((o, a, m) -> lossByT.setData(vm.floor().floorProperty().get(), m));
        vm.training().weightsProperty().addListener((o, a, w) -> chart.setConditional(w != null
                && w.config().classes() > 0));
        centre.setBottom(below);
        setCenter(centre);
        setRight(new ControlsPane(vm));
        setTop(menuBar());
        setBottom(statusBar());
        presenter = new org.flowlab.app.present.PresenterView(vm.presenter(), overlays());
        vm.presenter().activeProperty().addListener((o, was, on) -> present(on));

        vm.training().trainHistoryProperty().addListener(o -> updateChart());
        vm.training().validationHistoryProperty().addListener(o -> updateChart());
        vm.density().nllProperty().addListener((o, a, b) -> chart.setNll(b));

        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.onPulse(now);
                canvas.redraw();
                if (perf) {
                    if (lastPulse > 0) {
                        pulseIntervals.record(now - lastPulse);
                    }
                    lastPulse = now;
                    if (now - lastPerfReport > 5_000_000_000L) {
                        lastPerfReport = now;
                        Trajectory tr = vm.playback().trajectoryProperty().get();
                        System.out.printf(java.util.Locale.ROOT,
                                "[perf] particles %d, training %s at %.0f steps/s | render %s | pulse interval %s%n",
                                tr == null ? 0 : tr.particles(), vm.training().stateProperty().get(),
                                vm.training().stepsPerSecondProperty().get(), canvas.frameTimes().summary(),
                                pulseIntervals.summary());
                        canvas.frameTimes().clear();
                        pulseIntervals.clear();
                    }
                }
            }
        };
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                installShortcuts();
            }
        });
    }

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    public CanvasView canvas() {
        return canvas;
    }

    public LossChartView chart() {
        return chart;
    }

    public org.flowlab.app.exact.LossByTView lossByT() {
        return lossByT;
    }

    /** The overlays presenter mode's O menu switches. */
    private java.util.List<org.flowlab.app.present.PresenterView.Overlay> overlays() {
        return java.util.List.of(
                new org.flowlab.app.present.PresenterView.Overlay("Target density underlay", vm.showTargetProperty()),
                new org.flowlab.app.present.PresenterView.Overlay("Learned density p_t", vm.density().showProperty()),
                new org.flowlab.app.present.PresenterView.Overlay("Particle trails", vm.showTrailsProperty()),
                new org.flowlab.app.present.PresenterView.Overlay("Vector field at t", vm.showFieldProperty()),
                new org.flowlab.app.present.PresenterView.Overlay("Conditional paths x0 → x1", vm.showPairsProperty()),
                new org.flowlab.app.present.PresenterView.Overlay("Exact field u_t", vm.showExactProperty()),
                new org.flowlab.app.present.PresenterView.Overlay("Error map", vm.showErrorProperty()),
                new org.flowlab.app.present.PresenterView.Overlay("Colour by starting point",
                        vm.colorByStartProperty()));
    }

    /** The presenter layer (tests look at its captions and menu). */
    public org.flowlab.app.present.PresenterView presenter() {
        return presenter;
    }

    /**
     * In: the canvas area (with its notifications) moves into the presenter layer, which takes the whole window,
     * and the window goes full screen. Out: everything back where it was.
     */
    private void present(boolean on) {
        javafx.stage.Stage stage = getScene() != null && getScene().getWindow() instanceof javafx.stage.Stage st
                ? st : null;
        if (on && beforePresenting == null) {
            beforePresenting = new javafx.scene.Node[]{getTop(), getRight(), getBottom(), getCenter()};
            setTop(null);
            setRight(null);
            setBottom(null);
            centre.setCenter(null);
            presenter.present(notifications);
            setCenter(presenter);
            if (stage != null) {
                stage.setFullScreen(true);
            }
        } else if (!on && beforePresenting != null) {
            presenter.giveBack();
            centre.setCenter(notifications);
            setTop(beforePresenting[0]);
            setRight(beforePresenting[1]);
            setBottom(beforePresenting[2]);
            setCenter(beforePresenting[3]);
            beforePresenting = null;
            if (stage != null) {
                stage.setFullScreen(false);
            }
        }
    }

    private void updateChart() {
        chart.setData(vm.training().trainHistoryProperty().get(), vm.training().validationHistoryProperty().get());
    }

    private javafx.scene.control.MenuBar menuBar() {
        DocumentViewModel doc = vm.document();
        javafx.scene.control.MenuItem newDoc = item("New", "Shortcut+N", () -> confirmDiscard(doc::newDocument));
        javafx.scene.control.MenuItem open = item("Open…", "Shortcut+O", () -> confirmDiscard(() -> {
            javafx.stage.FileChooser fc = sessionChooser("Open a FlowLab session");
            java.io.File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                doc.open(f.toPath());
            }
        }));
        javafx.scene.control.MenuItem save = item("Save", "Shortcut+S", () -> save(() -> { }));
        javafx.scene.control.MenuItem saveAs = item("Save As…", "Shortcut+Shift+S", () -> saveAs(() -> { }));
        javafx.scene.control.MenuItem export = item("Export animation…", "Shortcut+E",
                () -> ExportDialog.show(getScene().getWindow(), vm.export()));
        export.disableProperty().bind(vm.export().runningProperty());
        javafx.scene.control.MenuItem quit = item("Quit", "Shortcut+Q",
                () -> getScene().getWindow().fireEvent(new javafx.stage.WindowEvent(getScene().getWindow(),
                        javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        javafx.scene.control.Menu file = new javafx.scene.control.Menu("File", null, newDoc, open,
                new javafx.scene.control.SeparatorMenuItem(), save, saveAs,
                new javafx.scene.control.SeparatorMenuItem(), export,
                new javafx.scene.control.SeparatorMenuItem(), quit);
        javafx.scene.control.MenuItem presenterItem = new javafx.scene.control.MenuItem("Presenter mode (F11)");
        presenterItem.setOnAction(e -> vm.presenter().toggle());
        javafx.scene.control.MenuItem shortcuts = item("Keyboard shortcuts", "F1",
                () -> org.flowlab.app.present.ShortcutsDialog.show(getScene().getWindow()));
        shortcuts.setId("shortcutsItem");
        javafx.scene.control.Menu help = new javafx.scene.control.Menu("Help", null, shortcuts, presenterItem);
        help.setId("helpMenu");
        javafx.scene.control.MenuBar bar = new javafx.scene.control.MenuBar(file, help);
        bar.setId("menuBar");
        return bar;
    }

    private static javafx.scene.control.MenuItem item(String text, String accelerator, Runnable action) {
        javafx.scene.control.MenuItem i = new javafx.scene.control.MenuItem(text);
        i.setAccelerator(KeyCombination.keyCombination(accelerator));
        i.setOnAction(e -> action.run());
        return i;
    }

    private static javafx.stage.FileChooser sessionChooser(String title) {
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("FlowLab sessions", "*.flowlab"));
        return fc;
    }

    /** Saves, asking where when the document has no file yet; {@code then} runs once the file is written. */
    void save(Runnable then) {
        if (vm.document().fileProperty().get() != null) {
            vm.document().save(then);
        } else {
            saveAs(then);
        }
    }

    void saveAs(Runnable then) {
        javafx.stage.FileChooser fc = sessionChooser("Save the session");
        fc.setInitialFileName("flow.flowlab");
        java.io.File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            vm.document().saveAs(f.toPath(), then);
        }
    }

    /**
     * Asks what to do with unsaved changes, then runs {@code proceed} once they are saved or discarded (not
     * at all when the user cancels or the save fails).
     */
    public void confirmDiscard(Runnable proceed) {
        if (!vm.document().dirtyProperty().get()) {
            proceed.run();
            return;
        }
        javafx.scene.control.ButtonType saveButton = new javafx.scene.control.ButtonType("Save",
                javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType("Don't Save",
                javafx.scene.control.ButtonBar.ButtonData.NO);
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "Your drawing, model or settings have changed since they were last saved.", saveButton, discard,
                javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText("Save your work first?");
        a.initOwner(getScene().getWindow());
        var choice = a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL);
        if (choice == saveButton) {
            save(proceed);
        } else if (choice == discard) {
            vm.document().deleteRecovery();
            proceed.run();
        }
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("statusBar");
        TrainingViewModel t = vm.training();
        PlaybackViewModel p = vm.playback();
        bar.textProperty().bind(Bindings.createStringBinding(() -> describe(t.stateProperty().get()),
                t.stateProperty()));
        Label backend = new Label();
        backend.setId("backendLabel");
        // Short ("CPU · 2 threads"); the full line, with the launcher's environment, in the tooltip.
        backend.textProperty().bind(Bindings.createStringBinding(
                () -> org.flowlab.compute.BackendLabel.of(t.backendProperty().get()), t.backendProperty()));
        javafx.scene.control.Tooltip backendTip = new javafx.scene.control.Tooltip();
        backendTip.textProperty().bind(t.backendProperty());
        backend.setTooltip(backendTip);
        Label step = new Label();
        step.setId("stepLabel");
        step.textProperty().bind(Bindings.createStringBinding(() -> "step " + t.stepProperty().get(),
                t.stepProperty()));
        Label loss = new Label();
        loss.setId("lossLabel");
        loss.textProperty().bind(Bindings.createStringBinding(() -> Double.isNaN(t.lossProperty().get()) ? "loss —"
                : String.format(Locale.ROOT, "loss %.4f", t.lossProperty().get()), t.lossProperty()));
        Label rate = new Label();
        rate.setId("rateLabel");
        rate.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%.0f steps/s",
                t.stepsPerSecondProperty().get()), t.stepsPerSecondProperty()));
        Label nfe = new Label();
        nfe.setId("nfeLabel");
        nfe.textProperty().bind(Bindings.createStringBinding(() -> "NFE " + p.nfeProperty().get(), p.nfeProperty()));
        javafx.scene.control.ProgressBar exportProgress = new javafx.scene.control.ProgressBar();
        exportProgress.progressProperty().bind(vm.export().progressProperty());
        javafx.scene.control.Button cancelExport = new javafx.scene.control.Button("Cancel export");
        cancelExport.setOnAction(e -> vm.export().cancel());
        javafx.scene.layout.HBox exporting = new javafx.scene.layout.HBox(6, new Label("Exporting"), exportProgress,
                cancelExport);
        exporting.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        exporting.visibleProperty().bind(vm.export().runningProperty());
        exporting.managedProperty().bind(vm.export().runningProperty());
        bar.getLeftItems().add(exporting);
        javafx.scene.control.ProgressBar densityProgress = new javafx.scene.control.ProgressBar();
        densityProgress.setPrefWidth(80);
        densityProgress.progressProperty().bind(vm.density().progressProperty());
        javafx.scene.layout.HBox densityBox = new javafx.scene.layout.HBox(6, new Label("Density"), densityProgress);
        densityBox.setId("densityProgress");
        densityBox.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        densityBox.visibleProperty().bind(vm.density().computingProperty());
        densityBox.managedProperty().bind(vm.density().computingProperty());
        bar.getLeftItems().add(densityBox);
        for (Label l : new Label[]{backend, step, loss, rate, nfe}) {
            l.setPadding(new Insets(0, 10, 0, 10));
        }
        javafx.scene.control.Button present = new javafx.scene.control.Button("Present");
        present.setId("presentButton");
        present.setTooltip(new javafx.scene.control.Tooltip(
                "Presenter mode: the canvas full screen with large captions, driven from the keyboard (F11; "
                        + "Help ▸ Keyboard shortcuts lists the keys)"));
        present.setOnAction(e -> vm.presenter().toggle());
        present.setFocusTraversable(false);
        bar.getRightItems().addAll(present, new Separator(javafx.geometry.Orientation.VERTICAL), backend,
                // The three training readouts change with every snapshot (10 a second): held, so that only they
                // are laid out again, not the window.
                new Separator(javafx.geometry.Orientation.VERTICAL), LayoutBarrier.around(step),
                new Separator(javafx.geometry.Orientation.VERTICAL), LayoutBarrier.around(loss),
                new Separator(javafx.geometry.Orientation.VERTICAL), LayoutBarrier.around(rate),
                new Separator(javafx.geometry.Orientation.VERTICAL), nfe);
        return bar;
    }

    private static String describe(TrainingState s) {
        return switch (s) {
            case READY -> "Ready — press Train (or draw your own density first)";
            case RUNNING -> "Training…";
            case PAUSED -> "Paused";
            case FINISHED -> "Finished";
            case STOPPED -> "Stopped";
            case FAILED -> "Training stopped — see the message above the canvas";
        };
    }

    private void installShortcuts() {
        var accel = getScene().getAccelerators();
        accel.put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), vm.drawing()::undo);
        accel.put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                vm.drawing()::redo);
        accel.put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), vm.drawing()::redo);
        accel.put(new KeyCodeCombination(KeyCode.SPACE, KeyCombination.SHORTCUT_DOWN), vm.playback()::togglePlay);
        accel.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), vm.training()::train);
        // Esc unpins traced particles (only when some are pinned, so Esc keeps its other uses otherwise).
        getScene().addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.trace().pinnedProperty().get().length > 0) {
                vm.trace().clear();
                e.consume();
            }
        });
        // Presenter mode's keys come first, so a focused control never also acts on Space or the arrows.
        getScene().addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, presenter::handle);
        if (getScene().getWindow() instanceof javafx.stage.Stage stage) {
            configureFullScreen(stage);
        } else {
            getScene().windowProperty().addListener((o, a, w) -> {
                if (w instanceof javafx.stage.Stage stage) {
                    configureFullScreen(stage);
                }
            });
        }
    }

    /**
     * Esc belongs to presenter mode (it leaves it, and closes the window's full screen with it); leaving full screen
     * some other way (the window manager) leaves presenter mode too.
     */
    private void configureFullScreen(javafx.stage.Stage stage) {
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        stage.fullScreenProperty().addListener((o, was, full) -> {
            if (!full && vm.presenter().activeProperty().get()) {
                vm.presenter().leave();
            }
        });
    }
}
