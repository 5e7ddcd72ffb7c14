package org.flowlab;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flowlab.compute.BackendChoice;
import org.flowlab.compute.GpuProbe;
import org.flowlab.compute.Launch;
import org.flowlab.compute.LineDroppingStream;
import org.flowlab.cli.FlowLabCli;
import org.flowlab.io.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jar's entry point. With no arguments (or "app") it opens the desktop app; with a command it runs the CLI.
 *
 * <p>Before anything loads ND4J it settles the backend (--backend auto|cpu|cuda, else the saved preference)
 * and the environment that measured fastest (OMP_WAIT_POLICY=PASSIVE); both are environment variables ND4J and
 * OpenMP read at start-up, so when they must change the JVM is started once more with them.
 * (A class extending javafx.application.Application cannot be a classpath jar's main class, so the app starts
 * through {@link org.flowlab.app.AppLauncher}.)
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] rawArgs) {
        List<String> args = new ArrayList<>(Arrays.asList(rawArgs));
        // --debug stays in args: a restarted JVM and the CLI read it again. Here it shows the launcher's own log
        // (backend choice, restart) on stderr.
        Logging.Console console = args.contains("--debug") ? Logging.toConsole(new PrintWriter(System.err, true))
                : null;
        String backendArg = takeOption(args, "--backend");
        BackendChoice.Preference pref;
        try {
            pref = backendArg != null ? BackendChoice.Preference.parse(backendArg)
                    : Launch.storedPreference(Launch.home());
        } catch (IllegalArgumentException e) {
            System.err.println("flowlab: " + e.getMessage());
            System.exit(FlowLabCli.BAD_INPUT);
            return;
        }
        String note = System.getenv(Launch.ENV_NOTE);
        if (System.getenv(Launch.ENV_MARK) == null && !Boolean.getBoolean("flowlab.noRelaunch")) {
            boolean cuda = Launch.cudaInBuild();
            BackendChoice choice;
            try {
                choice = BackendChoice.decide(pref, cuda, GpuProbe::run);
            } catch (BackendChoice.Impossible e) {
                System.err.println("flowlab: " + e.getMessage());
                System.exit(FlowLabCli.BAD_INPUT);
                return;
            }
            Launch.Plan plan = Launch.plan(System.getenv(), choice, cuda, Launch.vectorModuleResolved());
            note = plan.note();
            if (plan.relaunch()) {
                LOG.debug("restarting the JVM with {} {} from {}", plan.env(), plan.jvmOptions(), javaExecutable());
                Integer code = relaunch(plan.env(), plan.jvmOptions(), args);
                if (code != null) {
                    System.exit(code);
                    return;
                }
            }
        }
        boolean app = args.isEmpty() || args.get(0).equals("app");
        if (!app && console != null) {
            console.close(); // the CLI copies its own log to stderr under --debug
        }
        if (app) {
            if (note != null) {
                System.setProperty("flowlab.backendNote", note);
            }
            int code = org.flowlab.app.AppLauncher.launch(args.isEmpty() ? new String[0]
                    : args.subList(1, args.size()).toArray(new String[0]));
            if (code != 0) {
                System.exit(code);
            }
            return;
        }
        if (note != null) {
            System.err.println("flowlab: " + note);
        }
        System.exit(FlowLabCli.run(args.toArray(new String[0])));
    }

    /** Removes "--name value" or "--name=value" from args and returns the value (or null). */
    static String takeOption(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(name) && i + 1 < args.size()) {
                String v = args.get(i + 1);
                args.remove(i + 1);
                args.remove(i);
                return v;
            }
            if (a.startsWith(name + "=")) {
                args.remove(i);
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }

    /**
     * The java of this JVM's runtime: the JDK's for the jar, the app image's own for an installed FlowLab (its
     * jlinked runtime keeps bin/java for this; see the installer profile).
     */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs this program again with extra environment and JVM options; returns its exit code, or null when it could
     * not start. The child's stdin and stdout are ours; its stderr comes through minus the JVM's one-line notice
     * about the incubator module (so a CLI error stays one clean line).
     */
    private static Integer relaunch(Map<String, String> env, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        try {
            Process child = pb.start();
            Thread stderr = LineDroppingStream.pump(child.getErrorStream(), System.err,
                    LineDroppingStream.INCUBATOR_WARNING);
            Thread stopChild = new Thread(child::destroy, "flowlab-stop-child");
            Runtime.getRuntime().addShutdownHook(stopChild);
            int code = child.waitFor();
            stderr.join(2000);
            Runtime.getRuntime().removeShutdownHook(stopChild);
            return code;
        } catch (IOException e) {
            LOG.warn("could not restart the JVM with {}", env.keySet(), e);
            System.err.println("flowlab: could not restart with " + env.keySet() + " (" + e.getMessage()
                    + "); continuing without them");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
