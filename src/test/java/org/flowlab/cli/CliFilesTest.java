package org.flowlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flowlab.compute.ComputeThread;
import org.flowlab.format.ModelFile;
import org.flowlab.format.Session;
import org.flowlab.format.SessionFile;
import org.flowlab.nn.Network;
import org.flowlab.testing.Fixtures;
import org.flowlab.testing.Zips;
import org.flowlab.train.LossHistory;
import org.flowlab.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and the app judge files alike, and commands never write over what they read. */
class CliFilesTest {

    @TempDir
    Path dir;

    static Path session(Path file) throws IOException {
        float[] mass = new float[16 * 16];
        java.util.Arrays.fill(mass, 1);
        SessionFile.save(file, new Session(mass, 16, 4, "test", TrainingConfig.defaults(1),
                Network.initialWeights(ComputeThread.direct(), Fixtures.smallMlp(1)), null, LossHistory.View.empty(),
                LossHistory.View.empty(), Map.of()));
        return file;
    }

    @Test
    void commandsNeverWriteOverWhatTheyReadNorUnderAnotherFormatsName() throws IOException {
        Path model = dir.resolve("m.zip");
        ModelFile.save(model, Network.initialWeights(ComputeThread.direct(), Fixtures.smallMlp(1)), null, null);
        byte[] before = Files.readAllBytes(model);
        CliBoundsTest.refused("--out '" + model + "' is the model this command reads", "sample", "--model",
                model.toString(), "--out", model.toString());
        CliBoundsTest.refused("is the model this command reads", "sample", "--model", model.toString(), "--out",
                dir.resolve(".").resolve("m.zip").toString());
        CliBoundsTest.refused("is the model this command reads", "density", "--model", model.toString(), "--out",
                model.toString());
        Path image = dir.resolve("target.png");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(img, "png", image.toFile());
        CliBoundsTest.refused("is the data this command reads", "render", "--model", model.toString(), "--data",
                image.toString(), "--out", image.toString());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(model), "the model is untouched");
        Path pts = Files.writeString(dir.resolve("p.csv"), "x,y\n0,0\n");
        CliBoundsTest.refused("is the data this command reads", "target", "--data", pts.toString(), "--out",
                pts.toString());
        CliBoundsTest.refused("is the data this command reads", "plot", pts.toString(), "--data", image.toString(),
                "--out", image.toString());
        CliBoundsTest.refused("names a PNG file, but this command writes CSV", "sample", "--model", model.toString(),
                "--out", dir.resolve("s.png").toString());
        CliBoundsTest.refused("would be a model under a session's name", "train", "--data", "moons", "--out",
                dir.resolve("m.flowlab").toString());

        // plot writes what the name says: a JPEG for .jpg, a PNG for .png; other names are refused.
        Path jpg = dir.resolve("plot.jpg");
        assertEquals(0, CliTest.run("plot", pts.toString(), "--size", "32", "--out", jpg.toString()).code());
        byte[] b = Files.readAllBytes(jpg);
        assertTrue((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8, "JPEG bytes under .jpg");
        Path png = dir.resolve("plot.png");
        assertEquals(0, CliTest.run("plot", pts.toString(), "--size", "32", "--out", png.toString()).code());
        assertEquals(0x89, Files.readAllBytes(png)[0] & 0xFF, "PNG bytes under .png");
        CliBoundsTest.refused("name the image .png or .jpg", "plot", pts.toString(), "--out",
                dir.resolve("plot.bmp").toString());
    }

    @Test
    void theCommandLineRefusesExactlyTheSessionsTheAppRefusesWithTheSameMessage() throws IOException {
        Path good = session(dir.resolve("good.flowlab"));
        Path[] bad = {
                Zips.edited(good, dir.resolve("future.flowlab"), "session.properties", Zips.replace("version=1", "version=7")),
                Zips.edited(good, dir.resolve("other.flowlab"), "session.properties",
                        Zips.replace("format=flowlab-session", "format=something-else")),
                Zips.edited(good, dir.resolve("nosize.flowlab"), "session.properties", Zips.replace("density.size=", "x=")),
                Zips.edited(good, dir.resolve("negative.flowlab"), "density.f32", b -> {
                    b[b.length - 1] = (byte) 0xBF; // the last cell becomes negative
                    return b;
                }),
                Zips.edited(good, dir.resolve("nohistory.flowlab"), "loss-train.f32", b -> null),
        };
        for (Path f : bad) {
            // What the app's Open uses.
            IOException app = assertThrows(IOException.class, () -> SessionFile.load(f), f.toString());
            IOException model = assertThrows(IOException.class, () -> ModelFile.load(f), f.toString());
            assertEquals(app.getMessage(), model.getMessage());
            CliTest.Run r = CliBoundsTest.refused(app.getMessage(), "sample", "--model", f.toString(), "--out",
                    dir.resolve("s.csv").toString());
            assertEquals("flowlab: " + app.getMessage(), r.err().strip());
        }
        assertEquals(0, CliTest.run("sample", "--model", good.toString(), "--n", "5", "--steps", "2", "--out",
                dir.resolve("s.csv").toString()).code(), "a good session still samples");
    }
}
