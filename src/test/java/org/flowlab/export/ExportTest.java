package org.flowlab.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.flowlab.ode.OdeSolver;
import org.flowlab.ode.Solvers;
import org.flowlab.ode.Trajectory;
import org.flowlab.ode.VectorField;
import org.flowlab.render.Viewport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports decoded back: frame counts, sizes, and particles where the closed-form flow puts them. */
class ExportTest {

    @TempDir
    Path dir;

    /** 400 particles near (−1.5, 0) all moving with velocity (3, 0): at t they sit near (−1.5 + 3t, 0). */
    static AnimationSource translatingCluster() {
        int n = 400;
        double[] x = new double[2 * n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            x[2 * i] = -1.5 + 0.1 * r.nextGaussian();
            x[2 * i + 1] = 0.1 * r.nextGaussian();
        }
        VectorField v = new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] s, int m, double[] out) {
                for (int i = 0; i < m; i++) {
                    out[2 * i] = 3;
                    out[2 * i + 1] = 0;
                }
            }
        };
        Trajectory.Recorder rec = new Trajectory.Recorder(n, 2);
        OdeSolver s = Solvers.create("euler", 10);
        s.integrate(v, x, n, 0, 1, rec);
        return new AnimationSource(rec.build(), null, null, 0, 4.0, null);
    }

    static AnimationSettings small() {
        return AnimationSettings.defaults().withSize(320, 180).withTiming(10, 1.5).withOverlays(false, false, false);
    }

    /** Mean brightness (R+G+B) in a 9×9 window around the pixel showing domain point (x, y). */
    static double brightnessAt(BufferedImage img, double x, double y) {
        Viewport v = new Viewport(img.getWidth(), img.getHeight(), 4.0);
        int px = (int) v.toPixelX(x);
        int py = (int) v.toPixelY(y);
        double sum = 0;
        int count = 0;
        for (int dy = -4; dy <= 4; dy++) {
            for (int dx = -4; dx <= 4; dx++) {
                int rgb = img.getRGB(px + dx, py + dy);
                sum += ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
                count++;
            }
        }
        return sum / count;
    }

    static void assertParticlesAt(BufferedImage img, double x, String what) {
        double on = brightnessAt(img, x, 0);
        double off = Math.max(brightnessAt(img, x, 2.0), brightnessAt(img, x > 0 ? x - 2.5 : x + 2.5, 0));
        assertTrue(on > 120 && on > 3 * off, what + ": brightness " + on + " at the cluster, " + off + " elsewhere");
    }

    @Test
    void mp4DecodesToTheRightFramesAndPixels() throws Exception {
        Path mp4 = dir.resolve("flow.mp4");
        AnimationSettings settings = small();
        Animator.animate(translatingCluster(), settings, new Mp4Sink(mp4), Animator.Progress.NONE);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(mp4.toFile())) {
            g.start();
            assertEquals(320, g.getImageWidth());
            assertEquals(180, g.getImageHeight());
            assertEquals(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264, g.getVideoCodec(), "H.264");
            Java2DFrameConverter conv = new Java2DFrameConverter();
            List<BufferedImage> frames = new java.util.ArrayList<>();
            org.bytedeco.javacv.Frame f;
            while ((f = g.grabImage()) != null) {
                frames.add(copy(conv.convert(f)));
            }
            g.stop();
            assertEquals(settings.frameCount(), frames.size(), "15 frames");
            assertParticlesAt(frames.get(0), -1.5, "first frame (t = 0)");
            assertParticlesAt(frames.get(frames.size() - 1), 1.5, "last frame (t = 1)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(mp4), s.toList(), "only the video, no temporary file");
        }
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage b = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        b.getGraphics().drawImage(src, 0, 0, null);
        return b;
    }

    @Test
    void aStillOrFrameAtATimeOutsideTheUnitIntervalIsRefused() {
        // A NaN used to interpolate to NaN positions: an empty frame captioned t=NaN, written as if fine.
        for (double t : new double[]{Double.NaN, 2, -1}) {
            Path png = dir.resolve("still.png");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Exports.export(png, translatingCluster(), small(), t, (d, n) -> { }));
            assertTrue(e.getMessage().contains("t must be in [0, 1]"), e.getMessage());
            assertFalse(java.nio.file.Files.exists(png));
        }
        org.flowlab.ode.Trajectory tr = translatingCluster().trajectory();
        assertThrows(IllegalArgumentException.class,
                () -> tr.interpolate(Double.NaN, new float[2 * tr.particles()]));
    }

    @Test
    void gifLoopsAndShowsTheFlow() throws IOException {
        Path gif = dir.resolve("flow.gif");
        Animator.animate(translatingCluster(), small(), new GifSink(gif), Animator.Progress.NONE);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            int n = r.getNumImages(true);
            assertEquals(15, n);
            BufferedImage first = r.read(0);
            BufferedImage last = r.read(n - 1);
            assertEquals(320, first.getWidth());
            assertEquals(180, first.getHeight());
            assertParticlesAt(first, -1.5, "GIF first frame");
            assertParticlesAt(last, 1.5, "GIF last frame");
            String meta = new String(Files.readAllBytes(gif), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(meta.contains("NETSCAPE2.0"), "loops forever");
            // Background stays the app's dark grey, not a palette approximation of another hue.
            int bg = first.getRGB(2, 2);
            assertTrue(Math.abs(((bg >> 16) & 0xFF) - 0x14) < 8 && Math.abs((bg & 0xFF) - 0x1C) < 8,
                    Integer.toHexString(bg));
        }
    }

    @Test
    void pngFramesAreByteIdenticalForTheSameSettings() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Animator.animate(translatingCluster(), small(), new PngSequenceSink(a), Animator.Progress.NONE);
        Animator.animate(translatingCluster(), small(), new PngSequenceSink(b), Animator.Progress.NONE);
        List<Path> fa;
        try (Stream<Path> s = Files.list(a)) {
            fa = s.sorted().toList();
        }
        assertEquals(15, fa.size());
        assertEquals("frame_00001.png", fa.get(0).getFileName().toString());
        for (Path p : fa) {
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(b.resolve(p.getFileName())), p.toString());
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(fa.get(0)), Files.readAllBytes(fa.get(14))),
                "first and last frame differ");
        assertParticlesAt(ImageIO.read(fa.get(14).toFile()), 1.5, "last PNG");
    }

    @Test
    void cancelledExportLeavesNothingBehind() throws IOException {
        for (String name : new String[]{"c.mp4", "c.gif", "frames"}) {
            Path out = dir.resolve(name);
            int[] frames = {0};
            Animator.Progress cancelAfterThree = new Animator.Progress() {
                @Override
                public void update(int done, int total) {
                    frames[0] = done;
                }

                @Override
                public boolean isCancelled() {
                    return frames[0] >= 3;
                }
            };
            assertThrows(CancellationException.class, () -> Animator.animate(translatingCluster(), small(),
                    Exports.sinkFor(out, ExportFormat.forPath(out.toString())), cancelAfterThree));
            assertFalse(Files.exists(out), name + " was not created");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temporary files remain");
        }
    }

    @Test
    void failedExportKeepsAnEarlierFileIntact() throws IOException {
        Path mp4 = dir.resolve("keep.mp4");
        Files.writeString(mp4, "an earlier export");
        AnimationSettings odd = small().withSize(321, 181);
        IOException e = assertThrows(IOException.class,
                () -> Animator.animate(translatingCluster(), odd, new Mp4Sink(mp4), Animator.Progress.NONE));
        assertTrue(e.getMessage().contains("even width and height"), e.getMessage());
        assertEquals("an earlier export", Files.readString(mp4));
    }

    @Test
    void stillsInPngAndSvg() throws Exception {
        Path png = dir.resolve("still.png");
        Path svg = dir.resolve("still.svg");
        AnimationSettings s = small().withCaption("t={t}");
        Exports.export(png, translatingCluster(), s, 0.5, Animator.Progress.NONE);
        Exports.export(svg, translatingCluster(), s, 0.5, Animator.Progress.NONE);
        assertParticlesAt(ImageIO.read(png.toFile()), 0.0001, "still at t = 0.5 (cluster at x = 0)");
        String text = Files.readString(svg);
        assertEquals(400, text.split("<circle ").length - 1, "one circle per particle");
        assertTrue(text.contains(">t=0.50</text>"), "caption with t");
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName(), "well-formed SVG");
        assertEquals(400, doc.getElementsByTagName("circle").getLength());
    }

    @Test
    void frameTimesFollowTheDirection() {
        AnimationSettings s = small().withTiming(10, 0.5); // 5 frames
        assertEquals(0.0, s.timeOf(0));
        assertEquals(1.0, s.timeOf(4));
        AnimationSettings back = s.withDirection(AnimationSettings.Direction.BACKWARD);
        assertEquals(1.0, back.timeOf(0));
        assertEquals(0.0, back.timeOf(4));
        AnimationSettings pp = s.withDirection(AnimationSettings.Direction.PING_PONG);
        assertEquals(0.0, pp.timeOf(0));
        assertEquals(1.0, pp.timeOf(2));
        assertEquals(0.0, pp.timeOf(4));
        AnimationSettings range = s.withRange(0.25, 0.75);
        assertEquals(0.25, range.timeOf(0));
        assertEquals(0.75, range.timeOf(4));
        assertThrows(IllegalArgumentException.class, () -> s.withRange(0.8, 0.2));
        assertArrayEquals(new int[]{1920, 1080}, AnimationSettings.parseSize("1080p"));
        assertArrayEquals(new int[]{640, 480}, AnimationSettings.parseSize("640x480"));
        assertThrows(IllegalArgumentException.class, () -> AnimationSettings.parseSize("big"));
    }
}
