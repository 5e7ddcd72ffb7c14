package org.flowlab.format;

import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.Networks;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.TrainingConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.flowlab.io.AtomicFiles;
import org.flowlab.io.BadFileException;

/**
 * A trained model on disk: a zip with
 * <ul>
 *   <li>{@code flowlab-model.properties} — format name and version, the {@link ModelConfig}, the
 *       {@link TrainingConfig} it was trained with, and the step;</li>
 *   <li>{@code params.f32} / {@code updater.f32} — "FLF32" magic, element count (int, little endian), then
 *       that many little-endian floats, in DL4J's flattened parameter order;</li>
 *   <li>{@code dl4j-configuration.json} — DL4J's own JSON for the network, for inspection; never read.</li>
 * </ul>
 * Reading never deserialises Java objects (DL4J's ModelSerializer may: it reads {@code preprocessor.bin}
 * with ObjectInputStream), checks every count against the architecture before allocating, and caps entry
 * sizes, so a corrupt or hostile file fails with a {@link BadFileException} whose message is clear. Writes are atomic:
 * a temporary file in the same folder, then a rename.
 */
public final class ModelFile {

    public static final String FORMAT = "flowlab-model";
    public static final int VERSION = 1;
    static final String PROPERTIES = "flowlab-model.properties";
    static final String PARAMS = "params.f32";
    static final String UPDATER = "updater.f32";
    static final String DL4J_JSON = "dl4j-configuration.json";
    private static final byte[] MAGIC = "FLF32".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_PROPERTIES_BYTES = 64 * 1024;
    private static final long MAX_ARRAY_BYTES = 512L * 1024 * 1024;

    /** What a model file holds. {@code training} may be null for models saved without it. */
    public record Contents(WeightsSnapshot weights, TrainingConfig training) {
    }

    private ModelFile() {
    }

    public static void save(Path file, WeightsSnapshot weights, TrainingConfig training) throws IOException {
        writeAtomically(file, out -> write(out, weights, training));
    }

    /** Writes the model entries into an open zip (sessions embed them). */
    public static void write(ZipOutputStream zip, WeightsSnapshot weights, TrainingConfig training)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("version", Integer.toString(VERSION));
        p.setProperty("step", Long.toString(weights.step()));
        weights.config().store(p, "model.");
        if (training != null) {
            training.store(p, "training.");
        }
        zip.putNextEntry(new ZipEntry(PROPERTIES));
        ByteArrayOutputStream props = new ByteArrayOutputStream();
        p.store(props, "FlowLab model");
        zip.write(props.toByteArray());
        zip.closeEntry();
        putFloats(zip, PARAMS, weights.params());
        if (weights.updater() != null) {
            putFloats(zip, UPDATER, weights.updater());
        }
        zip.putNextEntry(new ZipEntry(DL4J_JSON));
        zip.write(Networks.layout(weights.config()).dl4jJson().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    public static Contents load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadFileException("'" + file + "' does not exist or is not a file");
        }
        checkStructure(file, 64);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    /**
     * Refuses a file whose zip structure is incomplete (e.g. truncated: the central directory at the end is
     * missing) or that declares more than {@code maxEntries} entries. Entry contents are verified later, while
     * streaming, by their CRCs.
     */
    public static void checkStructure(Path file, int maxEntries) throws IOException {
        String name = file.getFileName().toString();
        try (java.util.zip.ZipFile zf = new java.util.zip.ZipFile(file.toFile())) {
            if (zf.size() > maxEntries) {
                throw new BadFileException("'" + name + "' has too many entries (" + zf.size() + ")");
            }
        } catch (ZipException e) {
            throw new BadFileException("'" + name + "' is damaged or incomplete and cannot be opened (" + e.getMessage()
                    + ")", e);
        }
    }

    /** Reads a model from a zip stream; {@code name} is used in messages. */
    public static Contents read(InputStream in, String name) throws IOException {
        Properties p = null;
        byte[] params = null;
        byte[] updater = null;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            int entries = 0;
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > 64) {
                    throw new BadFileException("'" + name + "' has too many entries to be a FlowLab model");
                }
                switch (e.getName()) {
                    case PROPERTIES -> {
                        p = new Properties();
                        p.load(new StringReader(new String(readBounded(zip, MAX_PROPERTIES_BYTES, name),
                                StandardCharsets.ISO_8859_1)));
                    }
                    case PARAMS -> params = readBounded(zip, MAX_ARRAY_BYTES, name);
                    case UPDATER -> updater = readBounded(zip, MAX_ARRAY_BYTES, name);
                    default -> { }
                }
            }
        } catch (ZipException | java.io.EOFException | IllegalArgumentException e) {
            // IllegalArgumentException: Properties.load on a malformed unicode escape.
            throw new BadFileException("'" + name + "' is corrupt or not a FlowLab model (" + e.getMessage() + ")", e);
        }
        if (p == null || params == null) {
            throw new BadFileException("'" + name + "' is not a FlowLab model (missing "
                    + (p == null ? PROPERTIES : PARAMS) + ")");
        }
        return fromParts(p, params, updater, name);
    }

    /** Builds the contents from already-read entries (sessions read the same entries from their own zip). */
    public static Contents fromParts(Properties p, byte[] params, byte[] updater, String name) throws IOException {
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new BadFileException("'" + name + "' is not a FlowLab model");
        }
        int version;
        try {
            version = Integer.parseInt(p.getProperty("version", "?"));
        } catch (NumberFormatException ex) {
            throw new BadFileException("'" + name + "' has no readable format version");
        }
        if (version > VERSION) {
            throw new BadFileException("'" + name + "' was written by a newer FlowLab (model format " + version
                    + "; this version reads up to " + VERSION + ")");
        }
        try {
            ModelConfig config = ModelConfig.load(p, "model.");
            TrainingConfig training = p.getProperty("training.batch") == null ? null
                    : TrainingConfig.load(p, "training.");
            long step = Long.parseLong(p.getProperty("step", "0"));
            Networks.Layout layout = Networks.layout(config);
            float[] w = decodeFloats(params, layout.params(), PARAMS, name);
            float[] u = null;
            if (updater != null && layout.updater() >= 0) {
                u = decodeFloats(updater, layout.updater(), UPDATER, name);
            }
            WeightsSnapshot snap = new WeightsSnapshot(config, w, u, step);
            if (!snap.allFinite()) {
                throw new BadFileException("'" + name + "' holds non-finite weights");
            }
            return new Contents(snap, training);
        } catch (IllegalArgumentException ex) {
            throw new BadFileException("'" + name + "' has invalid settings: " + ex.getMessage(), ex);
        }
    }

    private static void putFloats(ZipOutputStream zip, String entry, float[] values) throws IOException {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(encodeFloats(values));
        zip.closeEntry();
    }

    public static byte[] encodeFloats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(values.length);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** Decodes an FLF32 array and checks it holds exactly {@code expected} values. */
    public static float[] decodeFloats(byte[] bytes, long expected, String entry, String name) throws IOException {
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

    /** Reads the current zip entry, failing once more than {@code max} bytes come (a zip bomb stops here). */
    public static byte[] readBounded(InputStream in, long max, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long total = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
            if (total > max) {
                throw new BadFileException("'" + name + "' has an entry larger than " + max / (1024 * 1024)
                        + " MB; refusing to read it");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
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
    public static void writeAtomically(Path file, ZipWriter writer) throws IOException {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            writer.write(zip);
            zip.finish();
            zip.flush();
        });
    }
}
