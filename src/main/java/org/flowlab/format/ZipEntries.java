package org.flowlab.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.flowlab.io.AtomicFiles;
import org.flowlab.io.BadFileException;

/**
 * What model and session files share when writing: arrays as little-endian entries with a magic and a count
 * ("FLF32" floats, "FLI64" longs) and atomic writes. Reading is {@link ZipReader}'s.
 */
final class ZipEntries {

    private static final byte[] MAGIC = "FLF32".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] I64_MAGIC = "FLI64".getBytes(StandardCharsets.US_ASCII);

    private ZipEntries() {
    }

    static void putFloats(ZipOutputStream zip, String entry, float[] values) throws IOException {
        put(zip, entry, encodeFloats(values));
    }

    static byte[] encodeFloats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(values.length);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** Decodes an FLF32 array and checks it holds exactly {@code expected} values. */
    static float[] decodeFloats(byte[] bytes, long expected, String entry, String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 4) {
            throw new BadFileException("'" + name + "': " + entry + " is truncated");
        }
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new BadFileException("'" + name + "': " + entry + " is not a FlowLab array");
        }
        int count = b.getInt();
        if (count != expected) {
            throw new BadFileException("'" + name + "': " + entry + " holds " + count + " values, the network needs "
                    + expected);
        }
        if (b.remaining() != 4L * count) {
            throw new BadFileException("'" + name + "': " + entry + " is truncated or has trailing bytes");
        }
        float[] out = new float[count];
        b.asFloatBuffer().get(out);
        return out;
    }

    /** Something that writes a zip. */
    @FunctionalInterface
    public interface ZipWriter {
        void write(ZipOutputStream zip) throws IOException;
    }

    /**
     * Writes a zip atomically (see {@link AtomicFiles}): on any failure {@code file} is untouched and no
     * temporary file remains.
     */
    static void writeAtomically(Path file, ZipWriter writer) throws IOException {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            writer.write(zip);
            zip.finish();
            zip.flush();
        });
    }

    static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    static byte[] encodeLongs(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(I64_MAGIC.length + 4 + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(I64_MAGIC).putInt(values.length);
        b.asLongBuffer().put(values);
        return b.array();
    }
}
