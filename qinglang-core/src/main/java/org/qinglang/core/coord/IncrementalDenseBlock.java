package org.qinglang.core.coord;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The densest block of a growing account × target graph, kept up to date as edges arrive (增量稠密子图), in the
 * spirit of Spade (Jiang et al., VLDB 2023): most edges cost a few hash and array operations, and the
 * expensive global peel runs only now and then.
 *
 * <p>How it works (our design; Spade's exact reordering of the peeling sequence is not reproduced):
 * <ul>
 *   <li>an edge inside the current block adds its weight to the block's f;</li>
 *   <li>an edge from the block to an outside node adds to that node's gain (its weight into the block); a
 *       node whose gain exceeds the block's density g = f / |S| joins it (adding it raises g), and its own
 *       edges raise its neighbours' gains, which may bring them in too: the inverse of a peeling step;</li>
 *   <li>a block that grows apart from the current one is found by a full FRAUDAR peel, run when the graph
 *       has grown by the fraction {@code regrowth} since the last peel (and at least {@code minBatch} edges).
 *       So the amortised cost per edge is about (1 + regrowth) / regrowth times the per-edge cost of a
 *       peel. On the caller's thread, the rare edge that triggers a peel waits for it (seconds on millions
 *       of edges); given a background {@link Executor}, the peel runs there on the graph as it was when it
 *       started (edges live in pages that never move, so the first E edges are a snapshot that costs no copy),
 *       edges keep arriving meanwhile, and the first call after it finishes takes its block over.</li>
 * </ul>
 * Edge weights follow FRAUDAR's column weighting at the column's current degree. Right after a peel, the
 * block equals a from-scratch run exactly (a background peel's block: on the graph it started from, with
 * the edges added since counted in its f and gains); between peels its density is never below the density
 * it had at the last peel, but a new block far from the current one waits for the next peel.
 *
 * <p>Memory: four {@code int}s per edge (ends, two list links) plus the edge set (16 to 32 bytes, more while it
 * grows), and about 30 bytes per node, and while a peel runs, the graph it builds. Not thread-safe: one instance per partition of
 * the stream (a background peel touches none of its state).
 */
public final class IncrementalDenseBlock {

    private final Fraudar peeler;
    private final double regrowth;
    private final int minBatch;

    private int edges;
    // per edge, in pages that never move (see EdgePages): its ends and its links in the two adjacency lists
    private final EdgePages src = new EdgePages();
    private final EdgePages dst = new EdgePages();
    private final EdgePages nextOut = new EdgePages();
    private final EdgePages nextIn = new EdgePages();
    private final LongSet edgeSet = new LongSet();

    private int rows;
    private int cols;
    private int[] headRow = filled(1024);
    private int[] headCol = filled(1024);
    private int[] colDeg = new int[1024];
    private boolean[] inRow = new boolean[1024];
    private boolean[] inCol = new boolean[1024];
    private double[] gainRow = new double[1024];
    private double[] gainCol = new double[1024];

    private double f;
    private int blockRows;
    private int blockCols;
    private int edgesAtPeel;
    private int peels;

    // the work list of nodes that may join: rows as r, columns as -(c + 1)
    private int[] work = new int[64];

    /** Where full peels run, or null for the caller's thread. */
    private final Executor background;
    /** The background peel under way, or null. */
    private CompletableFuture<DenseBlock> running;

    /**
     * @param peeler   the peeling settings (column weighting)
     * @param regrowth the fraction by which the graph grows between full peels, more than 0 (0.1 = every 10 %)
     * @param minBatch the fewest new edges between full peels, 1 or more
     */
    public IncrementalDenseBlock(Fraudar peeler, double regrowth, int minBatch) {
        this(peeler, regrowth, minBatch, null);
    }

    /**
     * @param peeler     the peeling settings (column weighting)
     * @param regrowth   the fraction by which the graph grows between full peels, more than 0 (0.1 = every 10 %)
     * @param minBatch   the fewest new edges between full peels, 1 or more
     * @param background where full peels run, one at a time, so that no edge waits for one; null: on the
     *                   thread of the edge that triggers it
     */
    public IncrementalDenseBlock(Fraudar peeler, double regrowth, int minBatch, Executor background) {
        if (!(regrowth > 0)) {
            throw new IllegalArgumentException("regrowth must be more than 0, was " + regrowth);
        }
        if (minBatch < 1) {
            throw new IllegalArgumentException("minBatch must be 1 or more, was " + minBatch);
        }
        this.peeler = peeler;
        this.regrowth = regrowth;
        this.minBatch = minBatch;
        this.background = background;
    }

    /** Adds the edge (row, col); false if it was already there (nothing changes). */
    public boolean add(int row, int col) {
        if (row < 0 || col < 0) {
            throw new IllegalArgumentException("row and col must be 0 or more, were " + row + ", " + col);
        }
        if (!edgeSet.add(((long) row << 32) | col)) {
            return false;
        }
        ensureNodes(row, col);
        int e = edges++;
        src.set(e, row);
        dst.set(e, col);
        nextOut.set(e, headRow[row]);
        headRow[row] = e;
        nextIn.set(e, headCol[col]);
        headCol[col] = e;
        colDeg[col]++;
        double w = peeler.weight(colDeg[col]);
        if (inRow[row] && inCol[col]) {
            f += w;
        } else if (inRow[row]) {
            gainCol[col] += w;
            expandFrom(-(col + 1));
        } else if (inCol[col]) {
            gainRow[row] += w;
            expandFrom(row);
        }
        adoptFinishedPeel();
        int since = edges - edgesAtPeel;
        if (since >= minBatch && since >= regrowth * edgesAtPeel) {
            if (background == null) {
                peel();
            } else if (running == null) {
                startPeel();
            }
        }
        return true;
    }

    /**
     * Runs a full peel now, on this thread: the block becomes exactly what {@link Fraudar#densest} finds. A
     * background peel under way is dropped.
     */
    public void peel() {
        running = null;
        edgesAtPeel = edges;
        adopt(peeler.densest(graph(src.pages(), dst.pages(), edges, rows, cols)));
    }

    /** True while a background peel runs (its block not yet taken over). */
    public boolean peeling() {
        return running != null;
    }

    /**
     * Starts a peel of the first {@code edges} edges in the background. The pages are handed over as they are
     * (this directory of them, as it is now): later edges go to higher indices, on these pages or new ones,
     * so the peel's part never changes under it.
     */
    private void startPeel() {
        int[][] s = src.pages();
        int[][] d = dst.pages();
        int e = edges;
        int r = rows;
        int c = cols;
        running = CompletableFuture.supplyAsync(() -> peeler.densest(graph(s, d, e, r, c)), background);
        edgesAtPeel = e;
    }

    /** Takes over the block of a background peel that has finished; a peel that failed throws here. */
    private void adoptFinishedPeel() {
        if (running != null && running.isDone()) {
            DenseBlock block;
            try {
                block = running.join();
            } finally {
                running = null;
            }
            adopt(block);
        }
    }

    private static BipartiteGraph graph(int[][] src, int[][] dst, int edges, int rows, int cols) {
        BipartiteGraph.Builder b = new BipartiteGraph.Builder(rows, cols);
        for (int e = 0; e < edges; e++) {
            b.add(EdgePages.get(src, e), EdgePages.get(dst, e));
        }
        return b.build();
    }

    /** Makes {@code block} the current block, with its f and the outside nodes' gains over every edge so far. */
    private void adopt(DenseBlock block) {
        Arrays.fill(inRow, 0, rows, false);
        Arrays.fill(inCol, 0, cols, false);
        Arrays.fill(gainRow, 0, rows, 0);
        Arrays.fill(gainCol, 0, cols, 0);
        for (int r : block.rows()) {
            inRow[r] = true;
        }
        for (int c : block.cols()) {
            inCol[c] = true;
        }
        blockRows = block.rows().length;
        blockCols = block.cols().length;
        f = 0;
        for (int r : block.rows()) {
            for (int e = headRow[r]; e >= 0; e = nextOut.get(e)) {
                int c = dst.get(e);
                double w = peeler.weight(colDeg[c]);
                if (inCol[c]) {
                    f += w;
                } else {
                    gainCol[c] += w;
                }
            }
        }
        for (int c : block.cols()) {
            double w = peeler.weight(colDeg[c]);
            for (int e = headCol[c]; e >= 0; e = nextIn.get(e)) {
                if (!inRow[src.get(e)]) {
                    gainRow[src.get(e)] += w;
                }
            }
        }
        peels++;
    }

    /** The current block (rows and columns sorted), with its density at current weights. */
    public DenseBlock block() {
        adoptFinishedPeel();
        int[] br = new int[blockRows];
        int[] bc = new int[blockCols];
        int i = 0;
        for (int r = 0; r < rows && i < br.length; r++) {
            if (inRow[r]) {
                br[i++] = r;
            }
        }
        i = 0;
        for (int c = 0; c < cols && i < bc.length; c++) {
            if (inCol[c]) {
                bc[i++] = c;
            }
        }
        long inside = 0;
        for (int r : br) {
            for (int e = headRow[r]; e >= 0; e = nextOut.get(e)) {
                if (inCol[dst.get(e)]) {
                    inside++;
                }
            }
        }
        return new DenseBlock(br, bc, density(), inside);
    }

    /** The block's density f / |S| as tracked (edge weights at the time each edge was counted). */
    public double density() {
        adoptFinishedPeel();
        int size = blockRows + blockCols;
        return size == 0 ? 0 : f / size;
    }

    /** Distinct edges so far. */
    public int edges() {
        return edges;
    }

    /** Full peels run so far. */
    public int peels() {
        return peels;
    }

    private void expandFrom(int node) {
        if (blockRows + blockCols == 0) {
            return;
        }
        int top = 0;
        work[top++] = node;
        while (top > 0) {
            int x = work[--top];
            double g = f / (blockRows + blockCols);
            if (x >= 0) {
                if (inRow[x] || gainRow[x] <= g) {
                    continue;
                }
                inRow[x] = true;
                blockRows++;
                f += gainRow[x];
                gainRow[x] = 0;
                for (int e = headRow[x]; e >= 0; e = nextOut.get(e)) {
                    int c = dst.get(e);
                    if (!inCol[c]) {
                        gainCol[c] += peeler.weight(colDeg[c]);
                        top = push(top, -(c + 1));
                    }
                }
            } else {
                int c = -x - 1;
                if (inCol[c] || gainCol[c] <= g) {
                    continue;
                }
                inCol[c] = true;
                blockCols++;
                f += gainCol[c];
                gainCol[c] = 0;
                double w = peeler.weight(colDeg[c]);
                for (int e = headCol[c]; e >= 0; e = nextIn.get(e)) {
                    int r = src.get(e);
                    if (!inRow[r]) {
                        gainRow[r] += w;
                        top = push(top, r);
                    }
                }
            }
        }
    }

    private int push(int top, int node) {
        if (top == work.length) {
            work = Arrays.copyOf(work, top * 2);
        }
        work[top] = node;
        return top + 1;
    }

    private void ensureNodes(int row, int col) {
        if (row >= headRow.length) {
            int cap = Math.max(row + 1, headRow.length * 2);
            int old = headRow.length;
            headRow = Arrays.copyOf(headRow, cap);
            Arrays.fill(headRow, old, cap, -1);
            inRow = Arrays.copyOf(inRow, cap);
            gainRow = Arrays.copyOf(gainRow, cap);
        }
        if (col >= headCol.length) {
            int cap = Math.max(col + 1, headCol.length * 2);
            int old = headCol.length;
            headCol = Arrays.copyOf(headCol, cap);
            Arrays.fill(headCol, old, cap, -1);
            colDeg = Arrays.copyOf(colDeg, cap);
            inCol = Arrays.copyOf(inCol, cap);
            gainCol = Arrays.copyOf(gainCol, cap);
        }
        rows = Math.max(rows, row + 1);
        cols = Math.max(cols, col + 1);
    }

    /**
     * A growing int array in pages of {@value #PAGE} ints (2 MB, so that G1 keeps them in place as humongous
     * objects) that are never moved once full size: growing allocates one page and, now and then, a longer
     * directory of pages. So no edge waits for millions of entries to be copied, and a background peel can read
     * the first E entries while more are appended. The first page starts small and doubles up to full size (a
     * short copy; the copy left behind keeps what a peel under way reads).
     */
    private static final class EdgePages {
        static final int PAGE_BITS = 19;
        static final int PAGE = 1 << PAGE_BITS;
        private int[][] pages = {new int[1024]};

        int get(int i) {
            return pages[i >>> PAGE_BITS][i & (PAGE - 1)];
        }

        static int get(int[][] pages, int i) {
            return pages[i >>> PAGE_BITS][i & (PAGE - 1)];
        }

        void set(int i, int v) {
            int p = i >>> PAGE_BITS;
            if (p == 0 && i >= pages[0].length) {
                pages[0] = Arrays.copyOf(pages[0], Math.min(PAGE, Math.max(i + 1, pages[0].length * 2)));
            } else if (p > 0) {
                if (p >= pages.length) {
                    pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
                }
                if (pages[p] == null) {
                    pages[p] = new int[PAGE];
                }
            }
            pages[p][i & (PAGE - 1)] = v;
        }

        /**
         * A copy of the directory as it is now (a few hundred references at most): its pages' entries below the
         * current size never change, and the copy never sees page 0 replaced.
         */
        int[][] pages() {
            return pages.clone();
        }
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }
}
