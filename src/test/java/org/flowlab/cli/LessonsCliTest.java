package org.flowlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flowlab.format.SessionFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render --over training, --trace and --grid-warp from the command line; bad input exits 2. */
class LessonsCliTest {

    @TempDir
    Path dir;

    @Test
    void learningMovieTracesAndTheWarpedGrid() throws Exception {
        Path session = dir.resolve("s.flowlab");
        CliTest.Run train = CliTest.run("train", "--data", "moons", "--steps", "40", "--batch", "64", "--width", "16",
                "--depth", "2", "--session", session.toString());
        assertEquals(0, train.code(), train.err());
        int checkpoints = SessionFile.load(session).checkpoints().size();
        assertEquals(41, checkpoints, "40 steps fit the slots: every step and the initial weights");

        Path frames = dir.resolve("learn");
        CliTest.Run movie = CliTest.run("render", "--model", session.toString(), "--over", "training", "--t", "0.9",
                "--particles", "300", "--size", "160x120", "--fps", "10", "--seconds", "2", "--solver", "euler",
                "--steps", "5", "--out", frames.toString());
        assertEquals(0, movie.code(), movie.err());
        try (Stream<Path> s = Files.list(frames)) {
            // 20 frames asked for, 41 checkpoints: one frame each (the latest weights are the last checkpoint).
            assertEquals(41, s.count());
        }
        assertTrue(movie.out().contains("41 checkpoints (steps 0 … 40)"), movie.out());

        Path still = dir.resolve("trace.png");
        CliTest.Run traced = CliTest.run("render", "--model", session.toString(), "--trace", "3", "--grid-warp",
                "--particles", "300", "--size", "200x200", "--t", "0.5", "--solver", "euler", "--steps", "5",
                "--out", still.toString());
        assertEquals(0, traced.code(), traced.err());
        assertTrue(Files.size(still) > 0);

        Path plain = dir.resolve("plain.png");
        assertEquals(0, CliTest.run("render", "--model", session.toString(), "--particles", "300", "--size",
                "200x200", "--t", "0.5", "--solver", "euler", "--steps", "5", "--out", plain.toString()).code());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(still), Files.readAllBytes(plain)),
                "traces and the grid change the picture");

        assertEquals(2, CliTest.run("render", "--model", session.toString(), "--over", "training", "--out",
                dir.resolve("x.png").toString()).code(), "a still over training is refused");
        assertEquals(2, CliTest.run("render", "--model", session.toString(), "--over", "steps", "--out",
                dir.resolve("y.gif").toString()).code());
        assertEquals(2, CliTest.run("render", "--model", session.toString(), "--over", "training", "--grid-warp",
                "--out", dir.resolve("w.gif").toString()).code(), "not combined with the learning movie");
        assertEquals(2, CliTest.run("render", "--model", session.toString(), "--trace", "99", "--out",
                dir.resolve("z.gif").toString()).code());
    }
}
