package org.flowlab.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.flowlab.compute.ComputeThread;
import org.flowlab.io.BadFileException;
import org.flowlab.nn.Network;
import org.flowlab.testing.Fixtures;
import org.flowlab.testing.Zips;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted model and session files — truncations, bit flips, oversized, lying and duplicate entries, absurd headers,
 * junk — each loaded in a child JVM with a 256 MB heap: every one must be refused with a {@link BadFileException}
 * (or, for harmless changes, load) within 5 s, and nothing may run the child out of memory (README, "What is
 * bounded"). The seed is fixed, so a failure names a file that can be made again.
 */
class LoaderFuzzTest {

    private static final long SEED = 20261125L;
    /** A generous bound on each refusal: the work is milliseconds; only a loader without limits takes longer. */
    private static final long MAX_MILLIS = 5000;

    @TempDir
    Path dir;

    /** What a crafted file may do: "refuse" or "either" (refuse or load). Junk entries must load. */
    private final Map<Path, String> expected = new LinkedHashMap<>();

    private Path add(String name, byte[] bytes, String outcome) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        expected.put(f, outcome);
        return f;
    }

    private static String properties(Map<String, byte[]> entries, String name) {
        return new String(entries.get(name), StandardCharsets.ISO_8859_1);
    }

    private static Map<String, byte[]> with(Map<String, byte[]> base, String name, byte[] value) {
        Map<String, byte[]> m = new LinkedHashMap<>(base);
        m.put(name, value);
        return m;
    }

    /** A zip of these entries plus one entry of {@code megabytes} MB of zeros. */
    private static byte[] withBomb(Map<String, byte[]> entries, String bomb, int megabytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                if (!e.getKey().equals(bomb)) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            zip.putNextEntry(new ZipEntry(bomb));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Sets the uncompressed size the central directory declares for {@code entry} (a zip that lies). */
    private static byte[] declaring(byte[] zip, String entry, long size) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        int count = b.getShort(end + 10) & 0xFFFF;
        int at = b.getInt(end + 16);
        for (int i = 0; i < count; i++) {
            int nameLength = b.getShort(at + 28) & 0xFFFF;
            String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
            if (name.equals(entry)) {
                b.putInt(at + 24, (int) size);
            }
            at += 46 + nameLength + (b.getShort(at + 30) & 0xFFFF) + (b.getShort(at + 32) & 0xFFFF);
        }
        return zip;
    }

    /** Two entries of one name: written under look-alike names, then renamed in place. */
    private static byte[] duplicated(Map<String, byte[]> entries, String entry) throws IOException {
        String twin = entry.substring(0, entry.length() - 1) + "_";
        Map<String, byte[]> m = new LinkedHashMap<>(entries);
        m.put(twin, entries.get(entry));
        byte[] zip = Zips.zip(m);
        String text = new String(zip, StandardCharsets.ISO_8859_1).replace(twin, entry);
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void craft(String kind, Path good, SplittableRandom rng) throws IOException {
        byte[] all = Files.readAllBytes(good);
        Map<String, byte[]> entries = Zips.entries(good);
        String ext = kind.equals("model") ? ".zip" : ".flowlab";
        for (int i = 0; i < 12; i++) {
            add(kind + "-cut" + i + ext, java.util.Arrays.copyOf(all, rng.nextInt(all.length)), "refuse");
        }
        for (int i = 0; i < 30; i++) {
            byte[] copy = all.clone();
            for (int k = 1 + rng.nextInt(4); k > 0; k--) {
                copy[rng.nextInt(copy.length)] ^= (byte) (1 << rng.nextInt(8));
            }
            add(kind + "-flip" + i + ext, copy, "either");
        }
        byte[] noise = new byte[1 + rng.nextInt(4096)];
        rng.nextBytes(noise);
        add(kind + "-noise" + ext, noise, "refuse");
        add(kind + "-empty" + ext, new byte[0], "refuse");
        add(kind + "-bomb-params" + ext, withBomb(entries, "params.f32", 300), "refuse");
        add(kind + "-lying-params" + ext, declaring(withBomb(entries, "params.f32", 300), "params.f32",
                entries.get("params.f32").length), "refuse");
        add(kind + "-bomb-properties" + ext, withBomb(entries, ModelFile.PROPERTIES, 300), "refuse");
        add(kind + "-junk" + ext, withBomb(entries, "junk.bin", 300), "load");
        add(kind + "-duplicate-params" + ext, duplicated(entries, "params.f32"), "refuse");
        add(kind + "-duplicate-properties" + ext, duplicated(entries, ModelFile.PROPERTIES), "refuse");
        Map<String, byte[]> many = new LinkedHashMap<>(entries);
        for (int i = 0; i < 100; i++) {
            many.put("extra-" + i, new byte[]{1});
        }
        add(kind + "-many-entries" + ext, Zips.zip(many), "refuse");
        String props = properties(entries, ModelFile.PROPERTIES);
        String[][] absurd = {
                {"model.widths=32,32", "model.widths=" + "4096,".repeat(199) + "4096"},
                {"model.widths=32,32", "model.widths=" + "1,".repeat(9999) + "1"},
                {"model.widths=32,32", "model.widths=-32,32"},
                {"model.fourierFeatures=0", "model.fourierFeatures=2000000000"},
                {"model.fourierScale=1.0", "model.fourierScale=Infinity"},
                {"training.batch=256", "training.batch=1048576", "model.widths=32,32", "model.widths=4096"},
                {"training.validationSize=2048", "training.validationSize=2147483647"},
                {"training.lr=0.003", "training.lr=NaN"},
                {"version=1", "version=2147483647"},
                {"version=1", "version=-1"},
                {"step=0", "step=-5"},
                {"step=0", "step=99999999999999999999"},
                {"format=flowlab-model", "format=flowlab-modell"},
                {"model.net=mlp", "model.net=\\uZZZZ"},
        };
        for (int i = 0; i < absurd.length; i++) {
            String edited = props;
            for (int k = 0; k < absurd[i].length; k += 2) {
                assertTrue(props.contains(absurd[i][k]), absurd[i][k] + " in\n" + props);
                edited = edited.replace(absurd[i][k], absurd[i][k + 1]);
            }
            add(kind + "-header" + i + ext, Zips.zip(with(entries, ModelFile.PROPERTIES,
                    edited.getBytes(StandardCharsets.ISO_8859_1))), "refuse");
        }
        byte[] params = entries.get("params.f32").clone();
        params[params.length - 1] = (byte) 0x7F;
        params[params.length - 2] = (byte) 0xC0; // NaN
        add(kind + "-nan-weights" + ext, Zips.zip(with(entries, "params.f32", params)), "refuse");
        if (kind.equals("session")) {
            String s = properties(entries, SessionFile.PROPERTIES);
            String[][] sessionHeaders = {
                    {"density.size=16", "density.size=4096"},
                    {"density.size=16", "density.size=-1"},
                    {"density.halfWidth=4.0", "density.halfWidth=NaN"},
                    {"version=1", "version=99"},
                    {"format=flowlab-session", "format=flowlab-model"},
            };
            for (int i = 0; i < sessionHeaders.length; i++) {
                assertTrue(s.contains(sessionHeaders[i][0]), sessionHeaders[i][0] + " in\n" + s);
                add("session-sheader" + i + ext, Zips.zip(with(entries, SessionFile.PROPERTIES,
                        s.replace(sessionHeaders[i][0], sessionHeaders[i][1]).getBytes(StandardCharsets.ISO_8859_1))),
                        "refuse");
            }
            add("session-bomb-density" + ext, withBomb(entries, SessionFile.DENSITY, 300), "refuse");
            add("session-bomb-history" + ext, withBomb(entries, SessionFile.TRAIN_STEPS, 300), "refuse");
            add("session-lying-history" + ext, declaring(withBomb(entries, SessionFile.TRAIN_STEPS, 300),
                    SessionFile.TRAIN_STEPS, entries.get(SessionFile.TRAIN_STEPS).length), "refuse");
        }
    }

    @Test
    void craftedFilesAreRefusedInBoundedTimeAndMemory() throws Exception {
        Path model = dir.resolve("good.zip");
        var weights = Network.initialWeights(ComputeThread.direct(), Fixtures.smallMlp(3));
        ModelFile.save(model, weights, null, TrainingConfig.defaults(1));
        float[] mass = new float[16 * 16];
        java.util.Arrays.fill(mass, 0.5f);
        Path session = dir.resolve("good.flowlab");
        SessionFile.save(session, new Session(mass, 16, 4, "fuzz", TrainingConfig.defaults(1), weights, null,
                LossHistory.View.of(new long[]{1, 2, 3}, new float[]{3, 2, 1}), LossHistory.View.empty(),
                Map.of("steps", "20")));
        expected.put(model, "load");
        expected.put(session, "load");
        SplittableRandom rng = new SplittableRandom(SEED);
        craft("model", model, rng);
        craft("session", session, rng);

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dflowlab.home=" + dir.resolve("home"),
                "-cp", System.getProperty("java.class.path"), LoadAll.class.getName()));
        expected.keySet().forEach(p -> cmd.add(p.toString()));
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child finished");
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith("FUZZ\t")).toList();
        assertEquals(0, p.exitValue(), Files.readString(log));
        assertEquals(expected.size(), lines.size(), Files.readString(log));
        int i = 0;
        for (var e : expected.entrySet()) {
            String[] f = lines.get(i++).split("\t", 5);
            String what = f[1] + " → " + f[2] + " in " + f[3] + " ms: " + f[4];
            assertEquals(e.getKey().toString(), f[1]);
            assertTrue(Long.parseLong(f[3]) < MAX_MILLIS, what);
            switch (e.getValue()) {
                case "refuse" -> assertEquals("REFUSED", f[2], what);
                case "load" -> assertEquals("LOADED", f[2], what);
                default -> assertTrue(f[2].equals("REFUSED") || f[2].equals("LOADED"), what);
            }
            if (f[2].equals("REFUSED")) {
                assertTrue(f[4].contains(e.getKey().getFileName().toString()), "the message names the file: " + what);
            }
        }
        assertTrue(expected.size() > 120, "crafted " + expected.size());
    }

    /** The child: loads each file as the app (sessions) or the CLI (models) would and reports the outcome. */
    public static final class LoadAll {
        public static void main(String[] args) {
            for (String a : args) {
                Path f = Path.of(a);
                long t0 = System.nanoTime();
                String outcome;
                String message = "";
                try {
                    if (a.endsWith(".flowlab")) {
                        SessionFile.load(f);
                    } else {
                        ModelFile.load(f);
                    }
                    outcome = "LOADED";
                } catch (BadFileException e) {
                    outcome = "REFUSED";
                    message = e.getMessage();
                } catch (Throwable e) {
                    outcome = "ERROR";
                    message = e.toString();
                }
                System.out.println("FUZZ\t" + a + "\t" + outcome + "\t" + (System.nanoTime() - t0) / 1_000_000 + "\t"
                        + message.replace('\n', ' ').replace('\t', ' '));
            }
        }
    }
}
