package org.flowlab.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The desktop app (placeholder until the app issue lands). */
public class FlowLabApp extends Application {

    @Override
    public void start(Stage stage) {
        stage.setTitle("FlowLab");
        stage.setScene(new Scene(new Label("FlowLab — the desktop app is coming; use the CLI meanwhile."), 640, 400));
        stage.show();
    }
}
