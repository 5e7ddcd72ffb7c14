package org.flowlab.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.flowlab.io.BadFileException;
import org.flowlab.train.LossHistory;

/**
 * The {@code .flowlab} file: a zip holding
 * <ul>
 *   <li>{@code session.properties} — format name and version, density size/domain/source, app settings
 *       ({@code app.*});</li>
 *   <li>the model entries of {@link ModelFile} (so {@code sample}/{@code render} read a session as a model);</li>
 *   <li>{@code density.f32} — the grid masses; {@code loss-*.f32} / {@code loss-*-steps.i64} — the histories.</li>
 * </ul>
 * Writes are atomic. Reads cap entry sizes and counts, never deserialise Java objects, check every length,
 * and turn any corruption (truncation, a flipped bit caught by the zip CRC, an oversized entry, a newer
 * version) into a {@link BadFileException} whose message can be shown as it is; nothing is changed on failure.
 */
public final class SessionFile {

    public static final String FORMAT = "flowlab-session";
    public static final int VERSION = 1;
    public static final String EXTENSION = ".flowlab";
    static final String PROPERTIES = "session.properties";
    static final String DENSITY = "density.f32";
    static final String TRAIN_LOSS = "loss-train.f32";
    static final String TRAIN_STEPS = "loss-train-steps.i64";
    static final String VAL_LOSS = "loss-validation.f32";
    static final String VAL_STEPS = "loss-validation-steps.i64";
    private static final long MAX_ENTRY = 512L * 1024 * 1024;
    private static final int MAX_ENTRIES = 64;

    private SessionFile() {
    }

    public static void save(Path file, Session s) throws IOException {
        ZipEntries.writeAtomically(file, zip -> write(zip, s));
    }

    static void write(ZipOutputStream zip, Session s) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("version", Integer.toString(VERSION));
        p.setProperty("density.size", Integer.toString(s.densitySize()));
        p.setProperty("density.halfWidth", Double.toString(s.halfWidth()));
        p.setProperty("density.source", s.densitySource() == null ? "" : s.densitySource());
        s.appSettings().forEach((k, v) -> p.setProperty("app." + k, v));
        zip.putNextEntry(new ZipEntry(PROPERTIES));
        ByteArrayOutputStream props = new ByteArrayOutputStream();
        p.store(props, "FlowLab session");
        zip.write(props.toByteArray());
        zip.closeEntry();
        ModelFile.write(zip, s.weights(), s.averaged(), s.training());
        ZipEntries.put(zip, DENSITY, ZipEntries.encodeFloats(s.densityMass()));
        ZipEntries.put(zip, TRAIN_LOSS, ZipEntries.encodeFloats(s.trainLoss().valuesCopy()));
        ZipEntries.put(zip, TRAIN_STEPS, ZipEntries.encodeLongs(s.trainLoss().stepsCopy()));
        ZipEntries.put(zip, VAL_LOSS, ZipEntries.encodeFloats(s.validationLoss().valuesCopy()));
        ZipEntries.put(zip, VAL_STEPS, ZipEntries.encodeLongs(s.validationLoss().stepsCopy()));
    }


    public static Session load(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new BadFileException("'" + file + "' does not exist or is not a file");
        }
        ZipEntries.checkStructure(file, MAX_ENTRIES);
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (entries.size() >= MAX_ENTRIES) {
                    throw new BadFileException("'" + name + "' has too many entries to be a FlowLab session");
                }
                entries.put(e.getName(), ZipEntries.readBounded(zip, MAX_ENTRY, name));
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new BadFileException("'" + name + "' is damaged and cannot be opened (" + e.getMessage() + ")", e);
        }
        byte[] props = entries.get(PROPERTIES);
        if (props == null) {
            throw new BadFileException("'" + name + "' is not a FlowLab session (no " + PROPERTIES + ")");
        }
        Properties p = properties(props, name);
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new BadFileException("'" + name + "' is not a FlowLab session");
        }
        int version = parseInt(p, "version", name);
        if (version > VERSION) {
            throw new BadFileException("'" + name + "' was saved by a newer FlowLab (session format " + version
                    + "; this version opens up to " + VERSION + "). Please update FlowLab.");
        }
        int size = parseInt(p, "density.size", name);
        if (size < 2 || size > 4096) {
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
        float[] mass = ZipEntries.decodeFloats(required(entries, DENSITY, name), (long) size * size, DENSITY, name);
        for (float m : mass) {
            if (!(m >= 0) || Float.isInfinite(m)) {
                throw new BadFileException("'" + name + "' holds a negative or non-finite density");
            }
        }
        Properties modelProps = properties(required(entries, "flowlab-model.properties", name), name);
        ModelFile.Contents model = ModelFile.fromParts(modelProps, required(entries, "params.f32", name),
                entries.get(ModelFile.UPDATER), entries.get(ModelFile.AVERAGE), name);
        if (model.training() == null) {
            throw new BadFileException("'" + name + "' lacks its training settings");
        }
        LossHistory.View train = history(entries, TRAIN_STEPS, TRAIN_LOSS, name);
        LossHistory.View val = history(entries, VAL_STEPS, VAL_LOSS, name);
        Map<String, String> app = new HashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("app.")) {
                app.put(k.substring(4), p.getProperty(k));
            }
        }
        return new Session(mass, size, half, p.getProperty("density.source", ""), model.training(), model.weights(),
                model.averaged(),
                train, val, app);
    }

    private static LossHistory.View history(Map<String, byte[]> entries, String stepsName, String valuesName,
                                            String name) throws IOException {
        byte[] s = required(entries, stepsName, name);
        long[] steps = ZipEntries.decodeLongs(s, stepsName, name);
        float[] values = ZipEntries.decodeFloats(required(entries, valuesName, name), steps.length, valuesName, name);
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] <= steps[i - 1]) {
                throw new BadFileException("'" + name + "': " + stepsName + " is not increasing");
            }
        }
        return LossHistory.View.of(steps, values);
    }

    private static byte[] required(Map<String, byte[]> entries, String entry, String name) throws IOException {
        byte[] b = entries.get(entry);
        if (b == null) {
            throw new BadFileException("'" + name + "' is incomplete (missing " + entry + ")");
        }
        return b;
    }

    /** Parses a properties entry; a malformed escape (IllegalArgumentException from Properties) is damage. */
    private static Properties properties(byte[] bytes, String name) throws IOException {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.ISO_8859_1)));
        } catch (IllegalArgumentException e) {
            throw new BadFileException("'" + name + "' is damaged (" + e.getMessage() + ")", e);
        }
        return p;
    }

    private static int parseInt(Properties p, String key, String name) throws IOException {
        try {
            return Integer.parseInt(p.getProperty(key, "?").strip());
        } catch (NumberFormatException e) {
            throw new BadFileException("'" + name + "' has an unreadable " + key);
        }
    }


}
