package org.flowlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.flowlab.density.DensityException;
import org.flowlab.ode.OdeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The headless command line over FlowLab's core. Exit codes: 0 success, 1 unexpected failure, 2 bad input. */
@Command(name = "flowlab", mixinStandardHelpOptions = true, version = "FlowLab 0.1.0",
        description = "Flow matching you can watch: train, sample and inspect 2-D flows.%n"
                + "Run without a command to open the desktop app.%n"
                + "Before the command: --backend auto|cpu|cuda chooses the compute backend (default auto: CUDA when "
                + "this build has it and the GPU can run it, else the CPU).",
        subcommands = {TrainCommand.class, SampleCommand.class, TargetCommand.class, PlotCommand.class, RenderCommand.class, DensityCommand.class, NllCommand.class, BenchCommand.class,
                StraightnessCommand.class, ReflowCommand.class, NfeCommand.class})
public final class FlowLabCli implements Callable<Integer> {

    public static final int BAD_INPUT = 2;

    /** Shared by every command: print stack traces instead of one line. */
    @Option(names = "--debug", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
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
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            PrintWriter e = commandLine.getErr();
            if (debug) {
                ex.printStackTrace(e);
            }
            if (isUserError(ex)) {
                e.println("flowlab: " + message(ex));
                return BAD_INPUT;
            }
            e.println("flowlab: unexpected error: " + message(ex) + (debug ? "" : " (run with --debug for details)"));
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("flowlab: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return BAD_INPUT;
        });
        return cl;
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof UserInputException || ex instanceof DensityException || ex instanceof OdeException
                || ex instanceof IllegalArgumentException || ex instanceof java.io.IOException;
    }

    private static String message(Throwable ex) {
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
