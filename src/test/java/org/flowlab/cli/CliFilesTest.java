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
