package org.flowlab.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that readers see either the old file or the complete new one: the content goes to a
 * temporary file in the same folder, is forced to disk, then renamed over the target. On failure (full disk,
 * exception in the writer, cancellation) the temporary file is removed and the target is untouched; one left by a
 * killed process is removed by the next save of the same target ({@link TemporaryFiles}).
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
            TemporaryFiles.release(tmp);
            tmp = null;
        }

        /** Deletes the temporary file; never throws. */
        public void discard() {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // A hidden temporary file may stay behind (the next save removes it); the target is untouched.
                    LOG.warn("could not delete the temporary file {}", tmp, e);
                }
                TemporaryFiles.release(tmp);
                tmp = null;
            }
        }
    }

    public static Staged stage(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            TemporaryFiles.removeStale(target.getParent(), target);
            return new Staged(target, TemporaryFiles.create(target.getParent(), target));
        } catch (FileSystemException e) {
            throw naming(e, target.getParent(), file);
        }
    }

    /**
     * Checks, before long work, that {@code file} can be written as {@link #write} will write it: it is not a
     * folder, the nearest existing folder on its path is a folder where a file can be created (a temporary file
     * of our naming is created and deleted there) and, when {@code expectedBytes} &gt; 0, that folder's disk has
     * that much space. Nothing else is created. Failures are {@link FileSystemException}s naming {@code file}.
     */
    public static void checkWritable(Path file, long expectedBytes) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new FileSystemException(file.toString(), null, "it is a folder; give a file name");
        }
        Path dir = target.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new FileSystemException(file.toString(), null, "'" + dir + "' is a file, not a folder");
        }
        Path probe;
        try {
            probe = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (FileSystemException e) {
            throw naming(e, dir, file);
        }
        Files.deleteIfExists(probe);
        if (expectedBytes > 0) {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < expectedBytes) {
                throw new FileSystemException(file.toString(), null, "only " + Budgets.bytes(free) + " free in '"
                        + dir + "', the file needs about " + Budgets.bytes(expectedBytes));
            }
        }
    }

    /**
     * The same failure, naming the user's {@code file} instead of our hidden temporary file in {@code dir}, so
     * messages say which file could not be written.
     */
    static IOException naming(FileSystemException e, Path dir, Path file) {
        String reason = e.getReason() != null ? e.getReason() : dir == null ? null : "in '" + dir + "'";
        String f = file.toString();
        String other = e.getOtherFile() == null || isTemporary(e.getOtherFile()) ? null : e.getOtherFile();
        FileSystemException named;
        if (e instanceof AccessDeniedException) {
            named = new AccessDeniedException(f, other, reason == null ? "cannot create files in '" + dir + "'"
                    : reason);
        } else if (e instanceof NoSuchFileException) {
            named = new NoSuchFileException(f, other, reason);
        } else if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            // A file where a folder should be: keep the exception, it names that file.
            return e;
        } else {
            named = new FileSystemException(f, other, reason);
        }
        named.initCause(e);
        return named;
    }

    private static boolean isTemporary(String path) {
        String name = Path.of(path).getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /** Gives a finished temporary file the usual permissions and renames it over the target. */
    private static void publish(Path tmp, Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "it is a folder; give a file name");
        }
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

    /**
     * Writes {@code file} atomically. Failures of the disk (a full disk, a folder that cannot be written) are
     * {@link FileSystemException}s naming {@code file}, never the temporary file.
     */
    public static void write(Path file, StreamWriter writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            TemporaryFiles.removeStale(dir, file);
            tmp = TemporaryFiles.create(dir, file);
        } catch (FileSystemException e) {
            throw naming(e, dir, file);
        }
        DiskStream disk = null;
        try {
            // Locked while written, so another process's save of the same file does not take it for a leftover.
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                lockQuietly(ch);
                DiskStream out = new DiskStream(Channels.newOutputStream(ch));
                disk = out;
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            publish(tmp, file);
            TemporaryFiles.release(tmp);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            TemporaryFiles.release(tmp);
            if (e instanceof FileSystemException fs) {
                throw naming(fs, dir, file);
            }
            if (disk != null && e == disk.failure) {
                // The disk refused the bytes (e.g. "No space left on device"): the user's file could not be written.
                throw (IOException) new FileSystemException(file.toString(), null, e.getMessage()).initCause(e);
            }
            throw e;
        }
    }

    /** Locks a temporary file while it is written, where the file system can (released when the channel closes). */
    private static FileLock lockQuietly(FileChannel ch) {
        try {
            return ch.tryLock();
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            LOG.debug("no lock on a temporary file; its age protects it from other saves", e);
            return null;
        }
    }

    /** The temporary file's stream, remembering a failure of the disk itself (as opposed to the writer's). */
    private static final class DiskStream extends java.io.FilterOutputStream {
        IOException failure;

        DiskStream(OutputStream out) {
            super(new java.io.BufferedOutputStream(out, 1 << 16));
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failure = e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failure = e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failure = e;
            }
        }

        /** Flushes; the channel underneath stays open until the file is forced to disk. */
        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
