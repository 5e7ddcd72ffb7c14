package org.flowlab.format;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.flowlab.io.BadFileException;
import org.flowlab.io.Budgets;

/**
 * A model or session zip read through its central directory. Only the entries asked for by name are ever
 * inflated — unknown ones are skipped without reading a byte — each at most the size its caller derived from the
 * header: an entry that declares another size is refused before inflating, reading stops at the expected size,
 * and the CRC is checked. All reads together stay within {@link Budgets#MAX_FILE_BYTES}. Opening refuses files
 * that are not complete zips, have more than {@link Budgets#MAX_ZIP_ENTRIES} entries, or two entries of one name.
 * Every failure is a {@link BadFileException} naming the file.
 */
final class ZipReader implements Closeable {

    private static final byte[] F32 = "FLF32".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] I64 = "FLI64".getBytes(StandardCharsets.US_ASCII);
    /** Magic and count in front of every array entry. */
    static final int ARRAY_HEADER = 9;

    private final ZipFile zip;
    private final String name;
    private long budget = Budgets.MAX_FILE_BYTES;

    private ZipReader(ZipFile zip, String name) {
        this.zip = zip;
        this.name = name;
    }

    /** Opens {@code file}; {@code kind} ("FlowLab model") is used in messages. */
    static ZipReader open(Path file, String kind) throws IOException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new BadFileException("'" + file + "' does not exist or is not a file");
        }
        long size = Files.size(file);
        if (size > Budgets.MAX_FILE_BYTES) {
            throw new BadFileException("'" + name + "' is " + Budgets.bytes(size) + ", larger than any " + kind
                    + " can be (" + Budgets.bytes(Budgets.MAX_FILE_BYTES) + ")");
        }
        ZipFile zf;
        try {
            zf = new ZipFile(file.toFile());
        } catch (ZipException | IllegalArgumentException e) {
            throw new BadFileException("'" + name + "' is damaged or incomplete and cannot be opened (it is not a "
                    + "complete zip file)", e);
        }
        try {
            if (zf.size() > Budgets.MAX_ZIP_ENTRIES) {
                throw new BadFileException("'" + name + "' has too many entries (" + zf.size() + ") to be a " + kind);
            }
            Set<String> names = new HashSet<>();
            for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
                String entry = en.nextElement().getName();
                if (!names.add(entry)) {
                    throw new BadFileException("'" + name + "' is damaged: it has two entries named " + entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            zf.close();
            throw e instanceof BadFileException b ? b
                    : new BadFileException("'" + name + "' is damaged and cannot be opened", e);
        }
        return new ZipReader(zf, name);
    }

    /** The file's name, for messages. */
    String name() {
        return name;
    }

    boolean has(String entry) {
        return zip.getEntry(entry) != null;
    }

    /** The size the central directory declares for an entry once inflated; -1 when absent. */
    long declaredSize(String entry) {
        ZipEntry e = zip.getEntry(entry);
        return e == null ? -1 : e.getSize();
    }

    /** A properties entry (at most {@link Budgets#MAX_PROPERTIES_BYTES}), or null when absent. */
    Properties properties(String entry) throws IOException {
        byte[] b = bytes(entry, Budgets.MAX_PROPERTIES_BYTES);
        if (b == null) {
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(b, StandardCharsets.ISO_8859_1)));
        } catch (IllegalArgumentException e) {
            // A malformed \\uXXXX escape.
            throw new BadFileException("'" + name + "' is damaged: " + entry + " cannot be read", e);
        }
        return p;
    }

    /** An entry's bytes, refused when it declares more than {@code max}; null when absent. */
    byte[] bytes(String entry, long max) throws IOException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            return null;
        }
        long declared = size(e);
        if (declared > max) {
            throw new BadFileException("'" + name + "': its entry " + entry + " is " + Budgets.bytes(declared)
                    + ", larger than the " + Budgets.bytes(max) + " it may hold; refusing to read it");
        }
        charge(declared);
        byte[] out = new byte[(int) declared];
        try (Entry in = open(e)) {
            in.readFully(out, 0, out.length);
            in.finish();
        }
        return out;
    }

    /**
     * An FLF32 array of exactly {@code count} values (magic, count, little-endian floats), streamed into the
     * result; refused before inflating when the entry declares another size. Null when absent.
     */
    float[] floats(String entry, long count, String needs) throws IOException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            return null;
        }
        long declared = size(e);
        long expected = ARRAY_HEADER + 4 * count;
        if (declared != expected) {
            throw new BadFileException("'" + name + "': " + entry + " holds "
                    + (declared >= ARRAY_HEADER && (declared - ARRAY_HEADER) % 4 == 0
                    ? Budgets.count((declared - ARRAY_HEADER) / 4) + " values" : Budgets.bytes(declared))
                    + ", " + needs + " " + Budgets.count(count));
        }
        charge(declared);
        float[] out = new float[(int) count];
        try (Entry in = open(e)) {
            in.header(F32, count, entry);
            byte[] buf = new byte[64 * 1024];
            ByteBuffer view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            for (int done = 0; done < out.length; ) {
                int m = Math.min(buf.length / 4, out.length - done);
                in.readFully(buf, 0, 4 * m);
                view.clear();
                view.asFloatBuffer().get(out, done, m);
                done += m;
            }
            in.finish();
        }
        return out;
    }

    /** An FLI64 array of at most {@code maxCount} values; null when absent. */
    long[] longs(String entry, long maxCount) throws IOException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            return null;
        }
        long declared = size(e);
        if (declared < ARRAY_HEADER || (declared - ARRAY_HEADER) % 8 != 0) {
            throw new BadFileException("'" + name + "': " + entry + " is damaged");
        }
        long count = (declared - ARRAY_HEADER) / 8;
        if (count > maxCount) {
            throw new BadFileException("'" + name + "': " + entry + " holds " + Budgets.count(count)
                    + " values, more than the " + Budgets.count(maxCount) + " it may hold");
        }
        charge(declared);
        long[] out = new long[(int) count];
        try (Entry in = open(e)) {
            in.header(I64, count, entry);
            byte[] buf = new byte[64 * 1024];
            ByteBuffer view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            for (int done = 0; done < out.length; ) {
                int m = Math.min(buf.length / 8, out.length - done);
                in.readFully(buf, 0, 8 * m);
                view.clear();
                view.asLongBuffer().get(out, done, m);
                done += m;
            }
            in.finish();
        }
        return out;
    }

    /** The size an entry declares in the central directory. */
    private long size(ZipEntry e) throws BadFileException {
        long size = e.getSize();
        if (size < 0) {
            throw new BadFileException("'" + name + "' is damaged: " + e.getName() + " has no size");
        }
        return size;
    }

    /** Charges an entry to the file's budget before it is read. */
    private void charge(long size) throws BadFileException {
        if (size > budget) {
            throw new BadFileException("'" + name + "' holds more than " + Budgets.bytes(Budgets.MAX_FILE_BYTES)
                    + " once decompressed, more than any FlowLab file may; refusing to read it");
        }
        budget -= size;
    }

    /** Refuses before reading anything when entries of these declared sizes would exceed the file's budget. */
    void requireWithinBudget(long total) throws BadFileException {
        if (total > budget) {
            throw new BadFileException("'" + name + "' would be " + Budgets.bytes(total) + " once decompressed, more "
                    + "than the " + Budgets.bytes(Budgets.MAX_FILE_BYTES) + " any FlowLab file may hold; refusing "
                    + "to read it");
        }
    }

    private Entry open(ZipEntry e) throws IOException {
        try {
            return new Entry(e, zip.getInputStream(e));
        } catch (ZipException ex) {
            throw damaged(e, ex);
        }
    }

    private BadFileException damaged(ZipEntry e, Exception cause) {
        return new BadFileException("'" + name + "' is damaged: its entry " + e.getName()
                + " cannot be decompressed", cause);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** One entry's inflated bytes, counted against its declared size, with the CRC computed on the way. */
    private final class Entry implements Closeable {
        private final ZipEntry entry;
        private final InputStream in;
        private final CRC32 crc = new CRC32();

        Entry(ZipEntry entry, InputStream in) {
            this.entry = entry;
            this.in = in;
        }

        void readFully(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.readNBytes(b, off, len);
                if (n < len) {
                    throw new BadFileException("'" + name + "' is damaged: its entry " + entry.getName()
                            + " is shorter than it says");
                }
            } catch (ZipException | EOFException ex) {
                throw damaged(entry, ex);
            }
            crc.update(b, off, len);
        }

        /** Reads an array's magic and count and checks them. */
        void header(byte[] magic, long count, String entryName) throws IOException {
            byte[] h = new byte[ARRAY_HEADER];
            readFully(h, 0, h.length);
            ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < magic.length; i++) {
                if (b.get() != magic[i]) {
                    throw new BadFileException("'" + name + "': " + entryName + " is not a FlowLab array");
                }
            }
            if (b.getInt() != count) {
                throw new BadFileException("'" + name + "': " + entryName + " is damaged (its count does not "
                        + "match its length)");
            }
        }

        /** Checks that nothing follows the declared size and that the CRC matches. */
        void finish() throws IOException {
            try {
                if (in.read() != -1) {
                    throw new BadFileException("'" + name + "' is damaged: its entry " + entry.getName()
                            + " is longer than it says");
                }
            } catch (ZipException | EOFException ex) {
                throw damaged(entry, ex);
            }
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw new BadFileException("'" + name + "' is damaged: its entry " + entry.getName()
                        + " fails its checksum");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
