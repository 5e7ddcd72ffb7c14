package org.flowlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer profile's app image (jpackage, its own runtime) runs the CLI through its native launcher the way
 * the jar does: the launcher restarts the JVM from the image's runtime with OMP_WAIT_POLICY, OPENBLAS_THREAD_TIMEOUT
 * and the Vector API module, and the JVM's incubator notice stays off stderr. Runs only under
 * {@code mvn -Pinstaller verify}, which builds the image and passes its launcher's path.
 */
@EnabledIfSystemProperty(named = AppImageTest.LAUNCHER, matches = ".+")
class AppImageTest {

    static final String LAUNCHER = "flowlab.appImage.launcher";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    /** The folder jpackage wrote the image into (target/installer/image). */
    static final String IMAGE_DIR = "flowlab.appImage.dir";

    private static Path launcher() {
        return Path.of(System.getProperty(LAUNCHER)).toAbsolutePath();
    }

    private Run run(String... args) throws IOException, InterruptedException {
        Path launcher = launcher();
        assertTrue(Files.isExecutable(launcher), "no launcher at " + launcher);
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        // As a user starts it: none of what the launcher is meant to set (surefire sets OMP_WAIT_POLICY).
        env.remove("OMP_WAIT_POLICY");
        env.remove("OPENBLAS_THREAD_TIMEOUT");
        env.remove("FLOWLAB_LAUNCHED");
        env.remove("FLOWLAB_BACKEND_NOTE");
        // Settings and logs go to the test's folder, not the user's home.
        env.put("JAVA_TOOL_OPTIONS", "-Dflowlab.home=" + dir.resolve("home"));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish: " + cmd);
        }
        String stderr = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                .collect(Collectors.joining("\n"));
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run r = run("--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Usage: flowlab"), r.out());
        assertTrue(r.out().contains("sample"), r.out());
        assertEquals("", r.err().strip(), "nothing on stderr");
    }

    @Test
    void trainsAndSamplesThroughTheRestartedJvmOfTheImagesRuntime() throws Exception {
        Run train = run("--debug", "train", "--data", "moons", "--steps", "20", "--width", "16", "--depth", "1",
                "--log-every", "10", "--out", "m.zip");
        assertEquals(0, train.code(), train.err());
        assertTrue(Files.size(dir.resolve("m.zip")) > 0);
        // The launcher restarted the JVM with the environment and the module ...
        assertTrue(train.err().contains("restarting the JVM with {OMP_WAIT_POLICY=PASSIVE, OPENBLAS_THREAD_TIMEOUT=4"),
                train.err());
        // ... from the java of the image's own runtime, not a JDK's.
        assertTrue(train.err().contains("[--add-modules=jdk.incubator.vector] from "
                + Path.of(System.getProperty(IMAGE_DIR)).toAbsolutePath()), train.err());
        // ... and the JVM that trained saw that environment (the CLI prints its backend line) ...
        assertTrue(train.out().contains("OMP_WAIT_POLICY=PASSIVE, OPENBLAS_THREAD_TIMEOUT=4"), train.out());
        // ... with the JVM's incubator notice filtered out, as for the jar.
        assertFalse(train.err().contains("Using incubator modules"), train.err());

        Run sample = run("sample", "--model", "m.zip", "--n", "100", "--steps", "5", "--out", "s.csv");
        assertEquals(0, sample.code(), sample.err());
        assertEquals(101, Files.readAllLines(dir.resolve("s.csv")).size(), "a header and 100 samples");
    }
}
