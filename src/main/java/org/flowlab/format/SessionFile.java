package org.flowlab.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.flowlab.io.BadFileException;
import org.flowlab.density.ClassSet;
import org.flowlab.io.Budgets;
import org.flowlab.ode.Solvers;
import org.flowlab.nn.WeightsSnapshot;
import org.flowlab.train.CheckpointKeeper;
import org.flowlab.train.Checkpoints;
import org.flowlab.train.LossHistory;

/**
 * The {@code .flowlab} file: a zip holding
 * <ul>
 *   <li>{@code session.properties} — format name and version, density size/domain/source, app settings
 *       ({@code app.*});</li>
 *   <li>the model entries of {@link ModelFile} (so {@code sample}/{@code render} read a session as a model);</li>
 *   <li>{@code density.f32} — the grid masses; {@code loss-*.f32} / {@code loss-*-steps.i64} — the histories;</li>
 *   <li>optional (since 0.3; older readers skip them, sessions without them load with no history):
 *       {@code checkpoint-steps.i64} — the steps of the training history's checkpoints, strictly increasing, at
 *       most {@link CheckpointKeeper#slotsFor}(P) of them; {@code checkpoints.f32} — their parameters, C × P
 *       floats, checkpoint after checkpoint in DL4J's order (the shown weights, no optimiser state).</li>
 * </ul>
 * Writes are atomic. Reads never deserialise Java objects: they read both headers first, derive from them the
 * size of every entry the format knows and check the total against {@link Budgets#MAX_FILE_BYTES} before
 * inflating anything, skip unknown entries without reading them, and turn any corruption (truncation, a flipped
 * bit caught by the zip CRC, an oversized or duplicate entry, a newer version) into a {@link BadFileException}
 * whose message can be shown as it is; nothing is changed on failure.
 */
public final class SessionFile {

    public static final String FORMAT = "flowlab-session";
    public static final int VERSION = 1;
    public static final String EXTENSION = ".flowlab";
    static final String PROPERTIES = "session.properties";
    static final String DENSITY = "density.f32";
    /** K class layers of a labelled density, layer after layer (since classes; older readers skip it). */
    static final String DENSITY_CLASSES = "density-classes.f32";
    static final String TRAIN_LOSS = "loss-train.f32";
    static final String TRAIN_STEPS = "loss-train-steps.i64";
    static final String VAL_LOSS = "loss-validation.f32";
    static final String VAL_STEPS = "loss-validation-steps.i64";
    static final String CHECKPOINT_STEPS = "checkpoint-steps.i64";
    static final String CHECKPOINTS = "checkpoints.f32";

    private SessionFile() {
    }

    public static void save(Path file, Session s) throws IOException {
        ZipEntries.writeAtomically(file, zip -> write(zip, s));
    }

    static void write(ZipOutputStream zip, Session s) throws IOException {
        requireReadable(s);
        LossHistory.View trainLoss = storable(s.trainLoss());
        LossHistory.View validationLoss = storable(s.validationLoss());
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("version", Integer.toString(VERSION));
        p.setProperty("density.size", Integer.toString(s.densitySize()));
        p.setProperty("density.halfWidth", Double.toString(s.halfWidth()));
        p.setProperty("density.source", s.densitySource() == null ? "" : s.densitySource());
        s.appSettings().forEach((k, v) -> p.setProperty("app." + k, v));
        if (s.densityClasses() != null) {
            // The density's classes (shares are those of the layers; stored for readers that skip the layers).
            double[] shares = new double[s.densityClasses().size()];
            int cells = s.densityMass().length;
            for (int k = 0; k < shares.length; k++) {
                double sum = 0;
                for (int i = 0; i < cells; i++) {
                    sum += s.classLayers()[k * cells + i];
                }
                shares[k] = Math.max(sum, Double.MIN_NORMAL);
            }
            new ClassSet(s.densityClasses(), shares).store(p, "density.classes.");
        }
        ByteArrayOutputStream props = new ByteArrayOutputStream();
        p.store(props, "FlowLab session");
        if (props.size() > Budgets.MAX_PROPERTIES_BYTES) {
            throw new IllegalArgumentException("the session's settings take " + Budgets.bytes(props.size())
                    + ", more than the " + Budgets.bytes(Budgets.MAX_PROPERTIES_BYTES) + " a session may hold");
        }
        ZipEntries.put(zip, PROPERTIES, props.toByteArray());
        ModelFile.write(zip, s.weights(), s.averaged(), s.training(), s.classes());
        ZipEntries.put(zip, DENSITY, ZipEntries.encodeFloats(s.densityMass()));
        if (s.classLayers() != null) {
            ZipEntries.put(zip, DENSITY_CLASSES, ZipEntries.encodeFloats(s.classLayers()));
        }
        ZipEntries.put(zip, TRAIN_LOSS, ZipEntries.encodeFloats(trainLoss.valuesCopy()));
        ZipEntries.put(zip, TRAIN_STEPS, ZipEntries.encodeLongs(trainLoss.stepsCopy()));
        ZipEntries.put(zip, VAL_LOSS, ZipEntries.encodeFloats(validationLoss.valuesCopy()));
        ZipEntries.put(zip, VAL_STEPS, ZipEntries.encodeLongs(validationLoss.stepsCopy()));
        Checkpoints c = storable(s.checkpoints(), s.weights().config(), s.weights().step());
        if (!c.isEmpty()) {
            int n = Math.toIntExact(s.weights().config().parameterCount());
            float[] all = new float[Math.multiplyExact(c.size(), n)];
            for (int i = 0; i < c.size(); i++) {
                System.arraycopy(c.get(i).params(), 0, all, i * n, n);
            }
            ZipEntries.put(zip, CHECKPOINT_STEPS, ZipEntries.encodeLongs(c.steps()));
            ZipEntries.putFloats(zip, CHECKPOINTS, all);
        }
    }

    /**
     * The checkpoints as the reader accepts them: those of this network no later than its weights, at most {@link CheckpointKeeper#slotsFor}
     * of them (the newest are kept), each with finite parameters.
     */
    private static Checkpoints storable(Checkpoints c, org.flowlab.nn.ModelConfig config, long maxStep) {
        java.util.List<WeightsSnapshot> keep = new java.util.ArrayList<>();
        for (WeightsSnapshot w : c.list()) {
            if (w.config().equals(config) && w.allFinite() && w.step() <= maxStep) {
                keep.add(w);
            }
        }
        int slots = CheckpointKeeper.slotsFor(config.parameterCount());
        return Checkpoints.of(keep.subList(Math.max(0, keep.size() - slots), keep.size()));
    }

    /**
     * The reader's limits, checked before writing: a session this refuses could not be opened again. (Networks
     * and batches beyond the limits cannot even be configured; this catches the rest.)
     */
    private static void requireReadable(Session s) {
        if (s.densitySize() < 2 || s.densitySize() > Budgets.MAX_DENSITY_SIZE || !(s.halfWidth() > 0
                && s.halfWidth() < 1e6)) {
            throw new IllegalArgumentException("a density of " + s.densitySize() + "² cells over ±" + s.halfWidth()
                    + " cannot be saved: sessions hold 2² to " + Budgets.MAX_DENSITY_SIZE + "² cells");
        }
        s.training().requireFits(s.weights().config());
        long n = s.weights().config().parameterCount();
        long bytes = 16 * n + 4L * s.densityMass().length
                + 4L * n * Math.min(s.checkpoints().size(), CheckpointKeeper.slotsFor(n))
                + (s.classLayers() == null ? 0 : 4L * s.classLayers().length)
                + 12L * (Math.min(s.trainLoss().size(), Budgets.MAX_HISTORY_POINTS)
                + Math.min(s.validationLoss().size(), Budgets.MAX_HISTORY_POINTS));
        if (bytes > Budgets.MAX_FILE_BYTES) {
            throw new IllegalArgumentException("this session would take " + Budgets.bytes(bytes)
                    + ", more than the " + Budgets.bytes(Budgets.MAX_FILE_BYTES) + " a session may hold");
        }
    }

    /**
     * A history as the reader accepts it: strictly increasing steps, at most {@link Budgets#MAX_HISTORY_POINTS}
     * (the most recent are kept: the weights and optimiser state, what resuming needs, are saved whole).
     */
    private static LossHistory.View storable(LossHistory.View v) {
        long[] steps = v.stepsCopy();
        float[] values = v.valuesCopy();
        int kept = 0;
        for (int i = 0; i < steps.length; i++) {
            if (kept == 0 || steps[i] > steps[kept - 1]) {
                steps[kept] = steps[i];
                values[kept] = values[i];
                kept++;
            }
        }
        int from = Math.max(0, kept - Budgets.MAX_HISTORY_POINTS);
        if (kept == steps.length && from == 0) {
            return v;
        }
        return LossHistory.View.of(java.util.Arrays.copyOfRange(steps, from, kept),
                java.util.Arrays.copyOfRange(values, from, kept));
    }


    public static Session load(Path file) throws IOException {
        try (ZipReader zip = ZipReader.open(file, "FlowLab session")) {
            return read(zip);
        }
    }

    /**
     * Reads a session: both headers first, then the size of every entry they imply is checked against the file's
     * budget before anything is inflated; only the entries the format knows are read, each at exactly its size.
     */
    static Session read(ZipReader zip) throws IOException {
        String name = zip.name();
        Properties p = zip.properties(PROPERTIES);
        if (p == null) {
            throw new BadFileException("'" + name + "' is not a FlowLab session (no " + PROPERTIES + ")");
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new BadFileException("'" + name + "' is not a FlowLab session");
        }
        int version = parseInt(p, "version", name);
        if (version > VERSION) {
            throw new BadFileException("'" + name + "' was saved by a newer FlowLab (session format " + version
                    + "; this version opens up to " + VERSION + "). Please update FlowLab.");
        }
        if (version < 1) {
            throw new BadFileException("'" + name + "' has an invalid format version " + version);
        }
        int size = parseInt(p, "density.size", name);
        if (size < 2 || size > Budgets.MAX_DENSITY_SIZE) {
            throw new BadFileException("'" + name + "' has an invalid density size " + size);
        }
        double half;
        try {
            half = Double.parseDouble(p.getProperty("density.halfWidth", ""));
        } catch (NumberFormatException ex) {
            throw new BadFileException("'" + name + "' has an invalid density domain");
        }
        if (!(half > 0 && half < 1e6)) {
            throw new BadFileException("'" + name + "' has an invalid density domain");
        }
        Properties modelProps = zip.properties(ModelFile.PROPERTIES);
        if (modelProps == null) {
            throw new BadFileException("'" + name + "' is incomplete (missing " + ModelFile.PROPERTIES + ")");
        }
        ModelFile.Header header = ModelFile.header(modelProps, name);
        if (header.training() == null) {
            throw new BadFileException("'" + name + "' lacks its training settings");
        }
        long cells = (long) size * size;
        ClassSet densityClasses;
        try {
            densityClasses = ClassSet.load(p, "density.classes.");
        } catch (IllegalArgumentException e) {
            throw new BadFileException("'" + name + "' has invalid density classes: " + e.getMessage(), e);
        }
        if (densityClasses != null && densityClasses.size() < 2) {
            densityClasses = null;
        }
        int layersCount = densityClasses == null ? 0 : densityClasses.size();
        long planned = ModelFile.arrayBytes(zip, header) + ZipReader.ARRAY_HEADER + 4 * cells
                + (layersCount == 0 ? 0 : ZipReader.ARRAY_HEADER + 4 * cells * layersCount)
                + historyBytes(zip, TRAIN_STEPS) + historyBytes(zip, VAL_STEPS)
                + checkpointBytes(zip, header.parameters());
        zip.requireWithinBudget(planned);

        ModelFile.Contents model = ModelFile.arrays(zip, header);
        float[] mass = zip.floats(DENSITY, cells, "a grid of " + size + "² needs");
        if (mass == null) {
            throw new BadFileException("'" + name + "' is incomplete (missing " + DENSITY + ")");
        }
        for (float m : mass) {
            if (!(m >= 0) || Float.isInfinite(m)) {
                throw new BadFileException("'" + name + "' holds a negative or non-finite density");
            }
        }
        float[] layers = null;
        if (layersCount > 0) {
            layers = zip.floats(DENSITY_CLASSES, cells * layersCount, layersCount + " class layers of " + size
                    + "² need");
            if (layers == null) {
                throw new BadFileException("'" + name + "' is incomplete (missing " + DENSITY_CLASSES + ")");
            }
            for (float m : layers) {
                if (!(m >= 0) || Float.isInfinite(m)) {
                    throw new BadFileException("'" + name + "' holds a negative or non-finite density");
                }
            }
        }
        LossHistory.View train = history(zip, TRAIN_STEPS, TRAIN_LOSS);
        LossHistory.View val = history(zip, VAL_STEPS, VAL_LOSS);
        Map<String, String> app = appSettings(p);
        Checkpoints checkpoints = checkpoints(zip, header);
        return new Session(mass, size, half, p.getProperty("density.source", ""), model.training(), model.weights(),
                model.averaged(), train, val, app, checkpoints, densityClasses == null ? null : densityClasses.classes(),
                layers, model.classes());
    }

    /** Bytes of the checkpoint entries at the count their steps entry declares, capped by the slots (0 when absent). */
    private static long checkpointBytes(ZipReader zip, long parameters) {
        if (!zip.has(CHECKPOINT_STEPS)) {
            return 0;
        }
        long declared = Math.max(0, zip.declaredSize(CHECKPOINT_STEPS) - ZipReader.ARRAY_HEADER);
        long count = Math.min(declared / 8, CheckpointKeeper.slotsFor(parameters));
        return 2L * ZipReader.ARRAY_HEADER + count * (8 + 4 * parameters);
    }

    /**
     * The training history, optional: both entries or neither; at most {@link CheckpointKeeper#slotsFor}(P)
     * checkpoints with strictly increasing steps no later than the weights', each exactly P finite floats.
     */
    private static Checkpoints checkpoints(ZipReader zip, ModelFile.Header header) throws IOException {
        String name = zip.name();
        if (!zip.has(CHECKPOINT_STEPS) && !zip.has(CHECKPOINTS)) {
            return Checkpoints.empty();
        }
        long p = header.parameters();
        int slots = CheckpointKeeper.slotsFor(p);
        long[] steps = zip.longs(CHECKPOINT_STEPS, slots);
        if (steps == null) {
            throw new BadFileException("'" + name + "' is incomplete (missing " + CHECKPOINT_STEPS + ")");
        }
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] < 0 || (i > 0 && steps[i] <= steps[i - 1]) || steps[i] > header.step()) {
                throw new BadFileException("'" + name + "': " + CHECKPOINT_STEPS
                        + " is not increasing within the training steps");
            }
        }
        float[] all = zip.floats(CHECKPOINTS, steps.length * p, steps.length + " checkpoints need");
        if (all == null) {
            throw new BadFileException("'" + name + "' is incomplete (missing " + CHECKPOINTS + ")");
        }
        java.util.List<WeightsSnapshot> list = new java.util.ArrayList<>(steps.length);
        for (int i = 0; i < steps.length; i++) {
            float[] w = java.util.Arrays.copyOfRange(all, (int) (i * p), (int) ((i + 1) * p));
            WeightsSnapshot snap = new WeightsSnapshot(header.config(), w, null, steps[i]);
            if (!snap.allFinite()) {
                throw new BadFileException("'" + name + "' holds a non-finite checkpoint");
            }
            list.add(snap);
        }
        return Checkpoints.of(list);
    }

    /** The app's ranges for its settings: steps of a fixed-step solver and particles shown. */
    public static final int APP_MAX_STEPS = 1000;
    public static final int APP_MAX_PARTICLES = 50_000;

    /**
     * The {@code app.*} settings, checked: the solver must be one FlowLab has, steps and particles are clamped to
     * the app's ranges, switches must be true or false; what fails is left out (the app keeps its own value).
     * Other keys are kept as written, for newer versions, when short.
     */
    static Map<String, String> appSettings(Properties p) {
        Map<String, String> app = new HashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (!k.startsWith("app.")) {
                continue;
            }
            String key = k.substring(4);
            String v = p.getProperty(k).strip();
            String checked = switch (key) {
                case "solver" -> Solvers.NAMES.contains(v) ? v : null;
                case "steps" -> clamp(v, 1, APP_MAX_STEPS);
                case "particles" -> clamp(v, 1, APP_MAX_PARTICLES);
                case "showTarget", "showTrails", "showField", "showPairs" ->
                        v.equals("true") || v.equals("false") ? v : null;
                default -> key.length() <= 100 && v.length() <= 1000 ? v : null;
            };
            if (checked != null) {
                app.put(key, checked);
            }
        }
        return app;
    }

    private static String clamp(String v, int min, int max) {
        try {
            long n = Long.parseLong(v);
            return Long.toString(Math.max(min, Math.min(max, n)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Bytes a history's two entries take at the length its steps entry declares (0 when absent). */
    private static long historyBytes(ZipReader zip, String stepsName) {
        long declared = Math.max(0, zip.declaredSize(stepsName) - ZipReader.ARRAY_HEADER);
        long points = Math.min(declared / 8, Budgets.MAX_HISTORY_POINTS);
        return 2L * ZipReader.ARRAY_HEADER + 12 * points;
    }

    private static LossHistory.View history(ZipReader zip, String stepsName, String valuesName) throws IOException {
        String name = zip.name();
        long[] steps = zip.longs(stepsName, Budgets.MAX_HISTORY_POINTS);
        if (steps == null) {
            throw new BadFileException("'" + name + "' is incomplete (missing " + stepsName + ")");
        }
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] <= steps[i - 1]) {
                throw new BadFileException("'" + name + "': " + stepsName + " is not increasing");
            }
        }
        float[] values = zip.floats(valuesName, steps.length, "its steps need");
        if (values == null) {
            throw new BadFileException("'" + name + "' is incomplete (missing " + valuesName + ")");
        }
        return LossHistory.View.of(steps, values);
    }

    private static int parseInt(Properties p, String key, String name) throws IOException {
        try {
            return Integer.parseInt(p.getProperty(key, "?").strip());
        } catch (NumberFormatException e) {
            throw new BadFileException("'" + name + "' has an unreadable " + key);
        }
    }


}
