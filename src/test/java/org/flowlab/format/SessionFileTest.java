package org.flowlab.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import org.flowlab.density.DensityGrid;
import org.flowlab.density.DensitySources;
import org.flowlab.density.Preset;
import org.flowlab.train.LossHistory;
import org.flowlab.nn.ModelConfig;
import org.flowlab.compute.ComputeThread;
import org.flowlab.train.FlowMatchingTrainer;
import org.flowlab.train.TrainingRun;
import org.flowlab.train.TrainingConfig;
import org.flowlab.train.TrainingSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {

    @TempDir
    Path dir;

    static DensityGrid moons(int size) {
        DensityGrid g = new DensityGrid(size, 4);
        DensitySources.preset(g, Preset.MOONS);
        return g;
    }

    static ModelConfig small() {
        return ModelConfig.referenceMlp(4).withWidths(new int[]{48, 48});
    }

    static TrainingConfig training(long steps) {
        return new TrainingConfig(128, 2e-3, steps, 9, 256, 10, 20);
    }

    static TrainingSnapshot train(TrainingRun t) throws InterruptedException {
        t.start();
        assertTrue(t.awaitTermination(2, TimeUnit.MINUTES));
        return t.latest();
    }

    static Session sessionOf(DensityGrid g, TrainingConfig tc, TrainingSnapshot s) {
        return new Session(g.copyMass(), g.size(), g.halfWidth(), "Two moons", tc, s.weights(), s.averaged(), s.trainLoss(),
                s.validation(), Map.of("solver", "rk4", "steps", "12", "particles", "4000"));
    }

    @Test
    void checkpointsReloadBitIdenticallyAndTrainingContinuesThem() throws Exception {
        DensityGrid g = moons(32);
        TrainingSnapshot s;
        try (TrainingRun t = new TrainingRun(FlowMatchingTrainer.fresh(ComputeThread.direct(), small(), training(300),
                g.sampler()))) {
            s = train(t);
        }
        org.flowlab.train.Checkpoints h = s.checkpoints();
        assertTrue(h.size() > 10 && h.step(0) == 0, "a history was kept: " + h.size());
        Path f = dir.resolve("history.flowlab");
        Session saved = new Session(g.copyMass(), g.size(), g.halfWidth(), "Two moons", training(300), s.weights(),
                s.averaged(), s.trainLoss(), s.validation(), Map.of(), h);
        SessionFile.save(f, saved);
        Session back = SessionFile.load(f);
        assertArrayEquals(h.steps(), back.checkpoints().steps());
        for (int i = 0; i < h.size(); i++) {
            assertArrayEquals(h.get(i).params(), back.checkpoints().get(i).params(), "checkpoint " + i);
            assertEquals(small(), back.checkpoints().get(i).config());
        }
        // A session without the entries (every session before 0.3) loads with an empty history.
        Path old = dir.resolve("old.flowlab");
        SessionFile.save(old, sessionOf(g, training(300), s));
        assertEquals(0, SessionFile.load(old).checkpoints().size());
        // Resumed, training keeps the saved checkpoints and adds to them.
        FlowMatchingTrainer resumed = FlowMatchingTrainer.resume(ComputeThread.direct(), back.weights(),
                training(400), g.sampler(), back.trainLoss(), back.validationLoss(), back.checkpoints());
        while (!resumed.finished()) {
            resumed.step();
        }
        org.flowlab.train.Checkpoints more = resumed.checkpoints();
        assertEquals(0, more.step(0));
        assertArrayEquals(h.get(1).params(), more.get(more.indexAtOrBefore(h.step(1))).params());
        assertTrue(more.step(more.size() - 1) > 300);
    }

    @Test
    void aLyingCheckpointEntryIsRefused() throws Exception {
        DensityGrid g = moons(16);
        TrainingSnapshot s;
        try (TrainingRun t = new TrainingRun(FlowMatchingTrainer.fresh(ComputeThread.direct(), small(), training(5),
                g.sampler()))) {
            s = train(t);
        }
        Path f = dir.resolve("lying.flowlab");
        SessionFile.save(f, new Session(g.copyMass(), g.size(), g.halfWidth(), "x", training(5), s.weights(),
                s.averaged(), s.trainLoss(), s.validation(), Map.of(), s.checkpoints()));
        // Rewrite the zip with one float missing from checkpoints.f32.
        Path bad = dir.resolve("bad.flowlab");
        try (var in = new java.util.zip.ZipFile(f.toFile());
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(bad))) {
            for (var e : java.util.Collections.list(in.entries())) {
                byte[] b = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(SessionFile.CHECKPOINTS)) {
                    b = java.util.Arrays.copyOf(b, b.length - 4);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(b);
                out.closeEntry();
            }
        }
        var ex = assertThrows(org.flowlab.io.BadFileException.class, () -> SessionFile.load(bad));
        assertTrue(ex.getMessage().contains("checkpoints"), ex.getMessage());
    }

    @Test
    void roundTripsEverything() throws Exception {
        DensityGrid g = moons(64);
        TrainingSnapshot s;
        try (TrainingRun t = new TrainingRun(FlowMatchingTrainer.fresh(ComputeThread.direct(), small(), training(25),
                g.sampler()))) {
            s = train(t);
        }
        Path f = dir.resolve("a.flowlab");
        Session saved = sessionOf(g, training(25), s);
        SessionFile.save(f, saved);
        Session back = SessionFile.load(f);
        assertArrayEquals(saved.densityMass(), back.densityMass());
        assertEquals(64, back.densitySize());
        assertEquals(4.0, back.halfWidth());
        assertEquals("Two moons", back.densitySource());
        assertEquals(saved.training(), back.training());
        assertEquals(small(), back.weights().config());
        assertEquals(25, back.weights().step());
        assertArrayEquals(saved.weights().params(), back.weights().params());
        assertArrayEquals(saved.weights().updater(), back.weights().updater());
        assertArrayEquals(saved.trainLoss().valuesCopy(), back.trainLoss().valuesCopy());
        assertArrayEquals(saved.trainLoss().stepsCopy(), back.trainLoss().stepsCopy());
        assertArrayEquals(saved.validationLoss().stepsCopy(), back.validationLoss().stepsCopy());
        assertEquals(saved.appSettings(), back.appSettings());
        // A session is also a model file for 'sample' and 'render'.
        assertArrayEquals(saved.weights().params(), ModelFile.load(f).weights().params());
    }

    @Test
    void resumedTrainingContinuesTheCurveExactly() throws Exception {
        DensityGrid g = moons(64);
        float[] uninterrupted;
        try (TrainingRun t = new TrainingRun(FlowMatchingTrainer.fresh(ComputeThread.direct(), small(), training(40),
                g.sampler()))) {
            uninterrupted = train(t).trainLoss().valuesCopy();
        }
        Path f = dir.resolve("mid.flowlab");
        try (TrainingRun t = new TrainingRun(FlowMatchingTrainer.fresh(ComputeThread.direct(), small(), training(20),
                g.sampler()))) {
            SessionFile.save(f, sessionOf(g, training(20), train(t)));
        }
        Session s = SessionFile.load(f);
        DensityGrid restored = new DensityGrid(s.densitySize(), s.halfWidth());
        restored.replace(s.densityMass());
        try (TrainingRun t = new TrainingRun(FlowMatchingTrainer.resume(ComputeThread.direct(), s.weights(),
                s.training().withMaxSteps(40), restored.sampler(), s.trainLoss(), s.validationLoss()))) {
            TrainingSnapshot end = train(t);
            assertEquals(40, end.step());
            assertEquals(40, end.trainLoss().size(), "the curve continues from step 21");
            assertArrayEquals(uninterrupted, end.trainLoss().valuesCopy(),
                    "save at 20 + resume to 40 = 40 uninterrupted steps, bit for bit");
        }
    }

    @Test
    void aRunThatWentBackAfterANonFiniteLossSavesASessionThatOpens() throws Exception {
        // After a NaN loss the trainer goes back to its last good weights; continuing from there used to append
        // steps the history already had, so the session it saved could not be opened again.
        boolean[] poison = {false};
        DensityGrid g = moons(32);
        org.flowlab.density.PointSampler target = (n, rng, out) -> {
            g.sampler().sample(n, rng, out);
            if (poison[0]) {
                java.util.Arrays.fill(out, 0, 2 * n, Float.NaN);
            }
        };
        FlowMatchingTrainer t = FlowMatchingTrainer.fresh(ComputeThread.direct(), small(), training(0), target);
        for (int i = 0; i < 10; i++) {
            t.step();
        }
        t.snapshot(org.flowlab.train.TrainingState.RUNNING, 0, null);
        for (int i = 0; i < 5; i++) {
            t.step();
        }
        poison[0] = true;
        assertTrue(Double.isNaN(t.step()));
        assertEquals(10, t.steps(), "back to the last snapshot's weights");
        poison[0] = false;
        for (int i = 0; i < 8; i++) {
            t.step();
        }
        TrainingSnapshot s = t.snapshot(org.flowlab.train.TrainingState.STOPPED, 0, null);
        Path f = dir.resolve("went-back.flowlab");
        SessionFile.save(f, sessionOf(g, training(0), s));
        Session back = SessionFile.load(f);
        assertEquals(18, back.weights().step());
        long[] steps = back.trainLoss().stepsCopy();
        assertEquals(18, steps.length, "steps 11–15 of the abandoned weights were replaced");
        assertEquals(18, steps[17]);
    }

    @Test
    void theAppsSettingsAreCheckedAndClampedOnLoad() throws Exception {
        Path f = org.flowlab.testing.Zips.edited(saved(), dir.resolve("app.flowlab"), "session.properties",
                b -> (new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("app\\.[a-zA-Z]+=[^\n]*\n", "")
                        + "app.steps=2000000000\napp.particles=-5\napp.solver=rk45\napp.showField=maybe\n"
                        + "app.showTrails=true\napp.zoom=2\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Session s = SessionFile.load(f);
        assertEquals(Map.of("steps", "1000", "particles", "1", "showTrails", "true", "zoom", "2"), s.appSettings());
        Path minus = org.flowlab.testing.Zips.edited(saved(), dir.resolve("minus.flowlab"), "session.properties",
                b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace("version=1", "version=-1")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        IOException e = assertThrows(IOException.class, () -> SessionFile.load(minus));
        assertTrue(e.getMessage().contains("invalid format version -1"), e.getMessage());
    }

    private Path saved() throws Exception {
        DensityGrid g = moons(32);
        Path f = dir.resolve("s.flowlab");
        try (TrainingRun t = new TrainingRun(FlowMatchingTrainer.fresh(ComputeThread.direct(), small(), training(5),
                g.sampler()))) {
            SessionFile.save(f, sessionOf(g, training(5), train(t)));
        }
        return f;
    }

    @Test
    void truncatedFileIsRejectedClearly() throws Exception {
        byte[] all = Files.readAllBytes(saved());
        for (int cut : new int[]{10, all.length / 3, all.length - 30}) {
            Path bad = dir.resolve("cut" + cut + ".flowlab");
            Files.write(bad, java.util.Arrays.copyOf(all, cut));
            IOException e = assertThrows(IOException.class, () -> SessionFile.load(bad), "cut at " + cut);
            assertTrue(e.getMessage().contains(bad.getFileName().toString()), e.getMessage());
        }
    }

    @Test
    void flippedBitsAreRejected() throws Exception {
        byte[] all = Files.readAllBytes(saved());
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int rejected = 0;
        for (int k = 0; k < 20; k++) {
            byte[] copy = all.clone();
            int pos = 40 + r.nextInt(all.length - 40);
            copy[pos] ^= (byte) (1 << r.nextInt(8));
            Path bad = dir.resolve("flip" + k + ".flowlab");
            Files.write(bad, copy);
            try {
                SessionFile.load(bad);
            } catch (IOException e) {
                rejected++;
            }
        }
        // Every flip inside compressed data or a header is caught (CRC, inflater, length checks); a flip in an
        // unused header field (e.g. a timestamp) may legitimately load. Most must fail, none may crash.
        assertTrue(rejected >= 15, "rejected " + rejected + " of 20");
    }

    /** A copy of {@code from}'s entries plus {@code extra} (name → megabytes of zeros), written by FlowLab's writer. */
    static Path withExtraEntries(Path from, Path to, Map<String, Integer> extraMegabytes) throws IOException {
        ZipEntries.writeAtomically(to, zip -> {
            try (java.util.zip.ZipFile zf = new java.util.zip.ZipFile(from.toFile())) {
                for (var en = zf.entries(); en.hasMoreElements(); ) {
                    ZipEntry e = en.nextElement();
                    if (extraMegabytes.containsKey(e.getName())) {
                        continue;
                    }
                    try (var in = zf.getInputStream(e)) {
                        ZipEntries.put(zip, e.getName(), in.readAllBytes());
                    }
                }
            }
            byte[] zeros = new byte[1 << 20];
            for (var x : extraMegabytes.entrySet()) {
                zip.putNextEntry(new ZipEntry(x.getKey()));
                for (int i = 0; i < x.getValue(); i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
        });
        return to;
    }

    @Test
    void unknownEntriesAreSkippedWithoutInflatingThem() throws Exception {
        // The probe's bomb: zero-filled junk entries in an otherwise good session. Reading them cost gigabytes;
        // a reader that knows its entries never opens them.
        Path junk = withExtraEntries(saved(), dir.resolve("junk.flowlab"),
                Map.of("junk-1", 128, "junk-2", 128, "notes/readme.txt", 64));
        assertTrue(Files.size(junk) < 1 << 20, "the bomb is small: " + Files.size(junk));
        org.flowlab.testing.Allocation.Result r = org.flowlab.testing.Allocation.measure(() -> SessionFile.load(junk));
        assertEquals(null, r.thrown(), "the session itself is fine");
        assertTrue(r.bytes() < 32L << 20, "allocated " + r.bytes() + " bytes for a session of a few KB");
    }

    @Test
    void aBombInAKnownEntryIsRefusedBeforeInflatingIt() throws Exception {
        Path bomb = withExtraEntries(saved(), dir.resolve("bomb.flowlab"), Map.of("density.f32", 600));
        org.flowlab.testing.Allocation.Result r = org.flowlab.testing.Allocation.measure(() -> SessionFile.load(bomb));
        assertTrue(r.thrown() instanceof IOException, String.valueOf(r.thrown()));
        assertTrue(r.thrown().getMessage().contains("density.f32 holds 600 MB, a grid of 32² needs 1,024"),
                r.thrown().getMessage());
        assertTrue(r.bytes() < 32L << 20, "allocated " + r.bytes() + " bytes to refuse it");
    }

    @Test
    void oversizedEntryNewerVersionAndNonSessionAreRejected() throws Exception {
        Path bomb = dir.resolve("bomb.flowlab");
        ZipEntries.writeAtomically(bomb, zip -> {
            zip.putNextEntry(new ZipEntry("session.properties"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 600; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        });
        IOException e = assertThrows(IOException.class, () -> SessionFile.load(bomb));
        assertTrue(e.getMessage().contains("session.properties is 600 MB, larger than the 64 KB it may hold"),
                e.getMessage());

        Path newer = dir.resolve("newer.flowlab");
        ZipEntries.writeAtomically(newer, zip -> {
            zip.putNextEntry(new ZipEntry("session.properties"));
            zip.write("format=flowlab-session\nversion=7\n".getBytes());
            zip.closeEntry();
        });
        e = assertThrows(IOException.class, () -> SessionFile.load(newer));
        assertTrue(e.getMessage().contains("newer FlowLab"), e.getMessage());

        Path model = dir.resolve("model.zip");
        ModelFile.save(model, SessionFile.load(saved()).weights(), null, null);
        e = assertThrows(IOException.class, () -> SessionFile.load(model));
        assertTrue(e.getMessage().contains("not a FlowLab session"), e.getMessage());
    }

    @Test
    void killingTheProcessDuringASaveLeavesThePreviousFileIntact() throws Exception {
        Path f = dir.resolve("busy.flowlab");
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dflowlab.home=" + dir.resolve("home"), "-cp", cp, SaveLoop.class.getName(), f.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("saveloop.log").toFile()).start();
        try {
            // Wait until at least two saves completed, then kill mid-way through a later one.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(dir.resolve("saveloop.log")).contains("saved 2")) {
                assertTrue(p.isAlive(), "the saving process died: " + Files.readString(dir.resolve("saveloop.log")));
                assertTrue(System.nanoTime() < deadline, "no saves within 120 s");
                Thread.sleep(20);
            }
            Thread.sleep(137);
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        Session s = SessionFile.load(f);
        assertEquals(2048 * 2048, s.densityMass().length, "the last complete save opens");
        // The killed save left its hidden temporary file; the next save of the same file removes it.
        java.util.List<Path> left;
        try (var files = Files.list(dir)) {
            left = files.filter(q -> q.getFileName().toString().matches("\\.busy\\.flowlab\\.\\d+\\.tmp")).toList();
        }
        for (Path q : left) {
            Files.setLastModifiedTime(q, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        }
        SessionFile.save(f, s);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(q -> q.getFileName().toString().endsWith(".tmp")), "no leftovers after a save");
        }
    }

    /** Saves a large session over and over (run in a child process that the test kills). */
    public static final class SaveLoop {
        public static void main(String[] args) throws Exception {
            DensityGrid g = new DensityGrid(2048, 4);
            DensitySources.preset(g, Preset.RINGS);
            TrainingConfig tc = training(1);
            org.flowlab.nn.WeightsSnapshot w = org.flowlab.nn.Network.initialWeights(
                    org.flowlab.compute.ComputeThread.direct(), ModelConfig.referenceMlp(1));
            Session s = new Session(g.copyMass(), g.size(), g.halfWidth(), "rings", tc, w, null, LossHistory.View.empty(),
                    LossHistory.View.empty(), Map.of());
            for (int i = 1; ; i++) {
                SessionFile.save(Path.of(args[0]), s);
                System.out.println("saved " + i);
                System.out.flush();
            }
        }
    }
}
