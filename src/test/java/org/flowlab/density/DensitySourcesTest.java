package org.flowlab.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DensitySourcesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Preset.class)
    void presetsRasteriseInsideTheDomain(Preset p) {
        DensityGrid g = new DensityGrid();
        DensitySources.preset(g, p);
        assertTrue(g.totalMass() > 100, p + " has mass");
        float[] edge = g.copyMass();
        int n = g.size();
        for (int i = 0; i < n; i++) {
            assertEquals(0f, edge[i], p + ": top row empty");
            assertEquals(0f, edge[(n - 1) * n + i], p + ": bottom row empty");
        }
        assertEquals(p, Preset.byId(p.id()));
    }

    @Test
    void moonsPresetMatchesTheReferenceGeometry() {
        float[] pts = Preset.MOONS.sample(50_000, new SplittableRandom(0));
        double mx = 0;
        double my = 0;
        for (int i = 0; i < 50_000; i++) {
            mx += pts[2 * i];
            my += pts[2 * i + 1];
        }
        // sklearn moons have mean (0.5, 0.25); the reference centres them, so the mean is ≈ 0.
        assertEquals(0.0, mx / 50_000, 0.02);
        assertEquals(0.0, my / 50_000, 0.02);
    }

    @Test
    void darkPixelsOfAnOpaqueImageBecomeMass() throws IOException {
        // A wide white image with a black disc on its left half: mass on the left, aspect kept.
        BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        g2.setColor(Color.WHITE);
        g2.fillRect(0, 0, 200, 100);
        g2.setColor(Color.BLACK);
        g2.fillOval(10, 10, 80, 80);
        g2.dispose();
        Path png = dir.resolve("disc.png");
        ImageIO.write(img, "png", png.toFile());

        DensityGrid g = new DensityGrid(100, 4);
        DensitySources.image(g, png);
        double left = 0;
        double right = 0;
        double topBand = 0;
        for (int row = 0; row < 100; row++) {
            for (int col = 0; col < 100; col++) {
                float m = g.get(col, row);
                if (col < 50) {
                    left += m;
                } else {
                    right += m;
                }
                if (row < 25) {
                    topBand += m;
                }
            }
        }
        assertTrue(left > 100 && right < 1e-3 * left, "left " + left + " right " + right);
        // 2:1 image fitted into 90%: it spans rows 27..72, so the top quarter stays empty.
        assertEquals(0.0, topBand, 1e-6);
    }

    @Test
    void alphaBecomesMassWhenTheImageHasTransparency() throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = img.createGraphics();
        g2.setColor(Color.WHITE); // white but opaque: darkness alone would see nothing
        g2.fillRect(0, 0, 32, 64);
        g2.dispose();
        Path png = dir.resolve("alpha.png");
        ImageIO.write(img, "png", png.toFile());
        DensityGrid g = new DensityGrid(64, 4);
        DensitySources.image(g, png);
        assertTrue(g.get(10, 32) > 0.9f);
        assertEquals(0f, g.get(50, 32));
    }

    @Test
    void corruptImageGivesAClearMessageAndKeepsTheGrid() throws IOException {
        Path bad = dir.resolve("broken.png");
        byte[] junk = new byte[4096];
        new SplittableRandom(1).nextBytes(junk);
        Files.write(bad, junk);
        DensityGrid g = new DensityGrid(32, 4);
        g.stamp(0, 0, 1, 1, false);
        float[] before = g.copyMass();
        DensityException e = assertThrows(DensityException.class, () -> DensitySources.image(g, bad));
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
        assertArrayEquals(before, g.copyMass());
    }

    @Test
    void truncatedPngIsRejected() throws IOException {
        BufferedImage img = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        Path cut = dir.resolve("cut.png");
        byte[] all = bytes.toByteArray();
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        DensityException e = assertThrows(DensityException.class,
                () -> DensitySources.image(new DensityGrid(32, 4), cut));
        // Our words, not ImageIO's ("Error reading PNG image data", "Caught exception during read:").
        assertEquals("'cut.png' is not a readable image: its data is damaged or incomplete", e.getMessage());
    }

    @Test
    void hugeImageIsRefusedBeforeDecoding() throws IOException {
        Path huge = dir.resolve("huge.png");
        Files.write(huge, pngHeaderOnly(100_000, 100_000));
        DensityException e = assertThrows(DensityException.class,
                () -> DensitySources.image(new DensityGrid(32, 4), huge));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void blankImageIsRefused() throws IOException {
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        g2.setColor(Color.WHITE);
        g2.fillRect(0, 0, 20, 20);
        g2.dispose();
        Path png = dir.resolve("white.png");
        ImageIO.write(img, "png", png.toFile());
        DensityException e = assertThrows(DensityException.class,
                () -> DensitySources.image(new DensityGrid(32, 4), png));
        assertTrue(e.getMessage().contains("no dark or opaque pixels"), e.getMessage());
    }

    @Test
    void csvWithHeaderCommentsAndGarbageRows() throws IOException {
        Path csv = dir.resolve("pts.csv");
        Files.writeString(csv, "x,y\n# a comment\n1.0,1.0\nfoo,bar\n1.0;1.0\n\n1.0\t1.0\n2,NaN\n-1e9,0\n",
                StandardCharsets.UTF_8);
        float[] pts = DensitySources.readPoints(csv);
        assertEquals(4, pts.length / 2, "three (1,1) rows and one far-away row parse");
        DensityGrid g = new DensityGrid(8, 4);
        DensitySources.csv(g, csv);
        assertTrue(g.totalMass() > 0);
    }

    @Test
    void csvAcceptsExactlyTheDocumentedFormsAndSaysWhatItSkipped() throws IOException {
        // A European CSV (decimal commas, ';' between fields) used to be read as (0, 1), (0, 3): its first two
        // "numbers". Rows of three numbers likewise lost their third silently.
        Path euro = dir.resolve("euro.csv");
        Files.writeString(euro, "x;y\n0,1;0,2\n0,3;0,4\n", StandardCharsets.UTF_8);
        DensityException e = assertThrows(DensityException.class, () -> DensitySources.readPoints(euro));
        assertTrue(e.getMessage().contains("line 2 mixes separators") && e.getMessage().contains("decimal commas"),
                e.getMessage());

        Path mixed = dir.resolve("mixed.csv");
        Files.writeString(mixed, "x,y,label\n0.5,-1.25,left\n1,2\n1,2,3\n7\n0x10,1\n1e99,0\n0.1;0.2\n3 4\n"
                + "5,6,class a\n", StandardCharsets.UTF_8);
        CsvPoints r = CsvPoints.read(mixed);
        assertArrayEquals(new float[]{0.5f, -1.25f, 1, 2, 0.1f, 0.2f, 3, 4, 5, 6}, r.xy());
        assertEquals(2, r.labelled(), "x,y,label rows are read as their points");
        assertEquals(4, r.skipped());
        String note = r.note("mixed.csv");
        assertTrue(note.startsWith("skipped 4 of 9 rows of 'mixed.csv' (line 4 has 3 numbers"), note);
        assertTrue(note.contains("line 5 has one value") && note.contains("line 6 has \"0x10\" where a number belongs")
                && note.contains("; …)"), note);
        assertTrue(note.endsWith("the labels in column 3 of 2 rows of 'mixed.csv' are not used: a labelled file "
                + "needs a label on every row"), note);

        // The loaders pass the note on (the CLI prints it); a clean file has none.
        java.util.List<String> notes = new java.util.ArrayList<>();
        DensitySources.csv(new DensityGrid(8, 4), mixed, notes::add);
        assertEquals(java.util.List.of(note), notes);
        Path clean = dir.resolve("clean.csv");
        Files.writeString(clean, "x,y\n0,0\n", StandardCharsets.UTF_8);
        assertEquals(null, CsvPoints.read(clean).note("clean.csv"));
    }

    @Test
    void csvWithoutPointsIsRefused() throws IOException {
        Path csv = dir.resolve("garbage.csv");
        Files.writeString(csv, "hello\nworld,again\n", StandardCharsets.UTF_8);
        DensityException e = assertThrows(DensityException.class,
                () -> DensitySources.csv(new DensityGrid(8, 4), csv));
        assertTrue(e.getMessage().contains("no rows of two numbers"), e.getMessage());
        Path far = dir.resolve("far.csv");
        Files.writeString(far, "100,100\n", StandardCharsets.UTF_8);
        e = assertThrows(DensityException.class, () -> DensitySources.csv(new DensityGrid(8, 4), far));
        assertTrue(e.getMessage().contains("inside the domain"), e.getMessage());
    }

    @Test
    void unknownSpecNamesThePresets() {
        DensityException e = assertThrows(DensityException.class, () -> DensitySources.load("moonz", 32, 4));
        assertTrue(e.getMessage().contains("moons, 8gaussians"), e.getMessage());
    }

    /** A PNG signature and an IHDR chunk declaring w × h, nothing after it. */
    private static byte[] pngHeaderOnly(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(w);
        c.writeInt(h);
        c.write(new byte[]{8, 2, 0, 0, 0});
        byte[] body = chunk.toByteArray();
        d.writeInt(13);
        d.write(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        d.writeInt((int) crc.getValue());
        return out.toByteArray();
    }
}
