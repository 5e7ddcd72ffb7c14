package org.flowlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --coupling, straightness, reflow, nfe and sample --sde from the command line; bad input exits 2. */
class StraighterFlowsCliTest {

    @TempDir
    Path dir;

    static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    static String lastLine(String out) {
        return out.strip().lines().reduce((a, b) -> b).orElse("");
    }

    @Test
    void theNewCommandsDocumentThemselves() {
        for (String cmd : List.of("straightness", "reflow", "nfe")) {
            CliTest.Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Usage: flowlab " + cmd), r.out());
        }
        assertTrue(run("train", "--help").out().contains("--coupling"));
        assertTrue(run("sample", "--help").out().contains("--sde"));
    }

    @Test
    void trainWithOtThenStraightnessReflowNfeAndSde() throws IOException {
        Path model = dir.resolve("m.zip");
        CliTest.Run train = run("train", "--data", "moons", "--coupling", "ot", "--steps", "30", "--batch", "64",
                "--width", "16", "--depth", "2", "--out", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("ot coupling"), train.out());
        assertTrue(train.out().contains("straightness "), "printed after training: " + train.out());
        assertEquals("ot", org.flowlab.format.ModelFile.load(model).training().coupling(), "kept in the file");

        CliTest.Run s = run("straightness", "--model", model.toString(), "--n", "200", "--steps", "8");
        assertEquals(0, s.code(), s.err());
        String last = lastLine(s.out());
        assertTrue(last.startsWith("straightness "), last);
        assertTrue(Double.parseDouble(last.substring(last.lastIndexOf(' ') + 1)) >= 0, last);

        Path reflowed = dir.resolve("m2.zip");
        CliTest.Run reflow = run("reflow", "--model", model.toString(), "--pairs", "300", "--steps", "20",
                "--rounds", "2", "--solver", "rk4", "--solver-steps", "4", "--batch", "64", "--out",
                reflowed.toString());
        assertEquals(0, reflow.code(), reflow.err());
        assertTrue(Files.exists(reflowed) && Files.exists(dir.resolve("m2.round1.zip")), reflow.out());
        assertTrue(reflow.out().contains("straightness before") && reflow.out().contains("straightness after round 2"),
                reflow.out());

        Path csv = dir.resolve("nfe.csv");
        Path png = dir.resolve("nfe.png");
        CliTest.Run nfe = run("nfe", "--model", model + "," + reflowed, "--solvers", "euler,rk4,dopri5", "--steps",
                "1,2,4", "--tolerances", "1e-3", "--n", "200", "--out", csv.toString(), "--plot", png.toString());
        assertEquals(0, nfe.code(), nfe.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(org.flowlab.nfe.NfeLab.CSV_HEADER, rows.get(0));
        assertEquals(1 + 2 * (3 + 3 + 1), rows.size(), "one row per model × solver × setting");
        assertTrue(rows.get(1).startsWith("m.zip,euler,euler × 1,1,,1,"), rows.get(1));
        assertTrue(rows.get(rows.size() - 1).startsWith("m2.zip,dopri5,"), rows.get(rows.size() - 1));
        assertTrue(Files.size(png) > 1000);

        Path samples = dir.resolve("sde.csv");
        CliTest.Run sde = run("sample", "--model", model.toString(), "--sde", "--noise", "0.5", "--steps", "10",
                "--n", "50", "--out", samples.toString());
        assertEquals(0, sde.code(), sde.err());
        assertEquals(51, Files.readAllLines(samples).size());
        assertTrue(sde.out().contains("NFE 10"), sde.out());
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws IOException {
        Path model = dir.resolve("m.zip");
        assertEquals(0, run("train", "--data", "moons", "--steps", "5", "--batch", "32", "--width", "8", "--depth", "1",
                "--out", model.toString()).code());
        String m = model.toString();
        String out = dir.resolve("x").toString();
        String[][] cases = {
                {"unknown coupling", "train", "--data", "moons", "--coupling", "sinkhorn", "--out", out},
                {"ot:", "train", "--data", "moons", "--coupling", "ot:-1", "--out", out},
                {"--pairs", "reflow", "--model", m, "--pairs", "0", "--out", out},
                {"--noise", "sample", "--model", m, "--sde", "--noise", "-1", "--out", out},
                {"add --sde", "sample", "--model", m, "--noise", "1", "--out", out},
                {"--n", "straightness", "--model", m, "--n", "0"},
                {"unknown solver", "nfe", "--model", m, "--solvers", "rk45", "--out", out},
                {"steps must be", "nfe", "--model", m, "--solvers", "euler", "--steps", "0", "--out", out},
                {"unknown solver", "reflow", "--model", m, "--solver", "rk45", "--out", out},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            CliTest.Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[0]), r.err());
            assertFalse(r.err().contains("at org."), r.err());
        }
    }
}
