package org.flowlab.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flowlab.density.DensityException;
import org.flowlab.io.BadFileException;
import org.flowlab.io.Budgets;
import org.flowlab.io.Logging;
import org.flowlab.ode.OdeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The headless command line over FlowLab's core. Exit codes: 0 success; 2 and one line "flowlab: …" for the
 * user's mistakes; 1 and "flowlab: internal error — see &lt;log file&gt;" for FlowLab's own failures.
 */
@Command(name = "flowlab", mixinStandardHelpOptions = true, version = "FlowLab 0.1.0",
        description = "Flow matching you can watch: train, sample and inspect 2-D flows.%n"
                + "Run without a command to open the desktop app.%n"
                + "Before the command: --backend auto|cpu|cuda chooses the compute backend (default auto: CUDA when "
                + "this build has it and the GPU can run it, else the CPU).",
        subcommands = {TrainCommand.class, SampleCommand.class, TargetCommand.class, PlotCommand.class,
                RenderCommand.class, DensityCommand.class, NllCommand.class, BenchCommand.class, FieldCommand.class,
                FloorCommand.class, StraightnessCommand.class, ReflowCommand.class, NfeCommand.class})
public final class FlowLabCli implements Callable<Integer> {

    public static final int BAD_INPUT = 2;
    /** A failure of FlowLab itself: the stack trace is in the log. */
    public static final int INTERNAL_ERROR = 1;

    private static final Logger LOG = LoggerFactory.getLogger(FlowLabCli.class);

    /** Shared by every command: the log, with stack traces, on stderr too. */
    @Option(names = "--debug", description = "Also print the log, with stack traces of errors, on stderr.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new FlowLabCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(FlowLabCli::execute);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            LOG.debug("bad arguments", ex);
            e.println("flowlab: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return BAD_INPUT;
        });
        return cl;
    }

    /**
     * Runs the chosen command with the log copied to stderr under --debug, and turns what it throws into an exit
     * code: {@link #BAD_INPUT} and one line for the user's mistakes, {@link #INTERNAL_ERROR} and a pointer to the
     * log (which has the stack trace) for FlowLab's own.
     */
    private static int execute(CommandLine.ParseResult parsed) {
        CommandLine root = parsed.commandSpec().commandLine();
        boolean debug = debug(parsed);
        try (Logging.Console console = debug ? Logging.toConsole(root.getErr()) : null) {
            boolean traceShown = console != null && console.attached();
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (CommandLine.ExecutionException ex) {
                Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
                return report(cause, ex.getCommandLine(), root.getErr(), debug, traceShown);
            } catch (CommandLine.ParameterException ex) {
                throw ex;
            } catch (RuntimeException | Error ex) {
                // Errors (an assertion, a stack overflow) are not wrapped by picocli: ours all the same.
                return report(ex, root, root.getErr(), debug, traceShown);
            }
        }
    }

    private static boolean debug(CommandLine.ParseResult p) {
        return p.hasMatchedOption("--debug") || p.subcommands().stream().anyMatch(FlowLabCli::debug);
    }

    private static int report(Throwable ex, CommandLine command, PrintWriter e, boolean debug, boolean traceShown) {
        String name = command.getCommandSpec().qualifiedName();
        if (ex instanceof OutOfMemoryError) {
            // Sizes are bounded (Budgets), but the JVM's heap may be smaller than what they allow.
            LOG.warn("'{}' ran out of memory", name, ex);
            e.println("flowlab: not enough memory for this (Java's heap is " + Budgets.bytes(
                    Runtime.getRuntime().maxMemory()) + "): ask for less, or give Java more with -Xmx");
            return BAD_INPUT;
        }
        if (isUserError(ex)) {
            LOG.debug("'{}' refused its input", name, ex);
            if (debug && !traceShown) {
                ex.printStackTrace(e);
            }
            e.println("flowlab: " + userMessage(ex));
            return BAD_INPUT;
        }
        LOG.error("internal error in '{}'", name, ex);
        if (debug && !traceShown) {
            ex.printStackTrace(e);
        }
        Path log = Logging.activeLogFile();
        if (log != null) {
            e.println("flowlab: internal error — see " + log);
        } else {
            e.println("flowlab: internal error: " + message(ex) + " (no log file could be written"
                    + (debug ? ")" : "; run with --debug for details)"));
        }
        return INTERNAL_ERROR;
    }

    /**
     * The user's mistakes, by type: a refused option or value, a density or integration that cannot be done, a
     * file of theirs that is missing, unreadable or not valid, work or sizes beyond a documented budget. Anything else (a bare IllegalArgumentException,
     * IllegalStateException, NullPointerException, other IOExceptions) is FlowLab's.
     */
    static boolean isUserError(Throwable ex) {
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            return isUserError(u.getCause());
        }
        return ex instanceof UserInputException || ex instanceof DensityException || ex instanceof OdeException
                || ex instanceof CommandLine.ParameterException || ex instanceof Budgets.Exceeded
                || ex instanceof BadFileException || ex instanceof FileSystemException;
    }

    private static String userMessage(Throwable ex) {
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            return userMessage(u.getCause());
        }
        if (ex instanceof FileSystemException fs && fs.getFile() != null) {
            String file = "'" + fs.getFile() + "'";
            String reason = fs.getReason();
            if (ex instanceof NoSuchFileException) {
                return file + " does not exist" + (reason == null ? "" : " (" + reason + ")");
            }
            if (ex instanceof AccessDeniedException) {
                return "permission denied: " + file + (reason == null ? "" : " (" + reason + ")");
            }
            if (ex instanceof FileAlreadyExistsException) {
                // Typically a folder to create is in the way as a file: out/x.csv where out is a file.
                Path p = Path.of(fs.getFile());
                return file + " already exists" + (Files.isRegularFile(p) ? " as a file" : "");
            }
            if (ex instanceof NotDirectoryException) {
                return file + " is not a folder";
            }
            return "cannot use " + file + (fs.getOtherFile() == null ? "" : " or '" + fs.getOtherFile() + "'")
                    + (reason == null ? "" : ": " + reason);
        }
        return message(ex);
    }

    private static String message(Throwable ex) {
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
