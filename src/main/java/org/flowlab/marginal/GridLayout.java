package org.flowlab.marginal;

/**
 * A grid target's cells with mass, kept by row for the separable kernel: the bounding box of the mass (rows × cols
 * cells), the centres of its columns (colX, x increasing) and rows (rowY, from the top), and per row the box columns
 * that hold mass with their weights (compressed rows: entries rowStart[r] … rowStart[r+1] − 1). Weights are the
 * raw masses; {@link Target} normalises its copy.
 */
final class GridLayout {

    final int rows;
    final int cols;
    final double cell;
    final double[] colX;
    final double[] rowY;
    final int[] rowStart;
    final int[] entryCol;
    final double[] entryWeight;

    private GridLayout(int rows, int cols, double cell, double[] colX, double[] rowY, int[] rowStart, int[] entryCol,
                       double[] entryWeight) {
        this.rows = rows;
        this.cols = cols;
        this.cell = cell;
        this.colX = colX;
        this.rowY = rowY;
        this.rowStart = rowStart;
        this.entryCol = entryCol;
        this.entryWeight = entryWeight;
    }

    /** The layout of a row-major grid (row 0 at the top), or null when no cell has positive finite mass. */
    static GridLayout of(float[] mass, int size, double halfWidth) {
        int r0 = size;
        int r1 = -1;
        int c0 = size;
        int c1 = -1;
        int nnz = 0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                if (has(mass[r * size + c])) {
                    r0 = Math.min(r0, r);
                    r1 = Math.max(r1, r);
                    c0 = Math.min(c0, c);
                    c1 = Math.max(c1, c);
                    nnz++;
                }
            }
        }
        if (nnz == 0) {
            return null;
        }
        double cell = 2 * halfWidth / size;
        int rows = r1 - r0 + 1;
        int cols = c1 - c0 + 1;
        double[] colX = new double[cols];
        for (int j = 0; j < cols; j++) {
            colX[j] = -halfWidth + (c0 + j + 0.5) * cell;
        }
        double[] rowY = new double[rows];
        for (int i = 0; i < rows; i++) {
            rowY[i] = halfWidth - (r0 + i + 0.5) * cell;
        }
        int[] rowStart = new int[rows + 1];
        int[] entryCol = new int[nnz];
        double[] entryWeight = new double[nnz];
        int e = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float m = mass[(r0 + i) * size + c0 + j];
                if (has(m)) {
                    entryCol[e] = j;
                    entryWeight[e] = m;
                    e++;
                }
            }
            rowStart[i + 1] = e;
        }
        return new GridLayout(rows, cols, cell, colX, rowY, rowStart, entryCol, entryWeight);
    }

    private static boolean has(float m) {
        return m > 0 && m < Float.POSITIVE_INFINITY;
    }
}
