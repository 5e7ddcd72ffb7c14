package org.flowlab.format;

import org.flowlab.nn.ModelConfig;
import org.flowlab.nn.Networks;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.TrainingConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.flowlab.io.BadFileException;
import org.flowlab.density.ClassSet;

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
 * with ObjectInputStream). It reads the header first and refuses a network beyond the limits of
 * {@link org.flowlab.io.Budgets} before anything else; then it reads only the entries it knows, each at exactly
 * the size the header implies ({@link ZipReader}), so a corrupt or hostile file fails with a
 * {@link BadFileException} whose message is clear, in bounded time and memory. Writes are atomic:
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

    /**
     * What a model file holds. {@code averaged} (the weight average at the same step, no optimiser state) is null
     * in files written before it existed or trained without one; {@code training} is null for models saved
     * without it.
     */
    public record Contents(WeightsSnapshot weights, WeightsSnapshot averaged, TrainingConfig training,
                           ClassSet classes) {

        /** An unconditional model's contents (no classes). */
        public Contents(WeightsSnapshot weights, WeightsSnapshot averaged, TrainingConfig training) {
            this(weights, averaged, training, null);
        }

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
        save(file, weights, averaged, training, null);
    }

    /** Saves atomically with the classes of a conditional model (required exactly when the model is conditional). */
    public static void save(Path file, WeightsSnapshot weights, WeightsSnapshot averaged, TrainingConfig training,
                            ClassSet classes) throws IOException {
        ZipEntries.writeAtomically(file, out -> write(out, weights, averaged, training, classes));
    }

    /** Writes the model entries into an open zip (sessions embed them). */
    public static void write(ZipOutputStream zip, WeightsSnapshot weights, WeightsSnapshot averaged,
                             TrainingConfig training) throws IOException {
        write(zip, weights, averaged, training, null);
    }

    /** As {@link #write(ZipOutputStream, WeightsSnapshot, WeightsSnapshot, TrainingConfig)}, with classes. */
    public static void write(ZipOutputStream zip, WeightsSnapshot weights, WeightsSnapshot averaged,
                             TrainingConfig training, ClassSet classes)
            throws IOException {
        requireClasses(weights.config(), classes);
        // The reader's limits (ModelConfig checks the network itself when it is made).
        if (training != null) {
            training.requireFits(weights.config());
        }
        if (weights.step() < 0) {
            throw new IllegalArgumentException("weights at step " + weights.step() + " cannot be saved");
        }
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("version", Integer.toString(VERSION));
        p.setProperty("step", Long.toString(weights.step()));
        weights.config().store(p, "model.");
        if (training != null) {
            training.store(p, "training.");
        }
        if (classes != null) {
            classes.store(p, "classes.");
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

    /**
     * Loads a model file, or the model of a session: a zip holding {@code session.properties} is read whole by
     * {@link SessionFile}, so the command line refuses exactly the sessions the app refuses, with the same message.
     */
    public static Contents load(Path file) throws IOException {
        try (ZipReader zip = ZipReader.open(file, "FlowLab model")) {
            if (zip.has(SessionFile.PROPERTIES)) {
                Session s = SessionFile.read(zip);
                return new Contents(s.weights(), s.averaged(), s.training(), s.classes());
            }
            return read(zip);
        }
    }

    /**
     * What the header of a model says, checked before any array is read: the format and version, the network
     * (within {@link org.flowlab.io.Budgets}' limits), the training settings (whose batches must fit the network)
     * and the step.
     */
    record Header(ModelConfig config, TrainingConfig training, long step, ClassSet classes) {

        /** Parameters of the network: the length of {@code params.f32} and {@code average.f32}. */
        long parameters() {
            return config.parameterCount();
        }
    }

    /** Reads the model entries of an open zip: the header first, then each array at the size it implies. */
    static Contents read(ZipReader zip) throws IOException {
        String name = zip.name();
        Properties p = zip.properties(PROPERTIES);
        if (p == null) {
            throw new BadFileException("'" + name + "' is not a FlowLab model (missing " + PROPERTIES + ")");
        }
        return arrays(zip, header(p, name));
    }

    /** Bytes of the model's arrays in {@code zip} at the sizes the header implies (for a file's total budget). */
    static long arrayBytes(ZipReader zip, Header h) {
        long n = h.parameters();
        return ZipReader.ARRAY_HEADER + 4 * n
                + (zip.has(UPDATER) ? ZipReader.ARRAY_HEADER + 8 * n : 0)
                + (zip.has(AVERAGE) ? ZipReader.ARRAY_HEADER + 4 * n : 0);
    }

    /** Reads the weights, optimiser state and average of a checked header, each at the size it implies. */
    static Contents arrays(ZipReader zip, Header h) throws IOException {
        String name = zip.name();
        long n = h.parameters();
        float[] w = zip.floats(PARAMS, n, "the network needs");
        if (w == null) {
            throw new BadFileException("'" + name + "' is not a FlowLab model (missing " + PARAMS + ")");
        }
        float[] u = zip.floats(UPDATER, Networks.optimiserStateLength(h.config()), "the optimiser needs");
        float[] a = zip.floats(AVERAGE, n, "the network needs");
        return contents(h, w, u, a, name);
    }

    /** Checks a model header; the message of what it refuses names the file. */
    static Header header(Properties p, String name) throws BadFileException {
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new BadFileException("'" + name + "' is not a FlowLab model");
        }
        int version;
        try {
            version = Integer.parseInt(p.getProperty("version", "?").strip());
        } catch (NumberFormatException ex) {
            throw new BadFileException("'" + name + "' has no readable format version");
        }
        if (version > VERSION) {
            throw new BadFileException("'" + name + "' was written by a newer FlowLab (model format " + version
                    + "; this version reads up to " + VERSION + ")");
        }
        if (version < 1) {
            throw new BadFileException("'" + name + "' has an invalid format version " + version);
        }
        try {
            ModelConfig config = ModelConfig.load(p, "model.");
            TrainingConfig training = p.getProperty("training.batch") == null ? null
                    : TrainingConfig.load(p, "training.");
            if (training != null) {
                training.requireFits(config);
            }
            long step;
            try {
                step = Long.parseLong(p.getProperty("step", "0").strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the step " + ModelConfig.notANumber(e), e);
            }
            if (step < 0) {
                throw new IllegalArgumentException("negative step " + step);
            }
            ClassSet classes = ClassSet.load(p, "classes.");
            // Files from before classes have none: unconditional. A conditional model must name its K classes.
            requireClasses(config, classes);
            return new Header(config, training, step, classes);
        } catch (IllegalArgumentException ex) {
            throw new BadFileException("'" + name + "' has invalid settings: " + ex.getMessage(), ex);
        }
    }

    /** Builds the contents from already-read entries (kept for callers holding the bytes). */
    public static Contents fromParts(Properties p, byte[] params, byte[] updater, byte[] average, String name)
            throws IOException {
        Header h = header(p, name);
        long n = h.parameters();
        float[] w = ZipEntries.decodeFloats(params, n, PARAMS, name);
        float[] u = updater == null ? null
                : ZipEntries.decodeFloats(updater, Networks.optimiserStateLength(h.config()), UPDATER, name);
        float[] a = average == null ? null : ZipEntries.decodeFloats(average, n, AVERAGE, name);
        return contents(h, w, u, a, name);
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static Contents contents(Header h, float[] w, float[] u, float[] a, String name) throws IOException {
        WeightsSnapshot snap = new WeightsSnapshot(h.config(), w, u, h.step());
        if (!snap.allFinite()) {
            throw new BadFileException("'" + name + "' holds non-finite weights");
        }
        if (u != null && !finite(u)) {
            // Resuming from it would turn every weight to NaN at the first step.
            throw new BadFileException("'" + name + "' holds a non-finite optimiser state");
        }
        WeightsSnapshot avg = null;
        if (a != null) {
            avg = new WeightsSnapshot(h.config(), a, null, h.step());
            if (!avg.allFinite()) {
                throw new BadFileException("'" + name + "' holds a non-finite weight average");
            }
        }
        return new Contents(snap, avg, h.training(), h.classes());
    }

    /** A conditional model of K classes has exactly K named classes; an unconditional one has none. */
    static void requireClasses(ModelConfig config, ClassSet classes) {
        if (config.conditional() && (classes == null || classes.size() != config.classes())) {
            throw new IllegalArgumentException("a model of " + config.classes() + " classes needs their names, colours "
                    + "and masses" + (classes == null ? "" : " (got " + classes.size() + ")"));
        }
        if (!config.conditional() && classes != null) {
            throw new IllegalArgumentException("an unconditional model has no classes");
        }
    }
}
