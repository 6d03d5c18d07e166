package org.qinglang.core.coord;

import java.util.Arrays;

/**
 * An immutable bipartite graph of rows (accounts) × columns (targets) in compressed sparse form, both ways,
 * without repeated edges: four {@code int[]} arrays, about 8 bytes per edge plus 8 per node. Built by
 * {@link Builder}. Thread-safe once built.
 */
public final class BipartiteGraph {

    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] rowAdj;
    private final int[] colStart;
    private final int[] colAdj;

    private BipartiteGraph(int rows, int cols, int[] rowStart, int[] rowAdj, int[] colStart, int[] colAdj) {
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.rowAdj = rowAdj;
        this.colStart = colStart;
        this.colAdj = colAdj;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The number of distinct edges. */
    public int edges() {
        return rowAdj.length;
    }

    public int rowDegree(int r) {
        return rowStart[r + 1] - rowStart[r];
    }

    public int colDegree(int c) {
        return colStart[c + 1] - colStart[c];
    }

    /** The {@code k}-th column of row {@code r}, columns in ascending order. */
    public int rowNeighbour(int r, int k) {
        return rowAdj[rowStart[r] + k];
    }

    /** The {@code k}-th row of column {@code c}, rows in ascending order. */
    public int colNeighbour(int c, int k) {
        return colAdj[colStart[c] + k];
    }

    /** True if the edge (r, c) is present (binary search in row r). */
    public boolean hasEdge(int r, int c) {
        return Arrays.binarySearch(rowAdj, rowStart[r], rowStart[r + 1], c) >= 0;
    }

    /** The same graph without the edges between {@code rowsOut} and {@code colsOut} (both sorted). */
    public BipartiteGraph without(int[] rowsOut, int[] colsOut) {
        Builder b = new Builder(rows, cols);
        for (int r = 0; r < rows; r++) {
            boolean rowIn = Arrays.binarySearch(rowsOut, r) >= 0;
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                int c = rowAdj[k];
                if (!(rowIn && Arrays.binarySearch(colsOut, c) >= 0)) {
                    b.add(r, c);
                }
            }
        }
        return b.build();
    }

    /**
     * Collects edges, then builds the graph (repeated edges kept once). Rows and columns grow as edges name
     * them. Not thread-safe.
     */
    public static final class Builder {

        private int rows;
        private int cols;
        private int[] src;
        private int[] dst;
        private int n;

        public Builder() {
            this(0, 0);
        }

        /** A builder whose graph has at least {@code rows} rows and {@code cols} columns. */
        public Builder(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            src = new int[16];
            dst = new int[16];
        }

        public Builder add(int row, int col) {
            if (row < 0 || col < 0) {
                throw new IllegalArgumentException("row and col must be 0 or more, were " + row + ", " + col);
            }
            if (n == src.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * n);
                if (cap <= n) {
                    throw new IllegalStateException("too many edges: at most " + n);
                }
                src = Arrays.copyOf(src, cap);
                dst = Arrays.copyOf(dst, cap);
            }
            src[n] = row;
            dst[n] = col;
            n++;
            rows = Math.max(rows, row + 1);
            cols = Math.max(cols, col + 1);
            return this;
        }

        /** Edges added so far, repeats included. */
        public int size() {
            return n;
        }

        public BipartiteGraph build() {
            int[] rowStart = new int[rows + 1];
            for (int i = 0; i < n; i++) {
                rowStart[src[i] + 1]++;
            }
            for (int r = 0; r < rows; r++) {
                rowStart[r + 1] += rowStart[r];
            }
            int[] fill = Arrays.copyOf(rowStart, rows);
            int[] adj = new int[n];
            for (int i = 0; i < n; i++) {
                adj[fill[src[i]]++] = dst[i];
            }
            // sort each row and drop repeats, compacting in place
            int w = 0;
            int[] newStart = new int[rows + 1];
            for (int r = 0; r < rows; r++) {
                int a = rowStart[r];
                int b = rowStart[r + 1];
                Arrays.sort(adj, a, b);
                newStart[r] = w;
                for (int k = a; k < b; k++) {
                    if (k == a || adj[k] != adj[k - 1]) {
                        adj[w++] = adj[k];
                    }
                }
            }
            newStart[rows] = w;
            int[] rowAdj = w == n ? adj : Arrays.copyOf(adj, w);
            int[] colStart = new int[cols + 1];
            for (int k = 0; k < w; k++) {
                colStart[rowAdj[k] + 1]++;
            }
            for (int c = 0; c < cols; c++) {
                colStart[c + 1] += colStart[c];
            }
            int[] cfill = Arrays.copyOf(colStart, cols);
            int[] colAdj = new int[w];
            for (int r = 0; r < rows; r++) {
                for (int k = newStart[r]; k < newStart[r + 1]; k++) {
                    colAdj[cfill[rowAdj[k]]++] = r; // rows visited in order, so each column's rows are sorted
                }
            }
            return new BipartiteGraph(rows, cols, newStart, rowAdj, colStart, colAdj);
        }
    }
}
