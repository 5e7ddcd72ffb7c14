package org.flowlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on labelled data: train, sample by class, and one clear line (exit 2) for bad input. */
class ConditionalCliTest {

    @TempDir
    Path dir;

    static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    static void refused(CliTest.Run r, String... words) {
        assertEquals(2, r.code(), r.out() + r.err());
        String line = r.err().strip();
        assertEquals(1, line.lines().count(), line);
        for (String w : words) {
            assertTrue(line.contains(w), line);
        }
    }

    @Test
    void labelledCsvTrainsAConditionalModelThatSamplesByClass() throws IOException {
        Path csv = dir.resolve("two.csv");
        StringBuilder sb = new StringBuilder("x,y,label\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 400; i++) {
            boolean left = i % 2 == 0;
            sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s%n", (left ? -2 : 2) + 0.3 * r.nextGaussian(),
                    0.3 * r.nextGaussian(), left ? "left" : "right"));
        }
        Files.writeString(csv, sb, StandardCharsets.UTF_8);
        Path model = dir.resolve("m.zip");
        CliTest.Run t = run("train", "--data", csv.toString(), "--steps", "300", "--log-every", "300",
                "--out", model.toString());
        assertEquals(0, t.code(), t.out() + t.err());
        assertTrue(t.out().contains("classes: 0 left (50%), 1 right (50%)"), t.out());

        Path all = dir.resolve("all.csv");
        CliTest.Run s = run("sample", "--model", model.toString(), "--class", "all", "--n", "200", "--out",
                all.toString());
        assertEquals(0, s.code(), s.out() + s.err());
        List<String> rows = Files.readAllLines(all);
        assertEquals("x,y,label", rows.get(0));
        long left = rows.stream().skip(1).filter(l -> l.endsWith(",left")).count();
        assertTrue(left > 70 && left < 130, "labels in proportion to mass: " + left + " of 200");

        Path right = dir.resolve("right.csv");
        s = run("sample", "--model", model.toString(), "--class", "right", "--guidance", "2", "--n", "200",
                "--out", right.toString());
        assertEquals(0, s.code(), s.out() + s.err());
        double meanX = Files.readAllLines(right).stream().skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[0])).average().orElseThrow();
        assertTrue(meanX > 1, "class 'right' lands on the right: mean x " + meanX);

        // Bad guidance, unknown class, --class all where one class is needed: one line, exit 2, nothing written.
        Path none = dir.resolve("none.csv");
        refused(run("sample", "--model", model.toString(), "--class", "1", "--guidance", "-1", "--out",
                none.toString()), "--guidance", "≥ 0");
        refused(run("sample", "--model", model.toString(), "--class", "1", "--guidance", "NaN", "--out",
                none.toString()), "--guidance");
        refused(run("sample", "--model", model.toString(), "--class", "up", "--out", none.toString()),
                "no class 'up'", "left");
        refused(run("nll", "--model", model.toString(), "--points", csv.toString(), "--guidance", "2"),
                "--guidance needs a class");
        assertFalse(Files.exists(none));
    }

    @Test
    void badLabelledDataAndClassesOnUnconditionalModelsAreOneLine() throws IOException {
        Path mixed = dir.resolve("mixed.csv");
        Files.writeString(mixed, "0,0,1\n1,1,cat\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("m.zip");
        refused(run("train", "--data", mixed.toString(), "--steps", "10", "--out", out.toString()),
                "mix numbers and text");
        Path nine = dir.resolve("nine.csv");
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 9; k++) {
            sb.append(k * 0.1).append(",0,").append(k).append('\n');
        }
        Files.writeString(nine, sb, StandardCharsets.UTF_8);
        refused(run("train", "--data", nine.toString(), "--steps", "10", "--out", out.toString()),
                "more than 8");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "0,0,a\n50,50,b\n", StandardCharsets.UTF_8);
        refused(run("train", "--data", empty.toString(), "--steps", "10", "--out", out.toString()),
                "class 'b'", "no mass");
        assertFalse(Files.exists(out));

        Path plain = dir.resolve("plain.zip");
        assertEquals(0, run("train", "--data", "moons", "--steps", "20", "--width", "16", "--depth", "1",
                "--out", plain.toString()).code());
        Path s = dir.resolve("s.csv");
        refused(run("sample", "--model", plain.toString(), "--class", "0", "--out", s.toString()),
                "--class", "without classes");
        refused(run("render", "--model", plain.toString(), "--guidance", "2", "--out", dir.resolve("r.png").toString()),
                "--guidance", "without classes");
        refused(run("target", "--data", "moons", "--class", "0", "--out", s.toString()), "one class");
        assertFalse(Files.exists(s));
        CliTest.Run t = run("target", "--data", "moons:labels", "--class", "lower moon", "--n", "100", "--out",
                s.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("class 1 'lower moon'"), t.out());
    }
}
