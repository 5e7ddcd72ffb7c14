package org.flowlab.cli;

import java.nio.file.Path;
import org.flowlab.density.CsvPoints;

/** What an input gave other than asked (rows of a CSV that were skipped, and why), printed as "note: …" lines. */
final class Notes {

    private Notes() {
    }

    static void print(String note) {
        System.out.println("note: " + note);
    }

    /** The points of a CSV file, printing which rows were skipped. */
    static float[] points(Path csv) {
        CsvPoints read = CsvPoints.read(csv);
        String note = read.note(csv.getFileName().toString());
        if (note != null) {
            print(note);
        }
        return read.xy();
    }
}
