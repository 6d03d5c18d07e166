package org.qinglang.core.coord;

/**
 * A dense block found by peeling: its rows (accounts) and columns (targets), both sorted ascending, and its
 * density g = f(S) / |S| (FRAUDAR's average suspiciousness: the summed edge weights inside the block over
 * the number of its rows and columns).
 *
 * @param rows    the block's rows
 * @param cols    the block's columns
 * @param density g of the block
 * @param edges   the number of edges inside the block
 */
public record DenseBlock(int[] rows, int[] cols, double density, long edges) {

    public DenseBlock {
        rows = rows.clone();
        cols = cols.clone();
    }

    @Override
    public int[] rows() {
        return rows.clone();
    }

    @Override
    public int[] cols() {
        return cols.clone();
    }

    /** Rows plus columns. */
    public int size() {
        return rows.length + cols.length;
    }

    /** Edges inside over rows × columns (1 = every account acted on every target). */
    public double fill() {
        return rows.length == 0 || cols.length == 0 ? 0 : (double) edges / ((double) rows.length * cols.length);
    }
}
