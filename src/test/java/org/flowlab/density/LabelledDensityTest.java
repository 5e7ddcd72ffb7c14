package org.flowlab.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled targets: presets, CSV labels, colour images, painting by class, sampling the joint. */
class LabelledDensityTest {

    @TempDir
    Path dir;

    @Test
    void labelledPresetsDrawTheSamePointsAndSplitThemIntoTheirClasses() {
        for (Preset p : Preset.values()) {
            float[] plain = p.sample(5000, new SplittableRandom(3));
            float[] pts = new float[10000];
            int[] labels = new int[5000];
            p.sample(5000, new SplittableRandom(3), pts, labels);
            assertArrayEquals(plain, pts, 0f, p + ": labels do not change the points");
            int[] counts = new int[p.classNames().size()];
            for (int y : labels) {
                counts[y]++;
            }
            for (int k = 0; k < counts.length; k++) {
                assertTrue(counts[k] > 300, p + " class " + k + " has " + counts[k] + " of 5000");
            }
        }
        DensityGrid g = DensitySources.load("moons:labels", 128, 4);
        assertEquals(List.of("upper moon", "lower moon"), g.classes().stream().map(DensityClass::name).toList());
        ClassSet cs = ClassSet.of(g);
        assertEquals(0.5, cs.share(0), 0.01);
        // The upper moon's mass lies above the lower moon's.
        assertTrue(centroidY(g, 0) > centroidY(g, 1) + 0.5);
        assertEquals(8, DensitySources.load("8gaussians:labels", 64, 4).classCount());
        assertEquals(2, DensitySources.load("checkerboard:labels", 64, 4).classCount());
        assertEquals(1, DensitySources.load("moons", 64, 4).classCount(), "plain presets stay one class");
    }

    static double centroidY(DensityGrid g, int k) {
        double s = 0;
        double m = 0;
        for (int row = 0; row < g.size(); row++) {
            for (int col = 0; col < g.size(); col++) {
                s += g.getClass(k, col, row) * g.rowToY(row + 0.5);
                m += g.getClass(k, col, row);
            }
        }
        return s / m;
    }

    @Test
    void csvLabelsAreIntegersOrTextNeverBoth() throws IOException {
        Path ints = dir.resolve("ints.csv");
        Files.writeString(ints, "1,1,10\n-1,-1,2\n1,-1,10\n0,0,2\n2,2,10\n", StandardCharsets.UTF_8);
        CsvPoints r = CsvPoints.read(ints);
        assertEquals(List.of("2", "10"), r.classes(), "integer labels in increasing order");
        assertArrayEquals(new int[]{1, 0, 1, 0, 1}, r.labels());

        Path text = dir.resolve("text.csv");
        Files.writeString(text, "x,y,label\n1,1,cat\n-1,-1,dog\n1,-1,cat\n", StandardCharsets.UTF_8);
        r = CsvPoints.read(text);
        assertEquals(List.of("cat", "dog"), r.classes(), "text labels in order of first appearance");
        DensityGrid g = DensitySources.load(text.toString(), 32, 4);
        assertEquals(2, g.classCount());
        assertEquals(2.0 / 3, ClassSet.of(g).share(0), 1e-6, "a class's share is its share of the points");

        Path mixed = dir.resolve("mixed.csv");
        Files.writeString(mixed, "1,1,3\n-1,-1,dog\n", StandardCharsets.UTF_8);
        DensityException e = assertThrows(DensityException.class, () -> CsvPoints.read(mixed));
        assertTrue(e.getMessage().contains("mix numbers and text"), e.getMessage());

        Path nine = dir.resolve("nine.csv");
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 9; k++) {
            sb.append(k * 0.1).append(",0,c").append(k).append('\n');
        }
        Files.writeString(nine, sb, StandardCharsets.UTF_8);
        e = assertThrows(DensityException.class, () -> CsvPoints.read(nine));
        assertTrue(e.getMessage().contains("more than 8 distinct labels"), e.getMessage());

        Path outside = dir.resolve("outside.csv");
        Files.writeString(outside, "1,1,a\n100,100,b\n", StandardCharsets.UTF_8);
        DensityGrid before = DensitySources.load("moons", 32, 4);
        float[] mass = before.copyMass();
        e = assertThrows(DensityException.class, () -> DensitySources.csv(before, outside));
        assertTrue(e.getMessage().contains("class 'b'") && e.getMessage().contains("no mass"), e.getMessage());
        assertArrayEquals(mass, before.copyMass(), 0f, "nothing lost");
        assertEquals(1, before.classCount());
    }

    @Test
    void eachInkColourOfAnImageIsAClassAndGreyStaysOne() throws IOException {
        Path colour = dir.resolve("two.png");
        BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 100);
        g.setColor(new Color(220, 30, 30));
        g.fillOval(10, 10, 70, 70);
        g.setColor(new Color(30, 60, 220));
        g.fillRect(120, 20, 60, 60);
        g.dispose();
        ImageIO.write(img, "png", colour.toFile());
        DensityGrid grid = DensitySources.load(colour.toString(), 64, 4);
        assertEquals(List.of("red", "blue"), grid.classes().stream().map(DensityClass::name).toList());
        assertTrue(colourNear(grid.classes().get(0).rgb(), 0xDC1E1E), Integer.toHexString(grid.classes().get(0).rgb()));
        // Red on the left, blue on the right.
        assertTrue(centroidX(grid, 0) < 0 && centroidX(grid, 1) > 0);

        Path grey = dir.resolve("grey.png");
        BufferedImage gi = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D gg = gi.createGraphics();
        gg.setColor(Color.WHITE);
        gg.fillRect(0, 0, 100, 100);
        gg.setColor(Color.DARK_GRAY);
        gg.fillOval(20, 20, 40, 40);
        gg.setColor(Color.BLACK);
        gg.fillRect(60, 60, 30, 30);
        gg.dispose();
        ImageIO.write(gi, "png", grey.toFile());
        assertEquals(1, DensitySources.load(grey.toString(), 64, 4).classCount(), "grey-only stays one class");

        Path many = dir.resolve("many.png");
        BufferedImage mi = new BufferedImage(900, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D mg = mi.createGraphics();
        mg.setColor(Color.WHITE);
        mg.fillRect(0, 0, 900, 100);
        for (int k = 0; k < 9; k++) {
            mg.setColor(Color.getHSBColor(k / 9f, 1f, 0.9f));
            mg.fillRect(k * 100 + 10, 10, 80, 80);
        }
        mg.dispose();
        ImageIO.write(mi, "png", many.toFile());
        DensityException e = assertThrows(DensityException.class, () -> DensitySources.load(many.toString(), 64, 4));
        assertTrue(e.getMessage().contains("9 ink colours"), e.getMessage());
    }

    static boolean colourNear(int a, int b) {
        for (int s = 0; s <= 16; s += 8) {
            if (Math.abs(((a >> s) & 0xFF) - ((b >> s) & 0xFF)) > 40) {
                return false;
            }
        }
        return true;
    }

    static double centroidX(DensityGrid g, int k) {
        double s = 0;
        double m = 0;
        for (int row = 0; row < g.size(); row++) {
            for (int col = 0; col < g.size(); col++) {
                s += g.getClass(k, col, row) * g.colToX(col + 0.5);
                m += g.getClass(k, col, row);
            }
        }
        return s / m;
    }

    @Test
    void paintingAClassAddsItErasingOneKeepsTheOthersAndUndoRestoresBoth() {
        DensityGrid g = new DensityGrid(32, 4);
        g.beginEdit();
        g.stamp(-2, 0, 0.8, 1, false, 0);
        assertEquals(1, g.classCount(), "class 0 alone is the single-class grid");
        g.beginEdit();
        g.stamp(2, 0, 0.8, 1, false, 1);
        assertEquals(2, g.classCount());
        assertTrue(g.classMass(0) > 0 && g.classMass(1) > 0);
        double before0 = g.classMass(0);
        double before1 = g.classMass(1);
        g.beginEdit();
        g.stamp(2, 0, 0.8, 1, true, 1);
        assertEquals(before0, g.classMass(0), 0, "erasing class 1 keeps class 0");
        assertTrue(g.classMass(1) < 0.5 * before1, "the (soft) eraser removes class 1");
        g.undo();
        assertTrue(g.classMass(1) > 0);
        g.beginEdit();
        for (int i = 0; i < 20; i++) {
            g.stamp(-2, 0, 1.5, 1, true, -1);
            g.stamp(2, 0, 1.5, 1, true, -1);
        }
        assertTrue(g.isEmpty(), "erasing all classes");
        g.undo();
        g.undo();
        assertEquals(1, g.classCount(), "undo goes back to one class");
        assertTrue(g.canRedo());
        g.redo();
        assertEquals(2, g.classCount());
        // Total mass is the sum of the classes; the joint sampler labels points where their class lies.
        float[] pts = new float[4000];
        int[] labels = new int[2000];
        LabelledSampler ls = g.labelledSampler();
        ls.sample(2000, new SplittableRandom(1), pts, labels);
        for (int i = 0; i < 2000; i++) {
            assertEquals(labels[i] == 0, pts[2 * i] < 0, "point " + i);
        }
        assertFalse(ClassSet.of(g).describe().isEmpty());
    }
}
