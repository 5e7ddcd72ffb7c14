package org.flowlab.format;

import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.Networks;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.TrainingConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.flowlab.io.BadFileException;

/**
 * A trained model on disk: a zip with
 * <ul>
 *   <li>{@code flowlab-model.properties} — format name and version, the {@link ModelConfig}, the
 *       {@link TrainingConfig} it was trained with, and the step;</li>
 *   <li>{@code params.f32} / {@code updater.f32} — "FLF32" magic, element count (int, little endian), then
 *       that many little-endian floats, in DL4J's flattened parameter order;</li>
 *   <li>{@code average.f32} (optional, since 0.2; older readers skip it) — the weight average the app shows,
 *       same layout as the parameters; what {@code sample} uses by default;</li>
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
    static final String AVERAGE = "average.f32";
    static final String DL4J_JSON = "dl4j-configuration.json";
    private static final long MAX_PROPERTIES_BYTES = 64 * 1024;
    private static final long MAX_ARRAY_BYTES = 512L * 1024 * 1024;

    /**
     * What a model file holds. {@code averaged} (the weight average at the same step, no optimiser state) is null
     * in files written before it existed or trained without one; {@code training} is null for models saved
     * without it.
     */
    public record Contents(WeightsSnapshot weights, WeightsSnapshot averaged, TrainingConfig training) {

        /** The weights to sample with: the average when the file has one, else the raw weights. */
        public WeightsSnapshot display() {
            return averaged != null ? averaged : weights;
        }
    }

    private ModelFile() {
    }

    /** Saves atomically; {@code averaged} and {@code training} may be null. */
    public static void save(Path file, WeightsSnapshot weights, WeightsSnapshot averaged, TrainingConfig training)
            throws IOException {
        ZipEntries.writeAtomically(file, out -> write(out, weights, averaged, training));
    }

    /** Writes the model entries into an open zip (sessions embed them). */
    public static void write(ZipOutputStream zip, WeightsSnapshot weights, WeightsSnapshot averaged,
                             TrainingConfig training)
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
        ZipEntries.putFloats(zip, PARAMS, weights.params());
        if (weights.updater() != null) {
            ZipEntries.putFloats(zip, UPDATER, weights.updater());
        }
        if (averaged != null) {
            if (!averaged.config().equals(weights.config()) || averaged.step() != weights.step()) {
                throw new IllegalArgumentException("the weight average does not belong to these weights");
            }
            ZipEntries.putFloats(zip, AVERAGE, averaged.params());
        }
        zip.putNextEntry(new ZipEntry(DL4J_JSON));
        zip.write(Networks.dl4jJson(weights.config()).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    public static Contents load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadFileException("'" + file + "' does not exist or is not a file");
        }
        ZipEntries.checkStructure(file, 64);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }


    /** Reads a model from a zip stream; {@code name} is used in messages. */
    public static Contents read(InputStream in, String name) throws IOException {
        Properties p = null;
        byte[] params = null;
        byte[] updater = null;
        byte[] average = null;
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
                        p.load(new StringReader(new String(ZipEntries.readBounded(zip, MAX_PROPERTIES_BYTES, name),
                                StandardCharsets.ISO_8859_1)));
                    }
                    case PARAMS -> params = ZipEntries.readBounded(zip, MAX_ARRAY_BYTES, name);
                    case UPDATER -> updater = ZipEntries.readBounded(zip, MAX_ARRAY_BYTES, name);
                    case AVERAGE -> average = ZipEntries.readBounded(zip, MAX_ARRAY_BYTES, name);
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
        return fromParts(p, params, updater, average, name);
    }

    /** Builds the contents from already-read entries (sessions read the same entries from their own zip). */
    public static Contents fromParts(Properties p, byte[] params, byte[] updater, byte[] average, String name)
            throws IOException {
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
            float[] w = ZipEntries.decodeFloats(params, Networks.parameterCount(config), PARAMS, name);
            float[] u = null;
            if (updater != null) {
                u = ZipEntries.decodeFloats(updater, Networks.optimiserStateLength(config), UPDATER, name);
            }
            WeightsSnapshot snap = new WeightsSnapshot(config, w, u, step);
            if (!snap.allFinite()) {
                throw new BadFileException("'" + name + "' holds non-finite weights");
            }
            WeightsSnapshot avg = null;
            if (average != null) {
                avg = new WeightsSnapshot(config, ZipEntries.decodeFloats(average, w.length, AVERAGE, name), null, step);
                if (!avg.allFinite()) {
                    throw new BadFileException("'" + name + "' holds a non-finite weight average");
                }
            }
            return new Contents(snap, avg, training);
        } catch (IllegalArgumentException ex) {
            throw new BadFileException("'" + name + "' has invalid settings: " + ex.getMessage(), ex);
        }
    }






}
