package org.flowlab.app;

import java.io.InputStream;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The desktop app. Start it through {@link AppLauncher} (or the jar's main class). */
public class FlowLabApp extends Application {

    private MainViewModel vm;
    private MainView view;

    @Override
    public void start(Stage stage) {
        boolean perf = getParameters().getRaw().contains("--perf");
        vm = new MainViewModel();
        view = new MainView(vm, perf);
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
        stage.show();
        view.start();
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
