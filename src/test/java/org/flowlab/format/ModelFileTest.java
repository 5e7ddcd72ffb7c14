package org.flowlab.format;

import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.Network;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.testing.Fixtures;
import org.flowlab.train.TrainingConfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path dir;

    private WeightsSnapshot snapshot(ModelConfig config) {
        WeightsSnapshot w = Network.build(ComputeThread.direct(), config, 1e-3).snapshot(123, true);
        // A fresh network has no Adam moments yet; give the file some to carry.
        float[] updater = new float[2 * w.params().length];
        java.util.Arrays.fill(updater, 0.25f);
        return new WeightsSnapshot(config, w.params(), updater, 123);
    }

    @Test
    void roundTripsWeightsConfigAndTraining() throws IOException {
        for (ModelConfig mc : new ModelConfig[]{Fixtures.smallMlp(9),
                new ModelConfig(NetworkKind.UNET, new int[]{8, 16, 8}, 4, 2.5, "vp", 4)}) {
            WeightsSnapshot w = snapshot(mc);
            TrainingConfig tc = TrainingConfig.defaults(3).withMaxSteps(77);
            Path f = dir.resolve(mc.kind().id() + ".zip");
            ModelFile.save(f, w, null, tc);
            ModelFile.Contents c = ModelFile.load(f);
            assertEquals(mc, c.weights().config());
            assertEquals(tc, c.training());
            assertEquals(123, c.weights().step());
            assertArrayEquals(w.params(), c.weights().params());
            assertArrayEquals(w.updater(), c.weights().updater());
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
            }
        }
    }

    @Test
    void truncatedFileIsRejectedClearly() throws IOException {
        Path f = dir.resolve("m.zip");
        ModelFile.save(f, snapshot(Fixtures.smallMlp(1)), null, null);
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 3));
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(cut));
        assertTrue(e.getMessage().contains("cut.zip"), e.getMessage());
    }

    @Test
    void notAZipOrMissingFile() throws IOException {
        Path txt = dir.resolve("notes.zip");
        Files.writeString(txt, "hello");
        assertThrows(IOException.class, () -> ModelFile.load(txt));
        assertThrows(IOException.class, () -> ModelFile.load(dir.resolve("absent.zip")));
    }

    @Test
    void wrongParameterCountAndNewerVersionAreRejected() throws IOException {
        ModelConfig mc = Fixtures.smallMlp(1);
        Properties p = new Properties();
        p.setProperty("format", ModelFile.FORMAT);
        p.setProperty("version", "1");
        mc.store(p, "model.");
        IOException e = assertThrows(IOException.class,
                () -> ModelFile.fromParts(p, ZipEntries.encodeFloats(new float[10]), null, null, "x.zip"));
        assertTrue(e.getMessage().contains("holds 10 values"), e.getMessage());

        p.setProperty("version", "99");
        e = assertThrows(IOException.class,
                () -> ModelFile.fromParts(p, ZipEntries.encodeFloats(new float[10]), null, null, "x.zip"));
        assertTrue(e.getMessage().contains("newer FlowLab"), e.getMessage());
    }

    @Test
    void oversizedEntryIsRefusedWithoutReadingItAll() throws IOException {
        // 600 MB of zeros compress to ≈ 600 KB: a zip bomb for a reader without limits.
        Path bomb = dir.resolve("bomb.zip");
        ZipEntries.writeAtomically(bomb, zip -> {
            zip.putNextEntry(new ZipEntry("params.f32"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 600; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        });
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(bomb));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void failedWriteLeavesThePreviousFileIntact() throws IOException {
        Path f = dir.resolve("keep.zip");
        WeightsSnapshot w = snapshot(Fixtures.smallMlp(1));
        ModelFile.save(f, w, null, null);
        byte[] before = Files.readAllBytes(f);
        assertThrows(IOException.class, () -> ZipEntries.writeAtomically(f, zip -> {
            zip.putNextEntry(new ZipEntry("partial"));
            zip.write(new byte[1000]);
            throw new IOException("disk full (simulated)");
        }));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file was removed");
        }
    }
}
