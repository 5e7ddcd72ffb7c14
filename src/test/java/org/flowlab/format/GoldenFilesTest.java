package org.flowlab.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.flowlab.cli.FlowLabCli;
import org.flowlab.compute.ComputeThread;
import org.flowlab.density.DensityGrid;
import org.flowlab.nn.NetworkKind;
import org.flowlab.train.FlowMatchingTrainer;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingSnapshot;
import org.flowlab.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by FlowLab 0.1 (format version 1, before the package restructuring), checked in under
 * {@code src/test/resources/golden}, must load forever and give the numbers that version gave: the same samples
 * (CSV, byte for byte) and, for the session, the same 20 further training steps (loss bits and a hash of the
 * weights). They were made with the 0.1 jar:
 * <pre>
 * flowlab train --data moons --width 32 --depth 2 --steps 60 --batch 64 --seed 7 --out model-v1.zip --session session-v1.flowlab
 * flowlab train --data 8gaussians --net unet --steps 10 --batch 64 --seed 3 --path vp --out unet-vp-v1.zip
 * flowlab sample --model model-v1.zip --n 50 --seed 5 --solver rk4 --steps 20 --out model-v1.sample.csv
 * flowlab sample --model unet-vp-v1.zip --n 50 --seed 5 --solver midpoint --steps 20 --out unet-vp-v1.sample.csv
 * flowlab sample --model session-v1.flowlab --n 50 --seed 5 --solver euler --steps 20 --out session-v1.sample.csv
 * </pre>
 * and session-v1.continue.txt by resuming the session's Trainer for 20 steps (step, float bits of each loss;
 * then the parameter count and a 31-polynomial hash of the weights' float bits).
 */
class GoldenFilesTest {

    @TempDir
    Path dir;

    private Path golden(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    private String sample(String model, String solver) throws IOException {
        Path out = dir.resolve(model + ".csv");
        StringWriter err = new StringWriter();
        int code = FlowLabCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err)).execute(
                "sample", "--model", golden(model).toString(), "--n", "50", "--seed", "5", "--solver", solver,
                "--steps", "20", "--out", out.toString());
        assertEquals(0, code, err.toString());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private String expected(String name) throws IOException {
        return Files.readString(golden(name), StandardCharsets.UTF_8);
    }

    @Test
    void version1ModelsLoadAndSampleAsTheyDid() throws IOException {
        ModelFile.Contents mlp = ModelFile.load(golden("model-v1.zip"));
        assertEquals(60, mlp.weights().step());
        assertNull(mlp.averaged(), "0.1 files carry no weight average; the raw weights are used");
        assertEquals(sample("model-v1.zip", "rk4"), expected("model-v1.sample.csv"));

        ModelFile.Contents unet = ModelFile.load(golden("unet-vp-v1.zip"));
        assertEquals(NetworkKind.UNET, unet.weights().config().kind());
        assertEquals("vp", unet.weights().config().pathId());
        assertEquals(sample("unet-vp-v1.zip", "midpoint"), expected("unet-vp-v1.sample.csv"));
    }

    @Test
    void aVersion1SessionLoadsSamplesAndKeepsTrainingBitForBit() throws IOException {
        Session s = SessionFile.load(golden("session-v1.flowlab"));
        assertEquals(60, s.weights().step());
        assertEquals("moons", s.densitySource());
        assertEquals(sample("session-v1.flowlab", "euler"), expected("session-v1.sample.csv"));

        DensityGrid grid = new DensityGrid(s.densitySize(), s.halfWidth());
        grid.replace(s.densityMass());
        FlowMatchingTrainer t = FlowMatchingTrainer.resume(ComputeThread.direct(), s.weights(),
                s.training().withMaxSteps(s.weights().step() + 20), grid.sampler(), s.trainLoss(),
                s.validationLoss());
        while (!t.finished()) {
            t.step();
        }
        TrainingSnapshot end = t.snapshot(TrainingState.FINISHED, 0, null);
        StringBuilder got = new StringBuilder();
        LossHistory.View v = end.trainLoss();
        for (int i = 0; i < v.size(); i++) {
            if (v.step(i) > s.weights().step()) {
                got.append(v.step(i)).append(' ').append(Float.floatToIntBits(v.value(i))).append('\n');
            }
        }
        float[] p = end.weights().params();
        long h = 0;
        for (float f : p) {
            h = h * 31 + Float.floatToIntBits(f);
        }
        got.append("params ").append(p.length).append(' ').append(h).append('\n');
        assertEquals(expected("session-v1.continue.txt"), got.toString());
    }
}
