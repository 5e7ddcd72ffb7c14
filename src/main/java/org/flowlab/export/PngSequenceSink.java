package org.flowlab.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.flowlab.render.Frame;
import org.flowlab.render.PngWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbered PNG frames (frame_00001.png, …) in a folder. Frames go to a hidden staging folder beside it that
 * is renamed into place at the end, so a cancelled export leaves no half-filled folder behind.
 */
public final class PngSequenceSink implements FrameSink {

    private static final Logger LOG = LoggerFactory.getLogger(PngSequenceSink.class);

    private final Path folder;
    private Path staging;
    private int index;

    public PngSequenceSink(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    @Override
    public void begin(int width, int height, double fps) throws IOException {
        if (Files.exists(folder) && !isEmptyDir(folder)) {
            throw new IOException("'" + folder + "' exists and is not empty; choose a new or empty folder");
        }
        Files.createDirectories(folder.getParent());
        staging = Files.createTempDirectory(folder.getParent(), "." + folder.getFileName() + ".");
        index = 0;
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    @Override
    public void accept(Frame frame) throws IOException {
        index++;
        PngWriter.write(frame, staging.resolve(String.format(Locale.ROOT, "frame_%05d.png", index)));
    }

    @Override
    public void finish() throws IOException {
        try {
            Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not POSIX: keep the defaults.
            LOG.debug("no POSIX permissions for {}; keeping the defaults", staging);
        }
        Files.deleteIfExists(folder);
        Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        staging = null;
    }

    @Override
    public void abort() {
        if (staging == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(staging)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: the staging folder is hidden and named after the export.
            LOG.warn("could not remove the unfinished frames in {}", staging, e);
        }
        staging = null;
    }
}
