package org.flowlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.flow.ProbabilityPath;
import org.flowlab.marginal.MarginalField;
import org.flowlab.marginal.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** field, floor and sample --exact: outputs against the core, and bad input (exit 2, one line). */
class MarginalCommandsTest {

    @TempDir
    Path dir;

    static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    static void assertBadInput(CliTest.Run r, String fragment) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("at org."), "no stack trace without --debug");
    }

    @Test
    void commandsDocumentThemselves() {
        for (String cmd : List.of("field", "floor", "sample")) {
            CliTest.Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Usage: flowlab " + cmd), r.out());
        }
    }

    @Test
    void fieldWritesTheExactVelocitiesInTheOrderOfThePoints() throws IOException {
        Path pts = dir.resolve("p.csv");
        Files.writeString(pts, "x,y\n0.5,0.2\n-1,0.3\n3.9,-3.9\n");
        Path out = dir.resolve("f.csv");
        CliTest.Run r = run("field", "--data", "moons", "--exact", "--path", "sigma-min", "--t", "0.7", "--points",
                pts.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out);
        assertEquals("x,y,u,v", rows.get(0));
        assertEquals(4, rows.size());
        DensityGrid g = DensitySources.load("moons", DensityGrid.DEFAULT_SIZE, DensityGrid.DEFAULT_HALF_WIDTH);
        MarginalField f = new MarginalField(Target.ofGrid(g), ProbabilityPath.byId("sigma-min"));
        double[] x = {0.5, 0.2, -1, 0.3, 3.9, -3.9};
        double[] u = new double[6];
        f.evaluate(0.7, x, 3, u);
        for (int i = 0; i < 3; i++) {
            String[] c = rows.get(i + 1).split(",");
            assertEquals(x[2 * i], Double.parseDouble(c[0]), 1e-6);
            assertEquals(x[2 * i + 1], Double.parseDouble(c[1]), 1e-6);
            assertEquals(u[2 * i], Double.parseDouble(c[2]), 1e-6);
            assertEquals(u[2 * i + 1], Double.parseDouble(c[3]), 1e-6);
        }
        Path grid = dir.resolve("g.csv");
        assertEquals(0, run("field", "--data", "moons", "--exact", "--t", "0.5", "--grid", "8", "--out",
                grid.toString()).code());
        List<String> g8 = Files.readAllLines(grid);
        assertEquals(65, g8.size());
        assertTrue(g8.get(1).startsWith("-3.500000,3.500000,"), "top-left cell centre first: " + g8.get(1));
        assertTrue(g8.get(2).startsWith("-2.500000,3.500000,"), "x increasing along a row: " + g8.get(2));
    }

    @Test
    void fieldOfAModelAndTheFloorBesideIt() throws IOException {
        Path model = dir.resolve("m.zip");
        assertEquals(0, run("train", "--data", "moons", "--steps", "30", "--batch", "64", "--width", "16", "--depth",
                "2", "--out", model.toString()).code());
        Path out = dir.resolve("fm.csv");
        CliTest.Run f = run("field", "--model", model.toString(), "--t", "0.25", "--grid", "4", "--out",
                out.toString());
        assertEquals(0, f.code(), f.err());
        assertEquals(17, Files.readAllLines(out).size());
        CliTest.Run floor = run("floor", "--data", "moons", "--model", model.toString(), "--samples", "2000",
                "--bins", "5");
        assertEquals(0, floor.code(), floor.err());
        assertTrue(floor.out().contains("model loss on the same samples"), floor.out());
        assertBadInput(run("floor", "--data", "moons", "--model", model.toString(), "--path", "vp"),
                "trained on the ot path");
    }

    @Test
    void floorPrintsItLastAndIsSeeded() {
        CliTest.Run a = run("floor", "--data", "4gaussians", "--path", "ot", "--samples", "4000", "--seed", "3");
        assertEquals(0, a.code(), a.err());
        String last = a.out().strip().lines().reduce((x, y) -> y).orElseThrow();
        double value = Double.parseDouble(last.substring(last.lastIndexOf(' ') + 1));
        assertTrue(value > 0.5 && value < 3, last);
        assertTrue(last.contains("standard error"), last);
        CliTest.Run b = run("floor", "--data", "4gaussians", "--path", "ot", "--samples", "4000", "--seed", "3");
        assertEquals(last, b.out().strip().lines().reduce((x, y) -> y).orElseThrow(), "same seed, same floor");
        CliTest.Run memorised = run("floor", "--data", "4gaussians", "--samples", "4000", "--seed", "3",
                "--train-points", "8");
        String lastM = memorised.out().strip().lines().reduce((x, y) -> y).orElseThrow();
        assertTrue(Double.parseDouble(lastM.substring(lastM.lastIndexOf(' ') + 1)) < value,
                "eight points are easier to fit than the density: " + lastM);
    }

    @Test
    void sampleWithTheExactFieldLandsOnTrainingPoints() throws IOException {
        Path out = dir.resolve("s.csv");
        CliTest.Run r = run("sample", "--data", "rings", "--exact", "--train-points", "12", "--solver", "euler",
                "--steps", "256", "--n", "100", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(101, Files.readAllLines(out).size());
        String line = r.out().lines().filter(l -> l.startsWith("mean distance")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) < 1e-3, line);
        CliTest.Run full = run("sample", "--data", "moons", "--exact", "--path", "vp", "--solver", "midpoint",
                "--steps", "10", "--n", "50", "--out", out.toString());
        assertEquals(0, full.code(), full.err());
        assertTrue(full.out().contains("NFE 20"), full.out());
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws IOException {
        Path out = dir.resolve("x.csv");
        String o = out.toString();
        assertBadInput(run("field", "--data", "moons", "--exact", "--t", "1.5", "--grid", "4", "--out", o), "--t must");
        assertBadInput(run("field", "--data", "moons", "--exact", "--t", "NaN", "--grid", "4", "--out", o), "--t must");
        assertBadInput(run("field", "--data", "moons", "--exact", "--t", "-0.1", "--grid", "4", "--out", o), "--t must");
        assertBadInput(run("field", "--data", "moons", "--exact", "--path", "straight", "--t", "0.5", "--grid", "4",
                "--out", o), "unknown path");
        assertBadInput(run("field", "--data", "moons", "--t", "0.5", "--grid", "4", "--out", o), "--exact");
        assertBadInput(run("field", "--model", "m.zip", "--data", "moons", "--exact", "--t", "0.5", "--grid", "4",
                "--out", o), "mutually exclusive");
        assertBadInput(run("sample", "--model", "m.zip", "--data", "moons", "--exact", "--out", o),
                "mutually exclusive");
        assertBadInput(run("sample", "--out", o), "Missing required argument");
        assertBadInput(run("sample", "--data", "moons", "--exact", "--train-points", "0", "--out", o),
                "--train-points");
        assertBadInput(run("floor", "--data", "moons", "--samples", "0"), "--samples");
        assertBadInput(run("floor", "--data", "moons", "--train-points", "0"), "--train-points");
        assertBadInput(run("floor", "--data", "moons", "--path", "diffusionx"), "unknown path");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "x,y\n100,100\n");
        assertBadInput(run("floor", "--data", empty.toString()), "lies inside the domain");
        assertBadInput(run("field", "--data", empty.toString(), "--exact", "--t", "0.5", "--grid", "4", "--out", o),
                "lies inside the domain");
    }
}
