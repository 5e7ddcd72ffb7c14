package org.flowlab.density;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.flowlab.io.Budgets;

/**
 * Points read from a CSV file, and what was skipped. The accepted forms, exactly (README, "CSV"):
 * <ul>
 *   <li>{@code x,y} — two decimal numbers ('.' for decimals, optional exponent) separated by a comma; a
 *       semicolon, a tab or spaces may separate them instead;</li>
 *   <li>{@code x,y,label} on every row — a labelled target: the label is an integer or a text (not a decimal
 *       number), all rows of one kind (labels mixing numbers and text are refused); at most
 *       {@link DensityClass#MAX} distinct labels. Integer labels become classes in increasing order, text labels in
 *       order of first appearance. When only some rows have a label the file is read as before: a text-labelled
 *       row as its point (the note says the labels are unused), a row of three numbers skipped;</li>
 *   <li>an optional header (the first row, no numbers in it), blank lines, lines starting with '#'.</li>
 * </ul>
 * Any other row is skipped and counted, with the reason, so a European {@code 0,1;0,2} (decimal commas) or an
 * {@code x,y,z} row is never silently read as something else. Fails when no point remains.
 *
 * @param xy       [x0, y0, x1, y1, …]
 * @param labelled rows of the {@code x,y,label} form
 * @param skipped  rows skipped
 * @param examples the first few skipped rows, "line 4: …"
 * @param labels   the class of each point (0 … K−1), or null when no row has a label
 * @param classes  the class names in class order (empty without labels)
 */
public record CsvPoints(float[] xy, int labelled, int skipped, List<String> examples, int[] labels,
                        List<String> classes) {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");

    /** CSV files larger than this are refused. */
    public static final long MAX_BYTES = 200L * 1024 * 1024;
    private static final int EXAMPLES = 3;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Commas, semicolons or tabs separate fields when a row has any (a label may hold spaces); else spaces. */
    private static final Pattern SEPARATOR = Pattern.compile("\\s*[,;\\t]\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    public int count() {
        return xy.length / 2;
    }

    /** One sentence on what was not read as given (skipped rows, unused labels), or null when everything was. */
    public String note(String file) {
        List<String> parts = new ArrayList<>();
        if (skipped > 0) {
            parts.add("skipped " + skipped + " of " + (skipped + count()) + " rows of '" + file + "' ("
                    + String.join("; ", examples) + (skipped > examples.size() ? "; …" : "") + ")");
        }
        if (labels == null && labelled > 0) {
            parts.add("the labels in column 3 of " + labelled + " rows of '" + file + "' are not used: a labelled "
                    + "file needs a label on every row");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Reads a CSV file of points; a {@link DensityException} says why when it cannot. */
    public static CsvPoints read(Path path) {
        String name = path.getFileName().toString();
        try {
            long bytes = Files.size(path);
            if (bytes > MAX_BYTES) {
                throw new DensityException("'" + name + "' is too large (" + Budgets.bytes(bytes) + "; at most "
                        + Budgets.bytes(MAX_BYTES) + ")");
            }
            float[] pts = new float[1024];
            int n = 0;
            int labelled = 0;
            int skipped = 0;
            List<String> examples = new ArrayList<>();
            boolean first = true;
            int lineNo = 0;
            String[] rowLabels = new String[1024];
            int[] rowLines = new int[1024];
            boolean[] rowInteger = new boolean[1024];
            String[] rowText = new String[1024];
            String firstNumeric = null;
            String firstText = null;
            try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    String s = line.strip();
                    if (s.isEmpty() || s.startsWith("#")) {
                        continue;
                    }
                    boolean header = first;
                    first = false;
                    String[] f = (SEPARATOR.matcher(s).find() ? SEPARATOR : SPACES).split(s);
                    String problem = problem(s, f);
                    if (problem == null) {
                        if (2 * n + 2 > pts.length) {
                            pts = Arrays.copyOf(pts, pts.length * 2);
                        }
                        pts[2 * n] = Float.parseFloat(f[0]);
                        pts[2 * n + 1] = Float.parseFloat(f[1]);
                        if (n >= rowLabels.length) {
                            rowLabels = Arrays.copyOf(rowLabels, rowLabels.length * 2);
                            rowLines = Arrays.copyOf(rowLines, rowLabels.length);
                            rowInteger = Arrays.copyOf(rowInteger, rowLabels.length);
                            rowText = Arrays.copyOf(rowText, rowLabels.length);
                        }
                        rowLines[n] = lineNo;
                        if (f.length == 3) {
                            String label = f[2].strip();
                            if (INTEGER.matcher(label).matches()) {
                                label = Integer.toString(Integer.parseInt(label));
                                rowInteger[n] = true;
                                rowText[n] = clip(s);
                                firstNumeric = firstNumeric == null ? "line " + lineNo + " (" + clip(f[2]) + ")"
                                        : firstNumeric;
                            } else {
                                firstText = firstText == null ? "line " + lineNo + " (" + clip(f[2]) + ")"
                                        : firstText;
                            }
                            rowLabels[n] = label;
                            labelled++;
                        }
                        n++;
                        continue;
                    }
                    if (header && Arrays.stream(f).noneMatch(v -> NUMBER.matcher(v).matches())) {
                        continue;
                    }
                    skipped++;
                    if (examples.size() < EXAMPLES) {
                        examples.add("line " + lineNo + " " + problem);
                    }
                }
            }
            if (n == 0) {
                throw new DensityException("'" + name + "' has no rows of two numbers (expected lines like "
                        + "\"0.5,-1.2\")" + (examples.isEmpty() ? "" : ": " + String.join("; ", examples)));
            }
            if (labelled < n) {
                // Not every row has a label: an unlabelled file as before. Rows of three numbers are skipped (an
                // x,y,z row), rows with a text label are read as their points (the note says the labels are unused).
                return unlabelled(pts, n, rowLabels, rowLines, rowInteger, rowText, skipped, examples);
            }
            if (firstNumeric != null && firstText != null) {
                throw new DensityException("the labels of '" + name + "' mix numbers and text (" + firstNumeric
                        + ", " + firstText + "); use one kind for all rows");
            }
            // Classes: integers in increasing order, texts in order of first appearance; unlabelled rows left out.
            java.util.LinkedHashMap<String, Integer> order = new java.util.LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (rowLabels[i] != null && !order.containsKey(rowLabels[i])) {
                    order.put(rowLabels[i], order.size());
                    names.add(rowLabels[i]);
                    if (names.size() > DensityClass.MAX) {
                        throw new DensityException("'" + name + "' has more than " + DensityClass.MAX
                                + " distinct labels (FlowLab handles at most " + DensityClass.MAX + " classes)");
                    }
                }
            }
            if (firstNumeric != null) {
                names.sort(java.util.Comparator.comparingInt(Integer::parseInt));
            }
            java.util.Map<String, Integer> index = new java.util.HashMap<>();
            for (int k = 0; k < names.size(); k++) {
                index.put(names.get(k), k);
            }
            float[] kept = new float[2 * labelled];
            int[] labels = new int[labelled];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (rowLabels[i] != null) {
                    kept[2 * m] = pts[2 * i];
                    kept[2 * m + 1] = pts[2 * i + 1];
                    labels[m++] = index.get(rowLabels[i]);
                }
            }
            return new CsvPoints(kept, labelled, skipped, List.copyOf(examples), labels, List.copyOf(names));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DensityException("'" + name + "' is not a text file", e);
        } catch (NoSuchFileException e) {
            throw new DensityException("'" + path + "' does not exist", e);
        } catch (IOException e) {
            throw new DensityException("cannot read '" + name + "'"
                    + (e.getMessage() == null || e.getMessage().equals(path.toString()) ? "" : ": " + e.getMessage()), e);
        }
    }

    /** A file where only some rows have a label: the x,y rows and text-labelled rows, without classes. */
    private static CsvPoints unlabelled(float[] pts, int n, String[] rowLabels, int[] rowLines, boolean[] rowInteger,
                                        String[] rowText, int skipped, List<String> examples) {
        float[] kept = new float[2 * n];
        int m = 0;
        int textLabels = 0;
        List<int[]> order = new ArrayList<>();          // {line, index into notes}
        List<String> notes = new ArrayList<>();
        for (String e : examples) {
            order.add(new int[]{Integer.parseInt(e.substring(5, e.indexOf(' ', 5))), notes.size()});
            notes.add(e);
        }
        for (int i = 0; i < n; i++) {
            if (rowInteger[i]) {
                skipped++;
                order.add(new int[]{rowLines[i], notes.size()});
                notes.add("line " + rowLines[i] + " has 3 numbers (\"" + rowText[i] + "\"; expected x,y or "
                        + "x,y,label)");
                continue;
            }
            textLabels += rowLabels[i] != null ? 1 : 0;
            kept[2 * m] = pts[2 * i];
            kept[2 * m + 1] = pts[2 * i + 1];
            m++;
        }
        order.sort(java.util.Comparator.comparingInt(a -> a[0]));
        List<String> first = new ArrayList<>();
        for (int j = 0; j < Math.min(EXAMPLES, order.size()); j++) {
            first.add(notes.get(order.get(j)[1]));
        }
        if (m == 0) {
            throw new DensityException("no rows of two numbers (expected lines like \"0.5,-1.2\"): "
                    + String.join("; ", first));
        }
        return new CsvPoints(Arrays.copyOf(kept, 2 * m), textLabels, skipped, List.copyOf(first), null, List.of());
    }

    /** Why a row is not a point of an accepted form, or null when it is one. */
    private static String problem(String row, String[] f) {
        int kinds = (row.indexOf(',') >= 0 ? 1 : 0) + (row.indexOf(';') >= 0 ? 1 : 0) + (row.indexOf('\t') >= 0 ? 1 : 0);
        if (kinds > 1 && f.length > 3) {
            return "mixes separators (\"" + clip(row) + "\"; decimal commas? write 0.1, not 0,1)";
        }
        if (f.length == 1) {
            return "has one value (\"" + clip(row) + "\"; expected x,y)";
        }
        if (f.length > 3) {
            return "has " + f.length + " values (\"" + clip(row) + "\"; expected x,y or x,y,label)";
        }
        for (int i = 0; i < 2; i++) {
            if (!NUMBER.matcher(f[i]).matches()) {
                return "has \"" + clip(f[i]) + "\" where a number belongs";
            }
            if (!Float.isFinite(Float.parseFloat(f[i]))) {
                return "has a value too large for a point (\"" + clip(f[i]) + "\")";
            }
        }
        if (f.length == 3 && NUMBER.matcher(f[2]).matches() && !INTEGER.matcher(f[2].strip()).matches()) {
            return "has 3 numbers (\"" + clip(row) + "\"; expected x,y or x,y,label with an integer or text label)";
        }
        return null;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "…";
    }
}
