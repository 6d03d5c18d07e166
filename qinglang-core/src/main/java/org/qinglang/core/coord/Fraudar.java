package org.qinglang.core.coord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dense-block detection by greedy peeling (稠密子图检测), after FRAUDAR (Hooi et al., KDD 2016), written from the
 * paper. The suspiciousness of a set S of rows and columns is f(S) = the sum of the weights of the edges
 * inside S, and its density g(S) = f(S) / |S|. Peeling removes, one at a time, the node whose removal lowers
 * f least (its weight to the nodes still present), and keeps the densest set seen along the way; that set
 * is within a factor 2 of the densest set (the paper's Theorem 2).
 *
 * <p>Column weighting (the paper's defence against camouflage): an edge into column j weighs
 * 1 / ln(c + deg(j)), so an edge to a popular target says little and fraudsters cannot hide their block by
 * adding edges to popular targets; with it off, every edge weighs 1 (plain average degree).
 *
 * <p>{@link #detect} finds up to k blocks: after each, the block's edges are removed and peeling runs again,
 * as in the paper. O(E log N) per block with a binary heap; arrays only.
 *
 * @param columnWeighting whether to weight edges by 1 / ln(c + column degree)
 * @param c               the constant c of the weighting, more than 1 (the paper uses 5)
 */
public record Fraudar(boolean columnWeighting, double c) {

    /** The paper's settings: column weighting with c = 5. */
    public static final Fraudar PAPER = new Fraudar(true, 5.0);
    /** No weighting: plain densest subgraph by average degree. */
    public static final Fraudar UNWEIGHTED = new Fraudar(false, 5.0);

    public Fraudar {
        if (!(c > 1)) {
            throw new IllegalArgumentException("c must be more than 1 (ln(c + degree) must stay positive), was " + c);
        }
    }

    /** The weight of an edge into a column of degree {@code degree}. */
    public double weight(int degree) {
        return columnWeighting ? 1.0 / Math.log(c + degree) : 1.0;
    }

    /**
     * The density g of a given block on {@code g}, at {@code g}'s column weights: to compare a block kept
     * from earlier (say by {@link IncrementalDenseBlock}) with a fresh peel. Rows and columns outside the
     * graph count as nodes without edges.
     */
    public double density(BipartiteGraph g, DenseBlock block) {
        double f = 0;
        for (int r : block.rows()) {
            for (int c : block.cols()) {
                if (r < g.rows() && c < g.cols() && g.hasEdge(r, c)) {
                    f += weight(g.colDegree(c));
                }
            }
        }
        return block.size() == 0 ? 0 : f / block.size();
    }

    /** Up to {@code k} blocks, densest first; fewer if the graph runs out of edges. */
    public List<DenseBlock> detect(BipartiteGraph g, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be 1 or more, was " + k);
        }
        List<DenseBlock> out = new ArrayList<>();
        BipartiteGraph cur = g;
        for (int i = 0; i < k && cur.edges() > 0; i++) {
            DenseBlock b = densest(cur);
            if (b.edges() == 0) {
                break;
            }
            out.add(b);
            if (i + 1 < k) {
                cur = cur.without(b.rows(), b.cols());
            }
        }
        return out;
    }

    /** The densest block peeling finds in {@code g}. */
    public DenseBlock densest(BipartiteGraph g) {
        int rows = g.rows();
        int cols = g.cols();
        int n = rows + cols;
        double[] colW = new double[cols];
        double[] prio = new double[n];
        boolean[] present = new boolean[n];
        double f = 0;
        int alive = 0;
        for (int c = 0; c < cols; c++) {
            int d = g.colDegree(c);
            colW[c] = weight(d);
            prio[rows + c] = colW[c] * d;
            if (d > 0) {
                present[rows + c] = true;
                alive++;
            }
        }
        for (int r = 0; r < rows; r++) {
            int d = g.rowDegree(r);
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += colW[g.rowNeighbour(r, k)];
            }
            prio[r] = s;
            f += s;
            if (d > 0) {
                present[r] = true;
                alive++;
            }
        }
        if (alive == 0) {
            return new DenseBlock(new int[0], new int[0], 0, 0);
        }
        IndexedMinHeap heap = new IndexedMinHeap(prio);
        heap.addAll(present);
        int[] order = new int[alive];
        int total = alive;
        double best = f / alive;
        int bestStep = 0;
        for (int step = 0; step < total; step++) {
            int v = heap.pollMin();
            order[step] = v;
            present[v] = false;
            f -= prio[v];
            alive--;
            if (v < rows) {
                int d = g.rowDegree(v);
                for (int k = 0; k < d; k++) {
                    int u = rows + g.rowNeighbour(v, k);
                    if (present[u]) {
                        prio[u] -= colW[u - rows];
                        heap.decreased(u);
                    }
                }
            } else {
                int c = v - rows;
                int d = g.colDegree(c);
                double w = colW[c];
                for (int k = 0; k < d; k++) {
                    int u = g.colNeighbour(c, k);
                    if (present[u]) {
                        prio[u] -= w;
                        heap.decreased(u);
                    }
                }
            }
            if (alive > 0) {
                double density = f / alive;
                if (density > best) {
                    best = density;
                    bestStep = step + 1;
                }
            }
        }
        return blockOf(g, order, bestStep, total, best);
    }

    private static DenseBlock blockOf(BipartiteGraph g, int[] order, int from, int to, double density) {
        int rows = g.rows();
        int nr = 0;
        for (int i = from; i < to; i++) {
            if (order[i] < rows) {
                nr++;
            }
        }
        int[] br = new int[nr];
        int[] bc = new int[to - from - nr];
        int ir = 0;
        int ic = 0;
        for (int i = from; i < to; i++) {
            if (order[i] < rows) {
                br[ir++] = order[i];
            } else {
                bc[ic++] = order[i] - rows;
            }
        }
        Arrays.sort(br);
        Arrays.sort(bc);
        long edges = 0;
        for (int r : br) {
            int d = g.rowDegree(r);
            for (int k = 0; k < d; k++) {
                if (Arrays.binarySearch(bc, g.rowNeighbour(r, k)) >= 0) {
                    edges++;
                }
            }
        }
        return new DenseBlock(br, bc, density, edges);
    }
}
