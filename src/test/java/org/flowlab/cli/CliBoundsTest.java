package org.flowlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command may ask of the machine is checked before any work starts (README, "What is bounded"). */
class CliBoundsTest {

    @TempDir
    Path dir;

    /** Exit 2, one line on stderr containing {@code expected}, and nothing started. */
    static CliTest.Run refused(String expected, String... args) {
        CliTest.Run r = CliTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("flowlab: ") && r.err().contains(expected), r.err());
        return r;
    }

    @Test
    void trainRefusesANetworkItCouldNotSaveOrReadBeforeTraining() {
        Path out = dir.resolve("m.zip");
        CliTest.Run r = refused("134,275,074 parameters, more than FlowLab's limit of 8,388,608",
                "train", "--data", "moons", "--width", "4096", "--depth", "9", "--steps", "1", "--out", out.toString());
        assertFalse(r.out().contains("FlowLab train:"), "nothing was started: " + r.out());
        assertFalse(Files.exists(out));
        refused("activation values", "train", "--data", "moons", "--width", "4096", "--depth", "1",
                "--batch", "1048576", "--steps", "1", "--out", out.toString());
        assertFalse(Files.exists(out));
    }
}
