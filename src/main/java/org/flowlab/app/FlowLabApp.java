package org.flowlab.app;

import org.flowlab.app.training.Trainers;
import org.flowlab.compute.ComputeThread;

import java.io.InputStream;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The desktop app. Start it through {@link AppLauncher} (or the jar's main class). */
public class FlowLabApp extends Application {

    private MainViewModel vm;
    private ComputeThread compute;

    /** The app's view model: background work on lanes, results on the FX thread, networks on {@code compute}. */
    public static MainViewModel forApp(ComputeThread compute) {
        return new MainViewModel(LaneTaskRunner.onFxThread(), ModelFields.networks(compute), Trainers.on(compute));
    }

    /** Chooses where networks run before the window exists (loads ND4J's backend off the FX thread). */
    @Override
    public void init() {
        compute = ComputeThread.forBackend();
    }
    private MainView view;
    /** Held so the binding lives as long as the app. */
    private javafx.beans.binding.BooleanBinding productThreads;

    @Override
    public void start(Stage stage) {
        java.util.List<String> args = getParameters().getRaw();
        boolean perf = args.contains("--perf");
        vm = forApp(compute);
        view = new MainView(vm, perf);
        // While training runs with playback on, products leave one core to the UI (Nd4jBackend.leaveOneCoreToTheUi).
        javafx.beans.binding.BooleanBinding playingWhileTraining = vm.playback().playingProperty()
                .and(vm.training().runningProperty());
        playingWhileTraining.addListener((o, was, now) -> org.flowlab.compute.Nd4jBackend.leaveOneCoreToTheUi(now));
        productThreads = playingWhileTraining;
        applyStartOptions(args);
        Scene scene = new Scene(view, 1280, 900);
        var css = FlowLabApp.class.getResource("/styles/flowlab.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        stage.setTitle("FlowLab — flow matching you can watch");
        try (InputStream icon = FlowLabApp.class.getResourceAsStream("/icons/flowlab.png")) {
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        } catch (java.io.IOException ignored) {
            // The window works without its icon.
        }
        stage.setMinWidth(960);
        stage.setMinHeight(700);
        stage.setScene(scene);
        stage.titleProperty().bind(vm.document().title());
        stage.setOnCloseRequest(e -> {
            // Saving finishes in the background: close the window ourselves once the work is safe.
            e.consume();
            view.confirmDiscard(() -> {
                vm.document().deleteRecovery();
                closedCleanly = true;
                stage.close();
            });
        });
        // A logout or kill -TERM still leaves the unsaved work in the recovery file.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!closedCleanly && vm.document().dirtyProperty().get()) {
                vm.document().autosaveNow();
            }
        }, "flowlab-autosave-on-exit"));
        stage.show();
        view.start();
        String backendNote = System.getProperty("flowlab.backendNote");
        if (backendNote != null) {
            vm.notify(Notification.info(backendNote + "."));
        }
        offerRecovery(stage);
    }

    private volatile boolean closedCleanly;

    private void offerRecovery(Stage stage) {
        if (!vm.document().hasRecovery()) {
            return;
        }
        javafx.scene.control.ButtonType restore = new javafx.scene.control.ButtonType("Restore",
                javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType("Discard",
                javafx.scene.control.ButtonBar.ButtonData.NO);
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "FlowLab did not close normally last time. Its unsaved work was kept in "
                        + vm.document().recoveryFile() + ".", restore, discard);
        a.setHeaderText("Restore your unsaved work?");
        a.initOwner(stage);
        javafx.application.Platform.runLater(() -> {
            if (a.showAndWait().orElse(discard) == restore) {
                vm.document().restoreRecovery();
            } else {
                vm.document().deleteRecovery();
            }
        });
    }

    /**
     * Start options for demos and measurements: {@code --particles N}, {@code --solver NAME}, {@code --steps K},
     * {@code --play} (loop the animation), {@code --train}, {@code --trails}, {@code --field}, {@code --pairs}, {@code --perf},
     * and the MLP's {@code --width W}, {@code --depth D} and {@code --batch B} (so the app can be measured on
     * {@code bench}'s network and batch). {@code --train} acts after all the others, wherever it stands.
     */
    private void applyStartOptions(java.util.List<String> args) {
        boolean train = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            try {
                switch (a) {
                    case "--particles" -> vm.playback().particlesProperty().set(Integer.parseInt(next));
                    case "--solver" -> vm.playback().solverProperty().set(next);
                    case "--steps" -> vm.playback().stepsProperty().set(Integer.parseInt(next));
                    case "--play" -> vm.playback().playingProperty().set(true);
                    case "--train" -> train = true;
                    case "--width" -> vm.training().widthProperty().set(Integer.parseInt(next));
                    case "--depth" -> vm.training().depthProperty().set(Integer.parseInt(next));
                    case "--batch" -> vm.training().batchProperty().set(Integer.parseInt(next));
                    case "--trails" -> vm.showTrailsProperty().set(true);
                    case "--field" -> vm.showFieldProperty().set(true);
                    case "--pairs" -> vm.showPairsProperty().set(true);
                    default -> { }
                }
            } catch (RuntimeException e) {
                vm.notify(Notification.error("Ignored the start option " + a + (next == null ? "" : " " + next)));
            }
        }
        if (train) {
            vm.training().train();
        }
    }

    @Override
    public void stop() {
        if (view != null) {
            view.stop();
        }
        if (vm != null) {
            vm.close();
        }
    }
}
