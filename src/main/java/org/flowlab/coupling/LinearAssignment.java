package org.flowlab.coupling;

import java.util.Arrays;

/**
 * The linear assignment problem: for an n × n cost matrix C, the permutation σ minimising Σ_i C[i, σ(i)].
 *
 * <p>Jonker &amp; Volgenant's shortest-augmenting-path method (Computing 38, 1987), written from the paper. Column
 * prices v_j define reduced costs r[i, j] = C[i, j] − v_j; the invariant is that every assigned row holds a column
 * of minimal reduced cost in its row. When all rows are assigned, σ is optimal: with u_i = min_j r[i, j], (u, v)
 * is dual feasible (u_i + v_j ≤ C[i, j]) and tight on σ, so Σ C[i, σ(i)] = Σ u + Σ v ≤ the cost of any other
 * permutation. Three phases keep the invariant:
 * <ol>
 *   <li><b>Column reduction</b>: v_j = min_i C[i, j]; a column goes to its cheapest row when that row is free.
 *       O(n²); on two moons against N(0, I) noise (n = 256) it assigns about 95 rows.</li>
 *   <li><b>Augmenting row reduction</b>: a free row takes its cheapest column j₁ and lowers v_{j₁} by the gap to its
 *       second cheapest, so the column stays minimal for it; a displaced row becomes free and tries again. Two
 *       passes, each capped at 4n row visits (O(n) each), so the phase is O(n²) and always ends.</li>
 *   <li><b>Augmentation</b>: for each remaining free row, Dijkstra's search over reduced costs (non-negative
 *       relative to each row's minimum) finds the cheapest alternating path to a free column; each scanned
 *       column's price drops by its distance deficit μ − d_j (so its reduced costs rise), which keeps the
 *       invariant, and the path is flipped. O(n²) per row; on the instance above about 110 rows are left for
 *       this phase, at about 50 scans each, and it takes most of the time.</li>
 * </ol>
 * Worst case O(n³) time, O(n) memory besides the matrix. Ties go to the lowest column index, so the result is
 * deterministic.
 *
 * <p>Not thread-safe: an instance holds work arrays for one solve at a time; give each thread its own.
 */
public final class LinearAssignment {

    private double[] v = new double[0];      // column prices
    private double[] d = new double[0];      // Dijkstra distances to columns
    private int[] colOfRow = new int[0];     // σ(i), −1 = free
    private int[] rowOfCol = new int[0];     // σ⁻¹(j), −1 = free
    private int[] free = new int[0];         // queue of free rows
    private double[] price = new double[0];  // v during a search, −∞ for the columns already scanned
    private double[] settled = new double[0]; // the final distance of each scanned column
    private int[] scannedList = new int[0];   // the columns scanned in the current search, in order
    private int[] scanOrder = new int[0];     // the position of column j in scannedList
    private int[] scanRow = new int[0];       // the row reached through the s-th scanned column
    private double[] shift = new double[0];   // h of the s-th scan

    /**
     * Solves the assignment for a row-major n × n cost matrix (all entries finite).
     *
     * @param cost C[i·n + j], the cost of giving column j to row i; not modified
     * @param n    rows = columns (≥ 0)
     * @param out  receives σ: out[i] = the column of row i (length ≥ n); a permutation of 0 … n−1
     * @return the optimal total Σ_i C[i, σ(i)]
     * @throws IllegalArgumentException when an entry is not finite
     */
    public double solve(double[] cost, int n, int[] out) {
        if (cost.length < (long) n * n || out.length < n) {
            throw new IllegalArgumentException("cost needs n² = " + (long) n * n + " entries and out n = " + n);
        }
        for (int e = 0; e < n * n; e++) {
            if (!Double.isFinite(cost[e])) {
                throw new IllegalArgumentException("assignment costs must be finite, got " + cost[e]);
            }
        }
        ensure(n);
        int freeCount = columnReduction(cost, n);
        for (int pass = 0; pass < 2 && freeCount > 0; pass++) {
            freeCount = augmentingRowReduction(cost, n, freeCount);
        }
        for (int f = 0; f < freeCount; f++) {
            augment(cost, n, free[f]);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            out[i] = colOfRow[i];
            total += cost[i * n + colOfRow[i]];
        }
        return total;
    }

    /** Phase 1. Returns the number of free rows, listed in {@code free}. */
    private int columnReduction(double[] cost, int n) {
        Arrays.fill(colOfRow, 0, n, -1);
        Arrays.fill(rowOfCol, 0, n, -1);
        for (int j = n - 1; j >= 0; j--) {
            int best = 0;
            double min = cost[j];
            for (int i = 1; i < n; i++) {
                double c = cost[i * n + j];
                if (c < min) {
                    min = c;
                    best = i;
                }
            }
            v[j] = min;
            if (colOfRow[best] < 0) {
                colOfRow[best] = j;
                rowOfCol[j] = best;
            }
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (colOfRow[i] < 0) {
                free[count++] = i;
            }
        }
        return count;
    }

    /** Phase 2, one pass over the free rows; returns how many rows are free after it (listed in {@code free}). */
    private int augmentingRowReduction(double[] cost, int n, int freeCount) {
        int read = 0;
        int write = 0;              // write ≤ read: rows are only appended after one has been taken
        int visits = 0;
        int budget = 4 * n;
        while (read < freeCount) {
            if (visits++ >= budget) {
                // Out of budget: the unvisited rows stay free for the augmentation phase.
                while (read < freeCount) {
                    free[write++] = free[read++];
                }
                break;
            }
            int i = free[read++];
            int base = i * n;
            double a = Double.POSITIVE_INFINITY;
            double b = Double.POSITIVE_INFINITY;
            int j1 = -1;
            int j2 = -1;
            for (int j = 0; j < n; j++) {
                double r = cost[base + j] - v[j];
                if (r < b) {
                    if (r < a) {
                        b = a;
                        j2 = j1;
                        a = r;
                        j1 = j;
                    } else {
                        b = r;
                        j2 = j;
                    }
                }
            }
            int target = j1;
            boolean strict = j2 >= 0 && a < b;
            if (strict) {
                v[j1] -= b - a;           // r[i, j₁] rises to b: still the row's minimum
            } else if (j2 >= 0 && rowOfCol[j1] >= 0) {
                target = j2;              // a tie: take the free-or-other minimal column
            }
            int displaced = rowOfCol[target];
            colOfRow[i] = target;
            rowOfCol[target] = i;
            if (displaced >= 0) {
                colOfRow[displaced] = -1;
                if (strict) {
                    free[--read] = displaced;   // try it again at once: its column just got dearer
                } else {
                    free[write++] = displaced;
                }
            }
        }
        return write;
    }

    /**
     * Phase 3: assigns {@code start} by the shortest alternating path to a free column.
     *
     * <p>Each scan of a column j (reached at distance d_j, held by row i) relaxes every unscanned column k:
     * d_k = min(d_k, C[i, k] − v_k − h_i) with h_i = C[i, j] − v_j − d_j. A scanned column leaves the sweep through
     * {@code price} (a copy of v, −∞ once scanned, so its candidate is +∞) and {@code d} (+∞ once scanned; its
     * final distance is kept in {@code settled}). The sweep, the minimum and its index are three simple loops the
     * JIT vectorises; which row reached a column is worked out only for the columns on the final path
     * ({@link #reachedBy}).
     */
    private void augment(double[] cost, int n, int start) {
        int base = start * n;
        for (int j = 0; j < n; j++) {
            price[j] = v[j];
            d[j] = cost[base + j] - v[j];
        }
        int scans = 0;
        int end;
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            min = Math.min(min, d[k]);
        }
        while (true) {
            int j = 0;
            while (d[j] != min) {
                j++;
            }
            if (rowOfCol[j] < 0) {
                end = j;
                break;
            }
            int i = rowOfCol[j];
            double h = cost[i * n + j] - v[j] - min;  // the path reaches row i at distance d_j over its own column
            settled[j] = min;
            scanOrder[j] = scans;
            scannedList[scans] = j;
            scanRow[scans] = i;
            shift[scans++] = h;
            price[j] = Double.NEGATIVE_INFINITY;
            d[j] = Double.POSITIVE_INFINITY;
            min = relax(cost, i * n, h, n);
        }
        double mu = d[end];
        scanOrder[end] = scans;
        for (int s = 0; s < scans; s++) {
            int j = scannedList[s];
            v[j] += settled[j] - mu;      // d_j ≤ μ: the invariant holds after the flip (class comment)
        }
        // Flip the path: from the end column back to the start row, each column to the row that reached it.
        int j = end;
        while (true) {
            int i = reachedBy(cost, n, start, j);
            int previous = colOfRow[i];
            colOfRow[i] = j;
            rowOfCol[j] = i;
            if (i == start) {
                break;
            }
            j = previous;
        }
    }

    /**
     * d_k = min(d_k, C[row + k] − price_k − h) for all k; returns the new min_k d_k. Four running minima, so the
     * comparisons do not wait on one another (one chain of n dependent comparisons was most of the solve time).
     */
    private double relax(double[] cost, int row, double h, int n) {
        double m0 = Double.POSITIVE_INFINITY;
        double m1 = m0;
        double m2 = m0;
        double m3 = m0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            double a0 = cost[row + k] - price[k] - h;
            double a1 = cost[row + k + 1] - price[k + 1] - h;
            double a2 = cost[row + k + 2] - price[k + 2] - h;
            double a3 = cost[row + k + 3] - price[k + 3] - h;
            double d0 = d[k];
            double d1 = d[k + 1];
            double d2 = d[k + 2];
            double d3 = d[k + 3];
            d0 = Math.min(a0, d0);
            d1 = Math.min(a1, d1);
            d2 = Math.min(a2, d2);
            d3 = Math.min(a3, d3);
            d[k] = d0;
            d[k + 1] = d1;
            d[k + 2] = d2;
            d[k + 3] = d3;
            m0 = Math.min(m0, d0);
            m1 = Math.min(m1, d1);
            m2 = Math.min(m2, d2);
            m3 = Math.min(m3, d3);
        }
        for (; k < n; k++) {
            double a = cost[row + k] - price[k] - h;
            double dk = Math.min(a, d[k]);
            d[k] = dk;
            m0 = Math.min(m0, dk);
        }
        return Math.min(Math.min(m0, m1), Math.min(m2, m3));
    }

    /**
     * The row whose scan gave column k its final distance: the argmin, over the start row (h = 0) and the rows
     * scanned before k, of C[i, k] − v_k − h_i. v_k is the same for every candidate, so C[i, k] − h_i is compared.
     * Reads only what the scans recorded (the matching is being flipped meanwhile).
     */
    private int reachedBy(double[] cost, int n, int start, int k) {
        int best = start;
        double bestValue = cost[start * n + k];
        for (int s = 0; s < scanOrder[k]; s++) {
            int i = scanRow[s];
            double value = cost[i * n + k] - shift[s];
            if (value < bestValue) {
                bestValue = value;
                best = i;
            }
        }
        return best;
    }

    private void ensure(int n) {
        if (v.length < n) {
            v = new double[n];
            d = new double[n];
            colOfRow = new int[n];
            rowOfCol = new int[n];
            free = new int[n];
            price = new double[n];
            settled = new double[n];
            scannedList = new int[n];
            scanOrder = new int[n];
            scanRow = new int[n];
            shift = new double[n];
        }
    }
}
