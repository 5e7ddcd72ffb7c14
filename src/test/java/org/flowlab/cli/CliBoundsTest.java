package org.flowlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command may ask of the machine is checked before any work starts (README, "What is bounded"). */
class CliBoundsTest {

    @TempDir
    Path dir;

    /** Exit 2, one line on stderr containing {@code expected}, and nothing started. */
    static CliTest.Run refused(String expected, String... args) {
        CliTest.Run r = CliTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("flowlab: ") && r.err().contains(expected), r.err());
        return r;
    }

    /** An untrained small model (no training needed to test refusals). */
    private Path model() throws java.io.IOException {
        Path m = dir.resolve("small.zip");
        if (!Files.exists(m)) {
            org.flowlab.format.ModelFile.save(m, org.flowlab.nn.Network.initialWeights(
                    org.flowlab.compute.ComputeThread.direct(), org.flowlab.testing.Fixtures.smallMlp(1)), null, null);
        }
        return m;
    }

    @Test
    void workBeyondTheBudgetIsRefusedBeforeItStarts() throws Exception {
        String m = model().toString();
        String out = dir.resolve("o.csv").toString();
        long t0 = System.nanoTime();
        refused("multiply-adds, more than FlowLab's budget of 2.0e13", "sample", "--model", m, "--steps",
                "2000000000", "--out", out);
        refused("of solver state, more than 1 GB", "sample", "--model", m, "--solver", "dopri5", "--n", "10000000",
                "--out", out);
        refused("use fewer --steps or fewer --particles", "render", "--model", m, "--steps", "100000",
                "--particles", "200000", "--out", dir.resolve("r.gif").toString());
        refused("particle positions, more than FlowLab's limit", "render", "--model", m, "--steps", "2000",
                "--particles", "100000", "--out", dir.resolve("r.gif").toString());
        refused("more than FlowLab's budget of 2.0e10 for one render", "render", "--model", m, "--size", "1080p",
                "--fps", "120", "--seconds", "600", "--out", dir.resolve("r.mp4").toString());
        refused("use a smaller --grid or fewer --steps", "density", "--model", m, "--grid", "1024", "--steps",
                "1000", "--out", out);
        Files.writeString(dir.resolve("p.csv"), "x,y\n0,0\n1,1\n");
        refused("use fewer --steps or fewer points", "nll", "--model", m, "--points", dir.resolve("p.csv").toString(),
                "--steps", "2000000000");
        refused("use fewer --particles", "bench", "--particles", "10000000");
        refused("activation values", "bench", "--batches", "1048576");
        refused("--seconds and --quality-budget must be in (0, 3600]", "bench", "--seconds", "1e9");
        assertTrue(System.nanoTime() - t0 < 60e9, "refusals are immediate");
        assertFalse(Files.exists(dir.resolve("o.csv")));
    }

    @Test
    void anAdaptiveSolverIsCappedAtTheStepsTheBudgetAllows() {
        // 10⁶ rows of a 1250-parameter network with 8 evaluations a step: 2·10¹³ / 10¹⁰ = 2000 steps.
        assertEquals(2000, org.flowlab.io.Budgets.adaptiveStepCap(1_000_000, 8, 1250, 10_000));
        assertEquals(10_000, org.flowlab.io.Budgets.adaptiveStepCap(10, 8, 1250, 10_000));
        org.flowlab.ode.RungeKuttaSolver s = Work.solver("dopri5", 0, 1e-5, 1e-5, 1_000_000, 1250, 500);
        assertEquals(500L * 8 + 2, s.maxEvaluations(), "the tighter of the caps");
    }

    @Test
    void trainRefusesANetworkItCouldNotSaveOrReadBeforeTraining() {
        Path out = dir.resolve("m.zip");
        CliTest.Run r = refused("134,275,074 parameters, more than FlowLab's limit of 8,388,608",
                "train", "--data", "moons", "--width", "4096", "--depth", "9", "--steps", "1", "--out", out.toString());
        assertFalse(r.out().contains("FlowLab train:"), "nothing was started: " + r.out());
        assertFalse(Files.exists(out));
        refused("activation values", "train", "--data", "moons", "--width", "4096", "--depth", "1",
                "--batch", "1048576", "--steps", "1", "--out", out.toString());
        assertFalse(Files.exists(out));
    }
}
