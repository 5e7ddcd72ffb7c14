package org.flowlab.app;

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
import org.flowlab.model.TrainingState;
import org.flowlab.ode.Trajectory;

/**
 * The window's layout: canvas in the middle, controls on the right, timeline and loss chart below, status bar
 * at the bottom. One AnimationTimer drives everything once per pulse: the view model reads the trainer and
 * moves the playhead, then the canvas and chart redraw if their data changed.
 */
public final class MainView extends BorderPane {

    private final MainViewModel vm;
    private final CanvasView canvas;
    private final LossChartView chart = new LossChartView();
    private final NotificationPane notifications;
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
        BorderPane centre = new BorderPane(notifications);
        VBox below = new VBox(new TimelineBar(vm.playback()), new Separator(), chart);
        VBox.setMargin(chart, new Insets(4, 10, 6, 10));
        centre.setBottom(below);
        setCenter(centre);
        setRight(new ControlsPane(vm));
        setBottom(statusBar());

        vm.training().trainHistoryProperty().addListener(o -> updateChart());
        vm.training().validationHistoryProperty().addListener(o -> updateChart());

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

    private void updateChart() {
        chart.setData(vm.training().trainHistoryProperty().get(), vm.training().validationHistoryProperty().get());
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
        backend.textProperty().bind(t.backendProperty());
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
        for (Label l : new Label[]{backend, step, loss, rate, nfe}) {
            l.setPadding(new Insets(0, 10, 0, 10));
        }
        bar.getRightItems().addAll(backend, new Separator(javafx.geometry.Orientation.VERTICAL), step,
                new Separator(javafx.geometry.Orientation.VERTICAL), loss,
                new Separator(javafx.geometry.Orientation.VERTICAL), rate,
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
    }
}
