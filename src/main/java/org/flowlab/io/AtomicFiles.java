package org.flowlab.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that readers see either the old file or the complete new one: the content goes to a
 * temporary file in the same folder, is forced to disk, then renamed over the target. On failure (full disk,
 * exception in the writer, cancellation) the temporary file is removed and the target is untouched.
 */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    /** Writes content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * A temporary file beside {@code target} for content written over time (a video, frame by frame):
     * {@link #commit()} renames it into place, {@link #discard()} deletes it.
     */
    public static final class Staged {
        private final Path target;
        private Path tmp;

        private Staged(Path target, Path tmp) {
            this.target = target;
            this.tmp = tmp;
        }

        public Path path() {
            return tmp;
        }

        public void commit() throws IOException {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            publish(tmp, target);
            tmp = null;
        }

        /** Deletes the temporary file; never throws. */
        public void discard() {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // A hidden temporary file may stay behind; the target is untouched either way.
                    LOG.warn("could not delete the temporary file {}", tmp, e);
                }
                tmp = null;
            }
        }
    }

    public static Staged stage(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        return new Staged(target, Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp"));
    }

    /** Gives a finished temporary file the usual permissions and renames it over the target. */
    private static void publish(Path tmp, Path file) throws IOException {
        // Temporary files are created owner-only; a saved file gets the usual rw-r--r--.
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: keep its defaults.
            LOG.debug("no POSIX permissions for {}; keeping the defaults", file);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void write(Path file, StreamWriter writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            publish(tmp, file);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
