package org.flowlab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Crafted copies of model and session zips for tests of what loaders refuse. */
public final class Zips {

    private Zips() {
    }

    /** The entries of a zip, in order. */
    public static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            for (var en = zf.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                try (var in = zf.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    /** A zip of these entries, in order. */
    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A copy of a zip with one entry's bytes changed (or removed when the editor returns null). */
    public static Path edited(Path from, Path to, String entry, UnaryOperator<byte[]> editor) throws IOException {
        Map<String, byte[]> entries = entries(from);
        byte[] changed = editor.apply(entries.get(entry));
        if (changed == null) {
            entries.remove(entry);
        } else {
            entries.put(entry, changed);
        }
        Files.write(to, zip(entries));
        return to;
    }

    /** An editor of a text entry: replaces {@code from} by {@code to}. */
    public static UnaryOperator<byte[]> replace(String from, String to) {
        return b -> new String(b, StandardCharsets.ISO_8859_1).replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
