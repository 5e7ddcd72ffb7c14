package org.flowlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        return run(cl -> { }, args);
    }

    /** Runs the CLI in-process, capturing its writers and System.out; {@code customise} may add commands. */
    static Run run(java.util.function.Consumer<CommandLine> customise, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream oldOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            CommandLine cl = FlowLabCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
            customise.accept(cl);
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
        }
        return new Run(code, out + captured.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void everyCommandDocumentsItself() {
        for (String cmd : List.of("train", "sample", "target", "plot", "render", "density", "nll", "bench", "field",
                "floor")) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Usage: flowlab " + cmd), r.out());
        }
    }

    @Test
    void invalidArgumentsExitWithTwoAndOneLine() {
        Run missing = run("train", "--out", dir.resolve("m.zip").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Missing required option: '--data"), missing.err());

        Run badPreset = run("train", "--data", "moonz", "--out", dir.resolve("m.zip").toString());
        assertEquals(2, badPreset.code());
        assertEquals(1, badPreset.err().strip().lines().count(), badPreset.err());
        assertTrue(badPreset.err().contains("neither a preset"), badPreset.err());
        assertFalse(badPreset.err().contains("at org."), "no stack trace without --debug");

        Run badModel = run("sample", "--model", dir.resolve("absent.zip").toString(), "--out",
                dir.resolve("s.csv").toString());
        assertEquals(2, badModel.code());
        assertTrue(badModel.err().contains("does not exist"), badModel.err());

        Run debug = run("sample", "--debug", "--model", dir.resolve("absent.zip").toString(), "--out",
                dir.resolve("s.csv").toString());
        assertEquals(2, debug.code());
        assertTrue(debug.err().contains("at org."), "--debug prints the stack trace");

        Run badNumber = run("train", "--data", "moons", "--batch", "many", "--out", "x.zip");
        assertEquals(2, badNumber.code());

        Run badRecipe = run("bench", "--recipes", "reference,256x3:b1024");
        assertEquals(2, badRecipe.code(), "a bad recipe fails before any benchmark runs");
        assertEquals(1, badRecipe.err().strip().lines().count(), badRecipe.err());
        assertTrue(badRecipe.err().contains("bad recipe '256x3:b1024'"), badRecipe.err());
    }

    /** The commands as they run on CUDA: every network on the one device thread (forced here on the CPU). */
    @Test
    void modelCommandsWorkWithOneDeviceThread() throws IOException {
        System.setProperty("flowlab.device", "serial");
        try {
            trainThenSampleWritesPointsAndReportsNfe();
            sessionsFromTrainFeedSampleAndRender();
        } finally {
            System.clearProperty("flowlab.device");
        }
    }

    @Test
    void sampleUsesTheWeightAverageTheAppShowsUnlessAskedForTheRawWeights() throws IOException {
        Path model = dir.resolve("avg.zip");
        assertEquals(0, run("train", "--data", "moons", "--steps", "40", "--batch", "64", "--width", "16",
                "--depth", "2", "--out", model.toString()).code());
        org.flowlab.format.ModelFile.Contents c = org.flowlab.format.ModelFile.load(model);
        assertTrue(c.averaged() != null, "train saves the average (decay 0.99 by default)");
        Path byDefault = dir.resolve("default.csv");
        Path raw = dir.resolve("raw.csv");
        Path averaged = dir.resolve("averaged.csv");
        assertEquals(0, run("sample", "--model", model.toString(), "--n", "20", "--out", byDefault.toString()).code());
        assertEquals(0, run("sample", "--model", model.toString(), "--n", "20", "--raw-weights", "--out",
                raw.toString()).code());
        // The oracle: the same sampler on the averaged weights, written the way the command writes.
        org.flowlab.flow.FlowSampler.Result r = org.flowlab.flow.FlowSampler.sample(
                org.flowlab.nn.Network.of(org.flowlab.compute.ComputeThread.direct(), c.averaged()),
                org.flowlab.ode.Solvers.create("euler", 100), 20, 0, false);
        CsvPointsWriter.write(averaged, r.samples());
        assertEquals(Files.readString(averaged), Files.readString(byDefault));
        assertTrue(!Files.readString(raw).equals(Files.readString(byDefault)), "--raw-weights samples other weights");
    }

    @Test
    void trainThenSampleWritesPointsAndReportsNfe() throws IOException {
        Path model = dir.resolve("m.zip");
        Run train = run("train", "--data", "4gaussians", "--steps", "30", "--batch", "64", "--width", "16",
                "--depth", "2", "--log-every", "10", "--out", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("saved model"), train.out());
        assertTrue(Files.exists(model));

        Path samples = dir.resolve("s.csv");
        Run sample = run("sample", "--model", model.toString(), "--solver", "rk4", "--steps", "8", "--n", "300",
                "--out", samples.toString());
        assertEquals(0, sample.code(), sample.err());
        assertTrue(sample.out().contains("NFE 32"), sample.out());
        List<String> lines = Files.readAllLines(samples);
        assertEquals("x,y", lines.get(0));
        assertEquals(301, lines.size());

        Path grid = dir.resolve("d.csv");
        Run density = run("density", "--model", model.toString(), "--grid", "8", "--steps", "4", "--out",
                grid.toString());
        assertEquals(0, density.code(), density.err());
        List<String> rows = Files.readAllLines(grid);
        assertEquals("x,y,logp", rows.get(0));
        assertEquals(65, rows.size());
        Run nll = run("nll", "--model", model.toString(), "--points", samples.toString(), "--steps", "4");
        assertEquals(0, nll.code(), nll.err());
        String last = nll.out().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(Double.isFinite(Double.parseDouble(last)), "last line is the NLL: " + last);

        Run badSolver = run("sample", "--model", model.toString(), "--solver", "rk45", "--out", samples.toString());
        assertEquals(2, badSolver.code());
        assertTrue(badSolver.err().contains("unknown solver"), badSolver.err());
    }

    @Test
    void sessionsFromTrainFeedSampleAndRender() throws IOException {
        Path session = dir.resolve("s.flowlab");
        Run train = run("train", "--data", "8gaussians", "--steps", "20", "--batch", "64", "--width", "16",
                "--depth", "2", "--session", session.toString());
        assertEquals(0, train.code(), train.err());
        Path samples = dir.resolve("s.csv");
        Run sample = run("sample", "--model", session.toString(), "--n", "50", "--steps", "4", "--out",
                samples.toString());
        assertEquals(0, sample.code(), sample.err());
        Path gif = dir.resolve("s.gif");
        Run render = run("render", "--model", session.toString(), "--out", gif.toString(), "--size", "64x64",
                "--fps", "5", "--seconds", "1", "--particles", "200", "--steps", "4");
        assertEquals(0, render.code(), render.err());
        assertTrue(Files.size(gif) > 0);
        Run neither = run("train", "--data", "moons");
        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("--out model.zip and/or --session"), neither.err());
    }

    @Test
    void targetWritesSamplesOfADensity() throws IOException {
        Path out = dir.resolve("t.csv");
        Run r = run("target", "--data", "rings", "--n", "50", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(51, Files.readAllLines(out).size());
        Path out2 = dir.resolve("t2.csv");
        run("target", "--data", "rings", "--n", "50", "--seed", "3", "--out", out2.toString());
        assertEquals(Files.readString(out), Files.readString(out2), "same seed, same file");
    }
}
