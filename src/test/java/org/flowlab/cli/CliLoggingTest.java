package org.flowlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowlab.compute.Launch;
import org.flowlab.io.BadFileException;
import org.flowlab.io.Logging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Exit codes and the log: the user's mistakes are one line and 2; FlowLab's own failures are 1 and the log. */
class CliLoggingTest {

    private static final Pattern INTERNAL = Pattern.compile("flowlab: internal error — see (.+)");

    @TempDir
    Path dir;

    /** A command with a bug of ours: an IllegalStateException from inside, as a broken invariant would throw. */
    @Command(name = "explode", description = "Test only: fails as an internal bug would.")
    static final class Explode implements Callable<Integer> {
        final String marker;

        Explode(String marker) {
            this.marker = marker;
        }

        @Override
        public Integer call() {
            throw new IllegalStateException("invariant broken: " + marker);
        }
    }

    /** Runs the CLI with the test-only 'explode' command added. */
    static CliTest.Run run(String marker, String... args) {
        return CliTest.run(cl -> cl.addSubcommand(new Explode(marker)), args);
    }

    @Test
    void anInternalErrorExitsWithOneAndPointsToTheLogThatHoldsTheStackTrace() throws IOException {
        String marker = UUID.randomUUID().toString();
        CliTest.Run r = run(marker, "explode");
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line without --debug: " + r.err());
        assertFalse(r.err().contains(marker), "the message is in the log, not on stderr: " + r.err());
        Matcher m = INTERNAL.matcher(r.err().strip());
        assertTrue(m.matches(), r.err());
        Path log = Path.of(m.group(1));
        assertTrue(log.isAbsolute(), log.toString());
        assertTrue(Files.isRegularFile(log), log + " exists");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.contains("java.lang.IllegalStateException: invariant broken: " + marker), text);
        assertTrue(text.contains("at org.flowlab.cli.CliLoggingTest$Explode.call("), "the stack trace is logged");
    }

    @Test
    void withDebugTheStackTraceAlsoReachesStderr() {
        String marker = UUID.randomUUID().toString();
        CliTest.Run r = run(marker, "--debug", "explode");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("java.lang.IllegalStateException: invariant broken: " + marker), r.err());
        assertTrue(r.err().contains("at org.flowlab.cli.CliLoggingTest$Explode.call("), r.err());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(INTERNAL.matcher(last).matches(), "the last line still points to the log: " + last);

        CliTest.Run quiet = run(marker, "explode");
        assertFalse(quiet.err().contains("at org."), "--debug's console copy ends with its command: " + quiet.err());
    }

    @Test
    void theUsersMistakesExitWithTwoAndExactlyOneLine() throws IOException {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path damaged = Files.writeString(dir.resolve("model.zip"), "this is not a zip");
        List<String[]> cases = List.of(
                new String[]{"train", "--data", "moons", "--batch", "0", "--out", dir.resolve("m.zip").toString()},
                new String[]{"train", "--data", "moons", "--lr", "-1", "--out", dir.resolve("m.zip").toString()},
                new String[]{"train", "--data", "moons", "--path", "straight", "--out", dir.resolve("m.zip").toString()},
                new String[]{"train", "--data", "moons", "--width", "0", "--out", dir.resolve("m.zip").toString()},
                new String[]{"sample", "--model", damaged.toString(), "--out", dir.resolve("s.csv").toString()},
                new String[]{"sample", "--model", damaged.toString(), "--steps", "0", "--out", "s.csv"},
                new String[]{"render", "--model", damaged.toString(), "--size", "3x3", "--out", "f.gif"},
                new String[]{"render", "--model", damaged.toString(), "--out", "f.webm"},
                new String[]{"render", "--model", damaged.toString(), "--t", "2", "--out", "f.png"},
                new String[]{"target", "--data", "moons", "--n", "5", "--out", blocker.resolve("t.csv").toString()},
                new String[]{"bench", "--batches", "0", "--skip-quality"});
        for (String[] args : cases) {
            CliTest.Run r = run("-", args);
            String what = String.join(" ", args) + " → " + r.err();
            assertEquals(2, r.code(), what);
            assertEquals(1, r.err().strip().lines().count(), what);
            assertTrue(r.err().startsWith("flowlab: "), what);
            assertFalse(r.err().contains("internal error"), what);
        }
        CliTest.Run batch = run("-", cases.get(0));
        assertTrue(batch.err().contains("--batch/--lr: batch size must be in [1, 1048576], got 0"), batch.err());
        CliTest.Run blocked = run("-", cases.get(9));
        assertTrue(blocked.err().contains(blocker.toString()), "names the file: " + blocked.err());
    }

    @Test
    void mistakesAreToldByTypeNotByAnyIllegalArgumentOrIoException() {
        assertTrue(FlowLabCli.isUserError(new UserInputException("x")));
        assertTrue(FlowLabCli.isUserError(new BadFileException("'m.zip' is damaged")));
        assertTrue(FlowLabCli.isUserError(new NoSuchFileException("m.zip")));
        assertTrue(FlowLabCli.isUserError(new AccessDeniedException("m.zip")));
        assertTrue(FlowLabCli.isUserError(new java.io.UncheckedIOException(new NoSuchFileException("m.zip"))));
        assertFalse(FlowLabCli.isUserError(new IllegalArgumentException("expected 3 parameters, got 2")));
        assertFalse(FlowLabCli.isUserError(new IllegalStateException("nothing was recorded")));
        assertFalse(FlowLabCli.isUserError(new NullPointerException()));
        assertFalse(FlowLabCli.isUserError(new IOException("Stream closed")));
    }

    /** The JVM's -Dflowlab.home (pom.xml's argLine); other tests may change the property while running. */
    private static Path testHome() {
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Dflowlab.home=")) {
                return Path.of(a.substring("-Dflowlab.home=".length())).toAbsolutePath();
            }
        }
        throw new AssertionError("tests must run with -Dflowlab.home (pom.xml's surefire argLine), "
                + "so they never write into the user's ~/.flowlab");
    }

    @Test
    void theLogFileIsUnderFlowlabHome() throws IOException {
        run("-", "explode");
        Path log = Logging.activeLogFile();
        assertNotNull(log, "the file appender started");
        assertEquals(testHome().resolve("logs").resolve("flowlab.log"), log);
        assertTrue(Files.size(log) > 0);
    }

    private static Process java(Path home, List<String> env, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dflowlab.home=" + home, "-Dflowlab.nvidiaSmi=" + home.resolve("no-nvidia-smi"),
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove(Launch.ENV_MARK);
        env.forEach(pb.environment()::remove);
        return pb.start();
    }

    /** The CLI with 'explode' in a JVM of its own (the log folder is decided once, when logging starts). */
    public static void main(String[] args) {
        StringWriter ignored = new StringWriter();
        CommandLine cl = FlowLabCli.commandLine(new PrintWriter(ignored, true), new PrintWriter(System.err, true));
        cl.addSubcommand(new Explode("in a child"));
        System.exit(cl.execute(args));
    }

    @Test
    void whenTheLogFileCannotBeCreatedTheCliStillReportsCleanly() throws Exception {
        Path home = Files.writeString(dir.resolve("home-is-a-file"), "so <home>/logs cannot be created");
        Process p = java(home, List.of(), CliLoggingTest.class.getName(), "explode");
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), err);
        assertEquals("flowlab: internal error: invariant broken: in a child (no log file could be written; "
                + "run with --debug for details)", err.strip(), "one line, nothing from logging itself");
    }

    /** The launcher restarts the JVM (Main, Launch): --debug reaches the restarted JVM, which logs to the file. */
    @Test
    void theRestartedJvmLogsAndHonoursDebug() throws Exception {
        Path home = dir.resolve("home");
        Path absent = dir.resolve("absent.zip");
        Process p = java(home, List.of("OPENBLAS_THREAD_TIMEOUT"), "org.flowlab.Main", "sample", "--debug",
                "--model", absent.toString(), "--out", dir.resolve("s.csv").toString());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), err);
        assertTrue(err.contains("at org.flowlab.format.ModelFile.load("), "--debug's stack trace: " + err);
        String last = err.strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("flowlab: '" + absent + "' does not exist or is not a file", last);
        String log = Files.readString(home.resolve("logs").resolve("flowlab.log"), StandardCharsets.UTF_8);
        String line = log.lines().filter(l -> l.contains("'flowlab sample' refused its input")).findFirst()
                .orElseThrow(() -> new AssertionError("the child logged the refusal: " + log));
        long pid = Long.parseLong(line.split(" ")[2]);
        assertNotEquals(p.pid(), pid, "logged by the restarted JVM, not the launcher: " + line);
    }
}
