package org.flowlab;

import org.flowlab.cli.FlowLabCli;

/**
 * The jar's entry point. With no arguments it opens the desktop app; with a command it runs the CLI.
 * (A class extending javafx.application.Application cannot be the main class of a classpath jar, so the
 * app is started through {@link org.flowlab.app.AppLauncher}.)
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || (args.length >= 1 && args[0].equals("app"))) {
            int code = org.flowlab.app.AppLauncher.launch(args.length == 0 ? args
                    : java.util.Arrays.copyOfRange(args, 1, args.length));
            if (code != 0) {
                System.exit(code);
            }
            return;
        }
        System.exit(FlowLabCli.run(args));
    }
}
