package org.flowlab.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hidden temporary files of atomic writes, {@code .<name>.<digits>.tmp} beside their target. A save that
 * was killed leaves one behind; the next save of the same target removes such leftovers. A temporary file is
 * left alone while this process writes it (a registry), while another process holds its lock (writers lock
 * theirs), and for {@link #MIN_AGE_SECONDS} after its last change (a writer between unlocking and renaming, or
 * one whose file another library writes).
 */
final class TemporaryFiles {

    private static final Logger LOG = LoggerFactory.getLogger(TemporaryFiles.class);
    static final long MIN_AGE_SECONDS = 5;
    private static final Set<Path> ACTIVE = ConcurrentHashMap.newKeySet();

    private TemporaryFiles() {
    }

    /** A new temporary file for {@code target} in {@code dir}, registered as being written. */
    static Path create(Path dir, Path target) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp").toAbsolutePath();
        ACTIVE.add(tmp);
        return tmp;
    }

    /** No longer being written (renamed or deleted). */
    static void release(Path tmp) {
        ACTIVE.remove(tmp.toAbsolutePath());
    }

    /** Deletes leftover temporary files of {@code target} in {@code dir} that nobody writes; never throws. */
    static void removeStale(Path dir, Path target) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        Pattern ours = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.\\d+\\.tmp");
        long cutoff = System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(MIN_AGE_SECONDS);
        DirectoryStream.Filter<Path> filter = p -> ours.matcher(p.getFileName().toString()).matches();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, filter)) {
            for (Path f : found) {
                Path abs = f.toAbsolutePath();
                if (ACTIVE.contains(abs) || !Files.isRegularFile(f)
                        || Files.getLastModifiedTime(f).toMillis() > cutoff) {
                    continue;
                }
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE);
                     FileLock lock = ch.tryLock()) {
                    if (lock != null) {
                        Files.deleteIfExists(f);
                        LOG.info("removed {}, left by an earlier save that did not finish", f);
                    }
                } catch (OverlappingFileLockException | IOException e) {
                    LOG.debug("left {} alone: it is in use", f, e);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not look for leftover temporary files in {}", dir, e);
        }
    }
}
