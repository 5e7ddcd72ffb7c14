package org.flowlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowlab.compute.ComputeThread;
import org.flowlab.format.ModelFile;
import org.flowlab.nn.Network;
import org.flowlab.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every option of every command is checked: a bad value exits with 2 and one line, never 1 or a stack trace. */
class CliOptionsTest {

    @TempDir
    Path dir;

    private static String[] args(String line, String... extra) {
        List<String> a = new ArrayList<>(List.of(line.split(" ")));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void logEveryPrintsExactlyAtItsMultiplesAndOnceAtTheEnd() {
        CliTest.Run r = CliTest.run("train", "--data", "moons", "--steps", "130", "--log-every", "50", "--width", "8",
                "--depth", "1", "--batch", "16", "--out", dir.resolve("m.zip").toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.err());
        List<Long> steps = r.out().lines().filter(l -> l.startsWith("step "))
                .map(l -> Long.parseLong(l.substring(5).strip().split(" ")[0])).toList();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(50L, 100L, 130L), steps, r.out());
    }

    @Test
    void csvRowsThatAreSkippedAreNamedNotSilentlyDropped() throws Exception {
        Path csv = Files.writeString(dir.resolve("pts.csv"), "x,y\n0.5,0.5\n1,2,3\n-1,-1\n");
        CliTest.Run r = CliTest.run("target", "--data", csv.toString(), "--n", "5", "--out",
                dir.resolve("t.csv").toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("note: skipped 1 of 3 rows of 'pts.csv' "
                + "(line 3 has 3 numbers"), r.out());
        CliBoundsTest.refused("decimal commas", "nll", "--model", "m.zip", "--points",
                Files.writeString(dir.resolve("euro.csv"), "0,1;0,2\n").toString());
    }

    @Test
    void everyBadOptionValueIsRefusedWithOneLine() throws Exception {
        Path model = dir.resolve("m.zip");
        ModelFile.save(model, Network.initialWeights(ComputeThread.direct(), Fixtures.smallMlp(1)), null, null);
        Path pts = Files.writeString(dir.resolve("p.csv"), "x,y\n0,0\n1,1\n");
        String m = "--model " + model;
        String csv = dir.resolve("o.csv").toString();
        String p = pts.toString();
        String[][] cases = {
                // train
                {"--steps must be in [1, 1000000000]", "train --data moons --steps 0 --out " + csv},
                {"--steps must be in [1, 1000000000]", "train --data moons --steps 9000000000000 --out " + csv},
                {"--log-every must be at least 1", "train --data moons --log-every 0 --out " + csv},
                {"--log-every must be at least 1", "train --data moons --log-every -5 --out " + csv},
                {"--batch/--lr", "train --data moons --lr NaN --out " + csv},
                {"--batch/--lr", "train --data moons --batch 0 --out " + csv},
                {"--width must be in [1, 4096]", "train --data moons --width 0 --out " + csv},
                {"--depth must be in [1, 16]", "train --data moons --depth -1 --out " + csv},
                {"--net", "train --data moons --net cnn --out " + csv},
                {"--path", "train --data moons --path curved --out " + csv},
                // sample
                {"--n must be in", "sample " + m + " --n 0 --out " + csv},
                {"--rtol and --atol must be in [1e-12, 1]", "sample " + m + " --rtol NaN --out " + csv},
                {"--rtol and --atol must be in [1e-12, 1]", "sample " + m + " --solver dopri5 --atol -1 --out " + csv},
                {"cannot meet tighter tolerances), got 1.0E-300", "sample " + m + " --solver dopri5 --rtol 1e-300 "
                        + "--out " + csv},
                {"steps must be at least 1", "sample " + m + " --steps 0 --out " + csv},
                {"unknown solver", "sample " + m + " --solver rk45 --out " + csv},
                // target
                {"--n must be in", "target --data moons --n -3 --out " + csv},
                // plot
                {"at most 4 point files", "plot " + p + " " + p + " " + p + " " + p + " " + p + " --out "
                        + dir.resolve("x.png")},
                {"--size must be in", "plot " + p + " --size 0 --out " + dir.resolve("x.png")},
                // render
                {"--particles must be in", "render " + m + " --particles -1 --out " + dir.resolve("r.gif")},
                {"fps", "render " + m + " --fps NaN --out " + dir.resolve("r.gif")},
                {"duration", "render " + m + " --seconds 0 --out " + dir.resolve("r.gif")},
                {"duration", "render " + m + " --seconds NaN --out " + dir.resolve("r.gif")},
                {"size must", "render " + m + " --size 5x5 --out " + dir.resolve("r.gif")},
                {"unknown direction", "render " + m + " --direction up --out " + dir.resolve("r.gif")},
                {"--caption is 400 characters", "render " + m + " --caption " + "c".repeat(400) + " --out "
                        + dir.resolve("r.gif")},
                {"steps must be at least 1", "render " + m + " --steps 0 --out " + dir.resolve("r.gif")},
                // every t option: finite and in [0, 1]
                {"--t must be in [0, 1]", "render " + m + " --t NaN --out " + dir.resolve("s.png")},
                {"--t must be in [0, 1]", "render " + m + " --t 2 --out " + dir.resolve("s.png")},
                {"--t must be in [0, 1]", "render " + m + " --t -0.5 --out " + dir.resolve("r.gif")},
                {"0 ≤ from ≤ to ≤ 1", "render " + m + " --from NaN --out " + dir.resolve("r.gif")},
                {"0 ≤ from ≤ to ≤ 1", "render " + m + " --to Infinity --out " + dir.resolve("r.gif")},
                {"0 ≤ from ≤ to ≤ 1", "render " + m + " --from 0.8 --to 0.2 --out " + dir.resolve("r.gif")},
                {"--t must be in [0, 1]", "density " + m + " --t NaN --out " + csv},
                {"--t must be in [0, 1]", "density " + m + " --t 1.0001 --out " + csv},
                // density, nll
                {"--grid must be in", "density " + m + " --grid 0 --out " + csv},
                {"steps must be at least 1", "density " + m + " --steps -2 --out " + csv},
                {"steps must be at least 1", "nll " + m + " --points " + p + " --steps 0"},
                // bench
                {"--particles must be in", "bench --particles -1"},
                {"--batches must be in", "bench --batches 0"},
                {"--batches must be in", "bench --batches 100000000"},
                {"must be in (0, 3600]", "bench --seconds 0"},
                {"must be in (0, 3600]", "bench --seconds NaN"},
                {"--warmup in [0, 3600]", "bench --warmup -5"},
                {"must be in (0, 3600]", "bench --quality-budget Infinity"},
                {"take at most 16 values", "bench --batches 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17"},
                // picocli's own conversions
                {"Invalid value", "sample " + m + " --n many --out " + csv},
                {"Invalid value", "train --data moons --steps 99999999999999999999 --out " + csv},
        };
        for (String[] c : cases) {
            CliBoundsTest.refused(c[0], args(c[1]));
        }
    }
}
