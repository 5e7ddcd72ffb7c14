package org.flowlab.nn;

/**
 * Which class a conditional network is asked about, and how strongly: classifier-free guidance
 * v_w(x, t | y) = v(x, t, ∅) + w · (v(x, t, y) − v(x, t, ∅)), w ≥ 0. w = 0 is the null-class (unconditional) field,
 * w = 1 the plain conditional field, w &gt; 1 pushes each class away from the others.
 *
 * @param label    the class y of every row (0 … K−1), or {@link #NULL} for the null class ∅ (then w is unused)
 * @param perRow   one class per row instead (length = the rows evaluated, e.g. particles drawn in proportion to
 *                 class mass), or null
 * @param guidance w, finite and ≥ 0
 */
public record Condition(int label, int[] perRow, double guidance) {

    /** The null class ∅ (stands for "no label": index K of the one-hot input). */
    public static final int NULL = -1;
    /** No class: the null-class field of a conditional network, the only field of an unconditional one. */
    public static final Condition NONE = new Condition(NULL, null, 1.0);

    public Condition {
        if (!Double.isFinite(guidance) || guidance < 0) {
            throw new IllegalArgumentException("the guidance scale must be a finite number ≥ 0, got " + guidance);
        }
        if (label < NULL) {
            throw new IllegalArgumentException("no class " + label);
        }
        if (perRow != null) {
            for (int y : perRow) {
                if (y < 0) {
                    throw new IllegalArgumentException("no class " + y);
                }
            }
            perRow = perRow.clone();
        }
    }

    /** Class y for every row with guidance w. */
    public static Condition of(int label, double guidance) {
        return new Condition(label, null, guidance);
    }

    /** labels[i] for row i, guidance w. */
    public static Condition perRow(int[] labels, double guidance) {
        return new Condition(NULL, labels, guidance);
    }

    /** True when this asks for the null-class field only (no class, or w = 0). */
    public boolean unconditional() {
        return (label == NULL && perRow == null) || guidance == 0;
    }

    /** The class of row i (of all rows evaluated), or {@link #NULL}. */
    public int labelOf(int row) {
        return perRow != null ? perRow[row] : label;
    }

    /** Rows the per-row classes are for, or −1 when every row has the same class. */
    int rows() {
        return perRow == null ? -1 : perRow.length;
    }

    /** The largest class asked for, or −1. */
    int maxLabel() {
        int m = label;
        if (perRow != null) {
            for (int y : perRow) {
                m = Math.max(m, y);
            }
        }
        return m;
    }

    @Override
    public int[] perRow() {
        return perRow == null ? null : perRow.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && label == c.label && java.util.Arrays.equals(perRow, c.perRow)
                && Double.compare(guidance, c.guidance) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * label + java.util.Arrays.hashCode(perRow) + Double.hashCode(guidance);
    }

    @Override
    public String toString() {
        return (perRow != null ? "per-row classes" : label == NULL ? "∅" : "class " + label) + ", w " + guidance;
    }
}
