package org.flowlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private long temporaries() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void failuresNameTheUsersFileNotTheHiddenTemporaryOne() throws IOException {
        Path target = dir.resolve("model.zip");
        // A failure of the disk reported on the temporary file (as the file system reports it).
        FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFiles.write(target, out -> {
            Path tmp;
            try (var s = Files.list(dir)) {
                tmp = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst().orElseThrow();
            }
            throw new AccessDeniedException(tmp.toString());
        }));
        assertEquals(target.toString(), e.getFile());
        assertTrue(e instanceof AccessDeniedException);
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertEquals(0, temporaries(), "the temporary file is gone");
    }

    @Test
    void theNextSaveRemovesTemporaryFilesAKilledSaveLeftButNoneInUse() throws IOException {
        Path target = dir.resolve("m.zip");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 60_000);
        Path stale = Files.writeString(dir.resolve(".m.zip.8812734612.tmp"), "half a zip");
        Files.setLastModifiedTime(stale, old);
        Path fresh = Files.writeString(dir.resolve(".m.zip.1234.tmp"), "being written right now");
        Path locked = Files.writeString(dir.resolve(".m.zip.5678.tmp"), "held by a live writer");
        Files.setLastModifiedTime(locked, old);
        Path otherTarget = Files.writeString(dir.resolve(".n.zip.99.tmp"), "not ours");
        Files.setLastModifiedTime(otherTarget, old);
        Path notOurNaming = Files.writeString(dir.resolve(".m.zip.backup.tmp"), "the user's");
        Files.setLastModifiedTime(notOurNaming, old);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(locked,
                java.nio.file.StandardOpenOption.WRITE); var lock = ch.lock()) {
            AtomicFiles.write(target, out -> out.write(1));
        }
        assertFalse(Files.exists(stale), "the killed save's leftover is gone");
        for (Path kept : new Path[]{fresh, locked, otherTarget, notOurNaming}) {
            assertTrue(Files.exists(kept), kept + " is kept");
        }
        assertEquals(1, Files.size(target));
    }

    @Test
    void checkWritableRefusesFoldersPathsThroughFilesAndFullDisksNamingTheFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("out"));
        FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFiles.checkWritable(folder, 0));
        assertEquals(folder.toString(), e.getFile());
        Path file = Files.writeString(dir.resolve("f"), "x");
        e = assertThrows(FileSystemException.class, () -> AtomicFiles.checkWritable(file.resolve("a/b.csv"), 0));
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
        Path big = dir.resolve("new").resolve("big.zip");
        e = assertThrows(FileSystemException.class, () -> AtomicFiles.checkWritable(big, 1L << 60));
        assertEquals(big.toString(), e.getFile());
        assertTrue(e.getReason().contains("free in '" + dir + "'"), e.getReason());
        AtomicFiles.checkWritable(big, 1024);
        assertFalse(Files.exists(dir.resolve("new")), "checking creates nothing");
        assertEquals(0, temporaries(), "the probe was deleted");
    }
}
