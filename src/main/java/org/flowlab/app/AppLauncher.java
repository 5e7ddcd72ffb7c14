package org.flowlab.app;

import javafx.application.Application;

/** Starts the JavaFX application from a plain main class. */
public final class AppLauncher {

    private AppLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(FlowLabApp.class, args);
    }
}
