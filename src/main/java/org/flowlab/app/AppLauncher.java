package org.flowlab.app;

import javafx.application.Application;

/** Starts the JavaFX application from a plain main class. */
public final class AppLauncher {

    private AppLauncher() {
    }

    /**
     * Launches the app and blocks until its window closes.
     *
     * @return 0 when the app ran, 1 when no window could be opened (the reason is printed)
     */
    public static int launch(String[] args) {
        try {
            Application.launch(FlowLabApp.class, args);
            return 0;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            System.err.println("flowlab: cannot open the desktop app: " + why);
            if (why.contains("GTK") || System.getenv("DISPLAY") == null && isLinux()) {
                System.err.println("flowlab: on Linux it needs a graphical session (DISPLAY) and GTK 3 "
                        + "(e.g. 'sudo apt install libgtk-3-0'). The command line works without either: "
                        + "java -jar flowlab.jar --help");
            }
            return 1;
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }
}
