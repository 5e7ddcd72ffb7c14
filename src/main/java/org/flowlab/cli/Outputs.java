package org.flowlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.flowlab.density.Preset;
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

    /**
     * Refuses writing over a file the command reads: {@code sample --model m.zip --out m.zip} would replace the
     * model with its samples. {@code what} names the input ("the model").
     */
    static void notInput(String option, Path out, Path input, String what) throws IOException {
        if (input == null || out == null) {
            return;
        }
        boolean same = Files.exists(out) && Files.exists(input) ? Files.isSameFile(out, input)
                : out.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize());
        if (same) {
            throw new UserInputException(option + " '" + out + "' is " + what + " this command reads; write to "
                    + "another file");
        }
    }

    /** The file a --data value names (null for a preset). */
    static Path dataFile(String data) {
        return data == null || Preset.byId(data) != null ? null : Path.of(data);
    }

    /** Refuses a CSV output named as another format (samples.png would hold text). */
    static void csvName(Path out) {
        String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : new String[]{".png", ".jpg", ".jpeg", ".gif", ".bmp", ".svg", ".mp4", ".zip", ".flowlab"}) {
            if (n.endsWith(ext)) {
                throw new UserInputException("--out '" + out + "' names a " + ext.substring(1).toUpperCase(Locale.ROOT)
                        + " file, but this command writes CSV; name it .csv");
            }
        }
    }

    /** For a folder of frames: {@code dir} may exist as a folder (not as a file), and files can be created in it. */
    static void checkFolder(Path dir) throws IOException {
        AtomicFiles.checkWritable(dir.resolve("frame-00000.png"), 0);
    }
}
