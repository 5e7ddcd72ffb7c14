package org.flowlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.flowlab.io.AtomicFiles;

/**
 * Every command checks where it will write before it does any work (README, "What is bounded"): a long run must
 * not end in "cannot write". The checks are {@link AtomicFiles#checkWritable}'s; failures name the user's file.
 */
final class Outputs {

    private Outputs() {
    }

    /**
     * Refuses an output that cannot be written: an existing folder, a path through a file, a folder where no file
     * can be created, a disk without {@code expectedBytes} free (0 = not checked).
     */
    static void check(Path out, long expectedBytes) throws IOException {
        AtomicFiles.checkWritable(out, expectedBytes);
    }

    /** For a folder of frames: {@code dir} may exist as a folder (not as a file), and files can be created in it. */
    static void checkFolder(Path dir) throws IOException {
        AtomicFiles.checkWritable(dir.resolve("frame-00000.png"), 0);
    }
}
