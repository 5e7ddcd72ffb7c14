package org.flowlab.density;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A non-negative mass on a square grid of {@code size × size} cells covering [−L, L]², L = halfWidth.
 *
 * <p>Cell (col, row) covers x ∈ [−L + col·c, −L + (col+1)·c], y ∈ [L − (row+1)·c, L − row·c], c = 2L/size:
 * row 0 is the top, as in an image. Masses are unnormalised weights in [0, 1] (the brush saturates);
 * {@link #sampler()} normalises. Not thread-safe: one owner (the UI or a CLI command) edits it, and hands
 * other threads an immutable {@link GridSampler} or {@link #copyMass() copy}.
 *
 * <p>Undo and redo work on whole edits: {@link #beginEdit()} records the state before a stroke, clear or load.
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
    private final Deque<float[]> undo = new ArrayDeque<>();
    private final Deque<float[]> redo = new ArrayDeque<>();
    private long version;

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
        undo.push(mass.clone());
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
        redo.push(mass.clone());
        System.arraycopy(undo.pop(), 0, mass, 0, mass.length);
        version++;
        return true;
    }

    public boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        undo.push(mass.clone());
        System.arraycopy(redo.pop(), 0, mass, 0, mass.length);
        version++;
        return true;
    }

    /** Sets every cell to zero (one undoable edit). */
    public void clear() {
        beginEdit();
        Arrays.fill(mass, 0);
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
        version++;
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
                float m = mass[idx];
                double next = erase ? m * (1 - w) : m + w * (1 - m);
                mass[idx] = (float) (erase && next < ERASE_FLOOR ? 0 : next);
                changed = true;
            }
        }
        if (changed) {
            version++;
        }
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
