package org.flowlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowlab.compute.ComputeThread;
import org.flowlab.format.ModelFile;
import org.flowlab.nn.Network;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a command writes is checked before it works, and a trained result is never lost to a failed write. */
class CliOutputsTest {

    @TempDir
    Path dir;

    @Test
    void trainChecksItsDestinationsBeforeTraining() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("models"));
        CliTest.Run r = CliBoundsTest.refused("'" + folder + "': it is a folder; give a file name",
                "train", "--data", "moons", "--steps", "3000", "--out", folder.toString());
        assertFalse(r.out().contains("FlowLab train:"), "training never started: " + r.out());
        Path file = Files.writeString(dir.resolve("notes"), "x");
        r = CliBoundsTest.refused("is a file, not a folder", "train", "--data", "moons", "--steps", "3000",
                "--session", file.resolve("s.flowlab").toString());
        assertFalse(r.out().contains("FlowLab train:"), r.out());
        CliBoundsTest.refused("name the same file", "train", "--data", "moons", "--out",
                dir.resolve("a.zip").toString(), "--session", dir.resolve("a.zip").toString());
    }

    @Test
    void everyCommandChecksItsOutputBeforeWorking() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("taken"));
        Path model = dir.resolve("m.zip");
        ModelFile.save(model, Network.initialWeights(ComputeThread.direct(), Fixtures.smallMlp(1)), null, null);
        String f = folder.toString();
        CliBoundsTest.refused("it is a folder", "sample", "--model", model.toString(), "--out", f);
        CliBoundsTest.refused("it is a folder", "target", "--data", "moons", "--out", f);
        CliBoundsTest.refused("it is a folder", "density", "--model", model.toString(), "--out", f);
        Files.writeString(dir.resolve("p.csv"), "x,y\n0,0\n");
        CliBoundsTest.refused("it is a folder", "plot", dir.resolve("p.csv").toString(), "--out",
                Files.createDirectories(dir.resolve("p.png")).toString());
        CliBoundsTest.refused("it is a folder", "render", "--model", model.toString(), "--out",
                Files.createDirectories(dir.resolve("r.gif")).toString());
        Path notes = Files.writeString(dir.resolve("notes"), "x");
        CliBoundsTest.refused("is a file, not a folder", "render", "--model", model.toString(), "--out",
                notes.resolve("frames").toString() + "/");
    }

    @Test
    void aFailedFinalWriteKeepsTheTrainedModelSomewhereSafeAndSaysWhere() throws Exception {
        WeightsSnapshot w = Network.initialWeights(ComputeThread.direct(), Fixtures.smallMlp(2));
        Path target = dir.resolve("full-disk").resolve("m.zip");
        Path rescueDir = dir.resolve("home").resolve("rescued");
        List<String> failures = new ArrayList<>();
        Path kept = TrainCommand.saveOrRescue(target, "model", file -> {
            if (file.equals(target)) {
                throw new FileSystemException(target.toString(), null, "No space left on device");
            }
            ModelFile.save(file, w, null, null);
        }, rescueDir, failures);
        assertNotNull(kept);
        assertTrue(kept.startsWith(rescueDir) && kept.getFileName().toString().matches("m-\\d{8}-\\d{6}\\.zip"),
                kept.toString());
        assertEquals(w.config(), ModelFile.load(kept).weights().config(), "the rescued copy loads");
        assertEquals(1, failures.size());
        assertEquals("could not write '" + target + "' (No space left on device); the trained model is safe in '"
                + kept + "'", failures.get(0));
    }
}
