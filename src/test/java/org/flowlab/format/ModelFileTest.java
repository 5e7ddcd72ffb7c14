package org.flowlab.format;

import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.NetworkKind;
import org.flowlab.nn.Network;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.testing.Allocation;
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

    /** A model zip with this header and these entries (bytes), written as FlowLab writes zips. */
    private Path craft(String file, Properties header, java.util.Map<String, byte[]> entries) throws IOException {
        Path f = dir.resolve(file);
        ZipEntries.writeAtomically(f, zip -> {
            java.io.ByteArrayOutputStream props = new java.io.ByteArrayOutputStream();
            header.store(props, null);
            ZipEntries.put(zip, ModelFile.PROPERTIES, props.toByteArray());
            for (var e : entries.entrySet()) {
                ZipEntries.put(zip, e.getKey(), e.getValue());
            }
        });
        return f;
    }

    private static Properties header(ModelConfig mc) {
        Properties p = new Properties();
        p.setProperty("format", ModelFile.FORMAT);
        p.setProperty("version", "1");
        p.setProperty("step", "3");
        mc.store(p, "model.");
        return p;
    }

    @Test
    void oversizedEntryIsRefusedWithoutReadingItAll() throws IOException {
        // 600 MB of zeros compress to ≈ 600 KB: a zip bomb for a reader without limits. The header says how large
        // params.f32 is, so the entry is refused before a byte of it is inflated.
        Path bomb = dir.resolve("bomb.zip");
        Properties header = header(Fixtures.smallMlp(1));
        ZipEntries.writeAtomically(bomb, zip -> {
            java.io.ByteArrayOutputStream props = new java.io.ByteArrayOutputStream();
            header.store(props, null);
            ZipEntries.put(zip, ModelFile.PROPERTIES, props.toByteArray());
            zip.putNextEntry(new ZipEntry("params.f32"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 600; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        });
        Allocation.Result r = Allocation.measure(() -> ModelFile.load(bomb));
        assertTrue(r.thrown() instanceof IOException, String.valueOf(r.thrown()));
        assertTrue(r.thrown().getMessage().contains("params.f32 holds 600 MB"), r.thrown().getMessage());
        assertTrue(r.bytes() < 16L << 20, "allocated " + r.bytes() + " bytes to refuse it");
    }

    @Test
    void aHeaderAskingForAHugeNetworkIsRefusedBeforeAnythingIsAllocated() throws IOException {
        // The probe's 380 KB file: 200 layers of 4096 (13 billion parameters) and a small params entry.
        Properties deep = header(Fixtures.smallMlp(1));
        deep.setProperty("model.widths", String.join(",", java.util.Collections.nCopies(200, "4096")));
        Path f = craft("deep.zip", deep, java.util.Map.of("params.f32", ZipEntries.encodeFloats(new float[10])));
        Allocation.Result r = Allocation.measure(() -> ModelFile.load(f));
        assertTrue(r.thrown() instanceof IOException, String.valueOf(r.thrown()));
        assertTrue(r.thrown().getMessage().contains("deep.zip") && r.thrown().getMessage().contains("200 hidden layers"),
                r.thrown().getMessage());
        assertTrue(r.bytes() < 4L << 20, "allocated " + r.bytes() + " bytes to refuse it");

        // Within the layer limit but beyond the parameter limit: 9 × 4096 (what train --width 4096 --depth 9 made).
        Properties wide = header(Fixtures.smallMlp(1));
        wide.setProperty("model.widths", String.join(",", java.util.Collections.nCopies(9, "4096")));
        Path g = craft("wide.zip", wide, java.util.Map.of("params.f32", ZipEntries.encodeFloats(new float[10])));
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(g));
        assertTrue(e.getMessage().contains("134,275,074 parameters"), e.getMessage());

        // A batch whose activations do not fit: 1M rows through 3 × 4096 hidden values.
        Properties batch = header(ModelConfig.referenceMlp(1).withWidths(new int[]{4096}));
        TrainingConfig.defaults(1).withBatchSize(1 << 20).store(batch, "training.");
        Path h = craft("batch.zip", batch, java.util.Map.of("params.f32", ZipEntries.encodeFloats(new float[10])));
        e = assertThrows(IOException.class, () -> ModelFile.load(h));
        assertTrue(e.getMessage().contains("activation values"), e.getMessage());
    }

    @Test
    void sizesInMessagesAreWrittenAsPeopleReadThem() throws IOException {
        // A 100 KB header used to be refused as "an entry larger than 0 MB" (integer division of the 64 KB cap).
        Properties big = header(Fixtures.smallMlp(1));
        big.setProperty("padding", "x".repeat(100 * 1024));
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(craft("big.zip", big, java.util.Map.of())));
        assertTrue(e.getMessage().contains("flowlab-model.properties is 100 KB, larger than the 64 KB it may hold"),
                e.getMessage());
        assertEquals("3 bytes", org.flowlab.io.Budgets.bytes(3));
        assertEquals("1.5 KB", org.flowlab.io.Budgets.bytes(1536));
        assertEquals("512 MB", org.flowlab.io.Budgets.bytes(512L << 20));
        assertEquals("1.5 GB", org.flowlab.io.Budgets.bytes(3L << 29));
    }

    @Test
    void headersAndStatesALoaderUsedToAcceptAreRefused() throws IOException {
        ModelConfig mc = Fixtures.smallMlp(1);
        int n = (int) mc.parameterCount();
        byte[] params = ZipEntries.encodeFloats(new float[n]);
        float[] adam = new float[2 * n];
        adam[7] = Float.NaN;
        // NaN in the Adam state: a resume would turn every weight to NaN at the first step.
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(craft("adam.zip", header(mc),
                java.util.Map.of("params.f32", params, "updater.f32", ZipEntries.encodeFloats(adam)))));
        assertTrue(e.getMessage().contains("non-finite optimiser state"), e.getMessage());
        Properties v = header(mc);
        v.setProperty("version", "-1");
        e = assertThrows(IOException.class, () -> ModelFile.load(craft("v.zip", v, java.util.Map.of("params.f32",
                params))));
        assertTrue(e.getMessage().contains("invalid format version -1"), e.getMessage());
        Properties step = header(mc);
        step.setProperty("step", "-5");
        e = assertThrows(IOException.class, () -> ModelFile.load(craft("s.zip", step, java.util.Map.of("params.f32",
                params))));
        assertTrue(e.getMessage().contains("negative step -5"), e.getMessage());
        Properties scale = header(mc);
        scale.setProperty("model.fourierScale", "NaN");
        e = assertThrows(IOException.class, () -> ModelFile.load(craft("f.zip", scale, java.util.Map.of("params.f32",
                params))));
        assertTrue(e.getMessage().contains("Fourier scale"), e.getMessage());
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
