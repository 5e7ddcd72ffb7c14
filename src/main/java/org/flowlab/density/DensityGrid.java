package org.flowlab.density;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A non-negative mass on a square grid of {@code size × size} cells covering [−L, L]², L = halfWidth.
 *
 * <p>Cell (col, row) covers x ∈ [−L + col·c, −L + (col+1)·c], y ∈ [L − (row+1)·c, L − row·c], c = 2L/size:
 * row 0 is the top, as in an image. Masses are unnormalised weights in [0, 1] (the brush saturates);
 * {@link #sampler()} normalises. Not thread-safe: one owner (the UI or a CLI command) edits it, and hands
 * other threads an immutable {@link GridSampler} or {@link #copyMass() copy}.
 *
 * <p>Undo and redo work on whole edits: {@link #beginEdit()} records the state before a stroke, clear or load.
 *
 * <p><b>Classes.</b> A grid holds K ∈ [1, {@link DensityClass#MAX}] classes. With one class (every grid until
 * something labelled is loaded or a second colour is painted) it is exactly the single mass array it always was.
 * With K &gt; 1 each class k has its own layer m_k ≥ 0 and the grid's mass is their sum m = Σ_k m_k (what
 * {@link #get}, {@link #copyMass} and {@link #sampler} see: the unconditional target). Class k's share of the
 * mass is π_k = Σ m_k / Σ m; {@link #labelledSampler} draws (x, y) from the joint.
 */
public final class DensityGrid {

    public static final int DEFAULT_SIZE = 256;
    public static final double DEFAULT_HALF_WIDTH = 4.0;
    private static final int UNDO_LIMIT = 64;
    /** Erasing snaps masses below this to zero. */
    public static final double ERASE_FLOOR = 1e-3;

    private final int size;
    private final double halfWidth;
    private final float[] mass;
    /** Per-class masses when K &gt; 1 (their sum is {@link #mass}); null with one class. */
    private float[][] layers;
    private List<DensityClass> classes = List.of(DensityClass.standard(0));
    private final Deque<State> undo = new ArrayDeque<>();
    private final Deque<State> redo = new ArrayDeque<>();
    private long version;

    /** What undo restores: the masses, and the layers and classes when there are several. */
    private record State(float[] mass, float[][] layers, List<DensityClass> classes) {
    }

    private State state() {
        float[][] l = null;
        if (layers != null) {
            l = new float[layers.length][];
            for (int k = 0; k < l.length; k++) {
                l[k] = layers[k].clone();
            }
        }
        return new State(mass.clone(), l, classes);
    }

    private void restore(State st) {
        System.arraycopy(st.mass(), 0, mass, 0, mass.length);
        layers = st.layers();
        classes = st.classes();
    }

    public DensityGrid() {
        this(DEFAULT_SIZE, DEFAULT_HALF_WIDTH);
    }

    public DensityGrid(int size, double halfWidth) {
        if (size < 2 || size > 4096) {
            throw new IllegalArgumentException("grid size must be in [2, 4096], got " + size);
        }
        if (!(halfWidth > 0)) {
            throw new IllegalArgumentException("half width must be positive");
        }
        this.size = size;
        this.halfWidth = halfWidth;
        this.mass = new float[size * size];
    }

    public int size() {
        return size;
    }

    public double halfWidth() {
        return halfWidth;
    }

    public double cellSize() {
        return 2 * halfWidth / size;
    }

    /** Increases on every change; lets observers tell whether the density they used is still current. */
    public long version() {
        return version;
    }

    public float get(int col, int row) {
        return mass[row * size + col];
    }

    /** A copy of the masses, row-major from the top row. */
    public float[] copyMass() {
        return mass.clone();
    }

    public double totalMass() {
        double s = 0;
        for (float m : mass) {
            s += m;
        }
        return s;
    }

    public boolean isEmpty() {
        return !(totalMass() > 0);
    }

    public double colToX(double col) {
        return -halfWidth + col * cellSize();
    }

    public double rowToY(double row) {
        return halfWidth - row * cellSize();
    }

    public double xToCol(double x) {
        return (x + halfWidth) / cellSize();
    }

    public double yToRow(double y) {
        return (halfWidth - y) / cellSize();
    }

    /** Records the current state for {@link #undo()}; call once before each stroke, clear or load. */
    public void beginEdit() {
        undo.push(state());
        if (undo.size() > UNDO_LIMIT) {
            undo.removeLast();
        }
        redo.clear();
    }

    /** Forgets undo and redo (e.g. for the state a document was opened in). */
    public void clearHistory() {
        undo.clear();
        redo.clear();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        redo.push(state());
        restore(undo.pop());
        version++;
        return true;
    }

    public boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        undo.push(state());
        restore(redo.pop());
        version++;
        return true;
    }

    /** Sets every cell to zero (one undoable edit). */
    public void clear() {
        beginEdit();
        Arrays.fill(mass, 0);
        if (layers != null) {
            for (float[] l : layers) {
                Arrays.fill(l, 0);
            }
        }
        version++;
    }

    /** Replaces all masses (one undoable edit); values must be finite and ≥ 0. */
    public void replace(float[] newMass) {
        if (newMass.length != mass.length) {
            throw new IllegalArgumentException("expected " + mass.length + " cells, got " + newMass.length);
        }
        for (float m : newMass) {
            if (!(m >= 0) || Float.isInfinite(m)) {
                throw new DensityException("density has a negative or non-finite cell");
            }
        }
        beginEdit();
        System.arraycopy(newMass, 0, mass, 0, mass.length);
        layers = null;
        classes = List.of(DensityClass.standard(0));
        version++;
    }

    /** K ≥ 1, the number of classes. */
    public int classCount() {
        return classes.size();
    }

    public boolean labelled() {
        return classes.size() > 1;
    }

    public List<DensityClass> classes() {
        return classes;
    }

    /** A copy of class k's masses (the whole mass when there is one class). */
    public float[] copyClassMass(int k) {
        checkClass(k);
        return layers == null ? mass.clone() : layers[k].clone();
    }

    /** Σ m_k over the cells of class k. */
    public double classMass(int k) {
        checkClass(k);
        if (layers == null) {
            return totalMass();
        }
        double s = 0;
        for (float m : layers[k]) {
            s += m;
        }
        return s;
    }

    public float getClass(int k, int col, int row) {
        checkClass(k);
        return layers == null ? mass[row * size + col] : layers[k][row * size + col];
    }

    private void checkClass(int k) {
        if (k < 0 || k >= classes.size()) {
            throw new IllegalArgumentException("no class " + k + " (the density has " + classes.size() + ")");
        }
    }

    /**
     * Replaces all masses by K labelled layers (one undoable edit); K = 1 is {@link #replace}. Values must be
     * finite and ≥ 0.
     */
    public void replaceLabelled(List<DensityClass> newClasses, float[][] newLayers) {
        if (newClasses.size() != newLayers.length || newClasses.isEmpty()) {
            throw new IllegalArgumentException("need one mass layer per class");
        }
        if (newClasses.size() > DensityClass.MAX) {
            throw new DensityException("the target has " + newClasses.size() + " classes; FlowLab handles at most "
                    + DensityClass.MAX);
        }
        if (newLayers.length == 1) {
            replace(newLayers[0]);
            return;
        }
        float[] sum = new float[mass.length];
        for (float[] l : newLayers) {
            if (l.length != mass.length) {
                throw new IllegalArgumentException("expected " + mass.length + " cells, got " + l.length);
            }
            for (int i = 0; i < l.length; i++) {
                if (!(l[i] >= 0) || Float.isInfinite(l[i])) {
                    throw new DensityException("density has a negative or non-finite cell");
                }
                sum[i] += l[i];
            }
        }
        beginEdit();
        System.arraycopy(sum, 0, mass, 0, mass.length);
        layers = new float[newLayers.length][];
        for (int k = 0; k < newLayers.length; k++) {
            layers[k] = newLayers[k].clone();
        }
        classes = List.copyOf(newClasses);
        version++;
    }

    /**
     * Makes sure class k exists, adding classes up to it from the palette (inside the current edit: call after
     * {@link #beginEdit()}). Going from one class to several, the existing mass becomes class 0.
     */
    public void ensureClass(int k) {
        if (k < classes.size()) {
            return;
        }
        if (k >= DensityClass.MAX) {
            throw new IllegalArgumentException("at most " + DensityClass.MAX + " classes");
        }
        float[][] next = new float[k + 1][];
        for (int j = 0; j <= k; j++) {
            next[j] = layers != null && j < layers.length ? layers[j]
                    : j == 0 && layers == null ? mass.clone() : new float[mass.length];
        }
        List<DensityClass> names = new ArrayList<>(classes);
        for (int j = classes.size(); j <= k; j++) {
            names.add(DensityClass.standard(j));
        }
        layers = next;
        classes = List.copyOf(names);
        version++;
    }

    /** Renames or recolours class k (one undoable edit). */
    public void setClass(int k, DensityClass c) {
        checkClass(k);
        beginEdit();
        List<DensityClass> names = new ArrayList<>(classes);
        names.set(k, c);
        classes = List.copyOf(names);
        version++;
    }

    /**
     * {@link #stamp(double, double, double, double, boolean)} on one class: painting adds to class k's layer
     * (creating the class if needed, see {@link #ensureClass}); erasing with k ≥ 0 removes class k only, with
     * k = −1 every class.
     */
    public void stamp(double x, double y, double radius, double strength, boolean erase, int k) {
        if (layers == null && k <= 0) {
            // One class: class 0 and "all" are the single mass array, stamped exactly as before.
            stamp(x, y, radius, strength, erase);
            return;
        }
        if (erase && k >= classes.size()) {
            return;     // nothing of that class to erase
        }
        if (k >= 0) {
            ensureClass(k);
        }
        int chosen = k;
        stampCells(x, y, radius, strength, idx -> chosen, erase);
    }

    @FunctionalInterface
    private interface ClassChoice {
        int of(int idx);
    }

    private void stampCells(double x, double y, double radius, double strength, ClassChoice choice, boolean erase) {
        boolean changed = brushCells(x, y, radius, strength, (idx, w) -> {
            int k = choice.of(idx);
            float total = 0;
            for (int j = 0; j < layers.length; j++) {
                if (j == k || (erase && k < 0)) {
                    layers[j][idx] = (float) brushed(layers[j][idx], w, erase);
                }
                total += layers[j][idx];
            }
            mass[idx] = total;
        });
        if (changed) {
            version++;
        }
    }

    /** As {@link #strokeSegment(double, double, double, double, double, double, boolean)} on class k (−1: all). */
    public void strokeSegment(double x0, double y0, double x1, double y1, double radius, double strength,
                              boolean erase, int k) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(len / Math.max(radius * 0.25, cellSize() * 0.5)));
        for (int i = 1; i <= steps; i++) {
            double f = (double) i / steps;
            stamp(x0 + f * (x1 - x0), y0 + f * (y1 - y0), radius, strength, erase, k);
        }
    }

    /**
     * Labelled points onto K layers: each point spread bilinearly (as {@link #splat}) onto its class's layer,
     * then all layers scaled by one factor so the largest total cell is 1 — so each class keeps its share of the
     * points as its share of the mass. One undoable edit.
     *
     * @return how many points of each class fell inside the domain; when one of them is 0 nothing is changed
     */
    public int[] splatLabelled(float[] xy, int[] labels, int n, List<DensityClass> newClasses) {
        int kk = newClasses.size();
        double[][] acc = new double[kk][mass.length];
        int[] inside = new int[kk];
        for (int i = 0; i < n; i++) {
            double fx = xToCol(xy[2 * i]) - 0.5;
            double fy = yToRow(xy[2 * i + 1]) - 0.5;
            if (!(fx > -0.5 && fx < size - 0.5 && fy > -0.5 && fy < size - 0.5)) {
                continue;
            }
            int k = labels[i];
            inside[k]++;
            int c0 = (int) Math.floor(fx);
            int r0 = (int) Math.floor(fy);
            double ax = fx - c0;
            double ay = fy - r0;
            add(acc[k], c0, r0, (1 - ax) * (1 - ay));
            add(acc[k], c0 + 1, r0, ax * (1 - ay));
            add(acc[k], c0, r0 + 1, (1 - ax) * ay);
            add(acc[k], c0 + 1, r0 + 1, ax * ay);
        }
        for (int k = 0; k < kk; k++) {
            if (inside[k] == 0) {
                return inside;      // a class without mass: refused by the caller, the grid is left as it was
            }
        }
        double max = 0;
        for (int i = 0; i < mass.length; i++) {
            double t = 0;
            for (int k = 0; k < kk; k++) {
                t += acc[k][i];
            }
            max = Math.max(max, t);
        }
        if (!(max > 0)) {
            return inside;
        }
        float[][] next = new float[kk][mass.length];
        for (int k = 0; k < kk; k++) {
            for (int i = 0; i < mass.length; i++) {
                next[k][i] = (float) (acc[k][i] / max);
            }
        }
        replaceLabelled(newClasses, next);
        return inside;
    }

    /**
     * An immutable sampler of (x, y) pairs: a cell from the total mass (as {@link #sampler}), then the class
     * within it with probability m_k / m. One class: label 0 always.
     */
    public LabelledSampler labelledSampler() {
        GridSampler total = sampler();
        if (layers == null) {
            return new GridSampler.Labelled(total, null, null, new double[]{1});
        }
        int kk = layers.length;
        float[][] l = new float[kk][];
        GridSampler[] perClass = new GridSampler[kk];
        double[] shares = new double[kk];
        double all = 0;
        for (int k = 0; k < kk; k++) {
            l[k] = layers[k].clone();
            shares[k] = classMass(k);
            all += shares[k];
        }
        for (int k = 0; k < kk; k++) {
            shares[k] /= all;
            if (shares[k] > 0) {
                perClass[k] = new GridSampler(size, halfWidth, version, l[k]);
            }
        }
        return new GridSampler.Labelled(total, l, perClass, shares);
    }

    /**
     * Stamps a soft round brush centred at (x, y) in domain units, without recording undo
     * (a stroke is many stamps after one {@link #beginEdit()}).
     *
     * <p>Weight w(d) = strength·(1 − (d/r)²)² for distance d &lt; r. Painting saturates towards 1:
     * m ← m + w·(1 − m); erasing scales down: m ← m·(1 − w), and a residue below {@link #ERASE_FLOOR} becomes 0,
     * so an erased region really is empty rather than faintly sampled. Both keep m in [0, 1].
     *
     * @param radius   brush radius in domain units
     * @param strength in (0, 1]
     */
    public void stamp(double x, double y, double radius, double strength, boolean erase) {
        if (brushCells(x, y, radius, strength, (idx, w) -> mass[idx] = (float) brushed(mass[idx], w, erase))) {
            version++;
        }
    }

    /** A brushed cell: its index and the brush weight w = s·(1 − q)² at its centre (q = d²/r²). */
    @FunctionalInterface
    private interface BrushCell {
        void accept(int idx, double w);
    }

    /**
     * Visits the cells whose centres lie inside the brush of radius max(radius, half a cell) at (x, y), with weight
     * w = s·(1 − d²/r²)², s = strength clamped to [0, 1]; returns whether any cell was visited.
     */
    private boolean brushCells(double x, double y, double radius, double strength, BrushCell cell) {
        double c = cellSize();
        double r = Math.max(radius, c * 0.5);
        double s = Math.max(0, Math.min(1, strength));
        int col0 = Math.max(0, (int) Math.floor(xToCol(x - r)));
        int col1 = Math.min(size - 1, (int) Math.floor(xToCol(x + r)));
        int row0 = Math.max(0, (int) Math.floor(yToRow(y + r)));
        int row1 = Math.min(size - 1, (int) Math.floor(yToRow(y - r)));
        boolean changed = false;
        for (int row = row0; row <= row1; row++) {
            double cy = rowToY(row + 0.5);
            for (int col = col0; col <= col1; col++) {
                double cx = colToX(col + 0.5);
                double q = ((cx - x) * (cx - x) + (cy - y) * (cy - y)) / (r * r);
                if (q >= 1) {
                    continue;
                }
                double w = s * (1 - q) * (1 - q);
                int idx = row * size + col;
                cell.accept(idx, w);
                changed = true;
            }
        }
        return changed;
    }

    /** Brush on m ∈ [0, 1]: paint m + w(1 − m), erase m(1 − w) (and to 0 below {@link #ERASE_FLOOR}). */
    private static double brushed(float m, double w, boolean erase) {
        double next = erase ? m * (1 - w) : m + w * (1 - m);
        return erase && next < ERASE_FLOOR ? 0 : next;
    }

    /** Stamps along the segment from (x0, y0) to (x1, y1), spaced a quarter radius apart. */
    public void strokeSegment(double x0, double y0, double x1, double y1, double radius, double strength,
                              boolean erase) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        int k = Math.max(1, (int) Math.ceil(len / Math.max(radius * 0.25, cellSize() * 0.5)));
        for (int i = 1; i <= k; i++) {
            double f = (double) i / k;
            stamp(x0 + f * (x1 - x0), y0 + f * (y1 - y0), radius, strength, erase);
        }
    }

    /**
     * Adds points to the grid, each spread bilinearly over its four nearest cell centres with weight
     * {@code weight}, then rescales so the largest cell is 1. Points outside the domain are skipped.
     *
     * @return how many points fell inside the domain
     */
    public int splat(float[] xy, int n, double weight) {
        double[] acc = new double[mass.length];
        int inside = 0;
        for (int i = 0; i < n; i++) {
            double fx = xToCol(xy[2 * i]) - 0.5;
            double fy = yToRow(xy[2 * i + 1]) - 0.5;
            if (!(fx > -0.5 && fx < size - 0.5 && fy > -0.5 && fy < size - 0.5)) {
                continue;
            }
            inside++;
            int c0 = (int) Math.floor(fx);
            int r0 = (int) Math.floor(fy);
            double ax = fx - c0;
            double ay = fy - r0;
            add(acc, c0, r0, (1 - ax) * (1 - ay) * weight);
            add(acc, c0 + 1, r0, ax * (1 - ay) * weight);
            add(acc, c0, r0 + 1, (1 - ax) * ay * weight);
            add(acc, c0 + 1, r0 + 1, ax * ay * weight);
        }
        double max = 0;
        for (double v : acc) {
            max = Math.max(max, v);
        }
        if (inside == 0 || max <= 0) {
            return 0;
        }
        float[] next = new float[mass.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = (float) (acc[i] / max);
        }
        replace(next);
        return inside;
    }

    private void add(double[] acc, int col, int row, double w) {
        if (col >= 0 && col < size && row >= 0 && row < size) {
            acc[row * size + col] += w;
        }
    }

    /**
     * An immutable sampler of the current (normalised) density.
     *
     * @throws DensityException when the grid holds no mass
     */
    public GridSampler sampler() {
        return new GridSampler(this);
    }
}
