package org.flowlab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.flowlab.io.AtomicFiles;

/** Writes "x,y" rows with a header, atomically (temporary file, then rename). */
final class CsvPointsWriter {

    private CsvPointsWriter() {
    }

    static void write(Path file, float[] xy) throws IOException {
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("x,y\n");
            for (int i = 0; i < xy.length / 2; i++) {
                w.write(String.format(Locale.ROOT, "%.6f,%.6f%n", xy[2 * i], xy[2 * i + 1]));
            }
            w.flush();
        });
    }

    /** "x,y,label" rows: each point with its class name (commas in a name become spaces). */
    static void write(Path file, float[] xy, String[] labels) throws IOException {
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("x,y,label\n");
            for (int i = 0; i < xy.length / 2; i++) {
                w.write(String.format(Locale.ROOT, "%.6f,%.6f,%s%n", xy[2 * i], xy[2 * i + 1],
                        labels[i].replace(',', ' ').replace(';', ' ')));
            }
            w.flush();
        });
    }
}
