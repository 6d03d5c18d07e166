package org.qinglang.core.coord;

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
 *       edges keep arriving meanwhile, and the adds after it finishes take its block over in slices of bounded
 *       work ({@link #block} and {@link #density} at once); in this mode the block also grows in bounded
 *       steps (a joining node's list is walked across adds), the per-node arrays grow in small pages allocated
 *       on their first write, never copying what they hold, and the executor allocates ahead the pages the adds will need
 *       ({@link SparePages}), so that no add does more than some tens of microseconds of its own work; made by
 *       {@link #cooperative}, the peel of the same snapshot runs on the adding thread in slices
 *       ({@link CooperativePeel}), each add doing at most a fixed budget of its work, and its block is built
 *       beside the current one and swapped in when the last slice is done.</li>
 * </ul>
 * Edge weights follow FRAUDAR's column weighting at the column's current degree. Right after a peel, the
 * block equals a from-scratch run exactly (a background peel's block: on the graph it started from, with
 * the edges added since counted in its f and gains); between peels its density is never below the density
 * it had at the last peel, but a new block far from the current one waits for the next peel.
 *
 * <p>Memory: four {@code int}s per edge (ends, two list links) plus the edge set (16 to 32 bytes, more while it
 * grows), and about 12 bytes per row and 16 per column in pages of 64 or 128 KB, and while a peel runs, the graph it builds
 * (cooperative: no graph, but about 45 more bytes per node, kept between peels; background: the spare block
 * arrays, about 8 bytes per node, and the spare pages of the next growth). Not thread-safe: one instance per partition of
 * the stream (a background peel touches none of its state).
 */
public final class IncrementalDenseBlock {

    private final Fraudar peeler;
    private final double regrowth;
    private final int minBatch;

    private int edges;
    // per edge, in pages that never move (see IntPages): its ends and its links in the two adjacency lists
    private final IntPages src;
    private final IntPages dst;
    private final IntPages nextOut;
    private final IntPages nextIn;
    private final LongSet edgeSet;
    /** Pages allocated ahead by the background peel's executor (background mode), or null. */
    private final SparePages spare;

    private int rows;
    private int cols;
    // per node, in small pages that never move, a missing one reading as 0 (see NodeInts): the heads of the lists
    // stored plus one (0: none), the columns' degrees, and the block's membership and outside gains
    private final NodeInts rowHead = new NodeInts();
    private final NodeInts colHead = new NodeInts();
    private final NodeInts colDeg = new NodeInts();
    private NodeBits inRow;
    private NodeBits inCol;
    private NodeDoubles gainRow;
    private NodeDoubles gainCol;

    private double f;
    private int blockRows;
    private int blockCols;
    private int edgesAtPeel;
    private int peels;

    // the work list of nodes that may join: rows as r, columns as -(c + 1); in pages, so it never is copied whole
    private final IntPages work;
    private int workTop;
    // the node that joined last and whose list the expansion walks (walkEntry its next entry, -1: none), and, for a
    // column, its edges' weight when it joined
    private int walkNode;
    private int walkEntry = -1;
    private double walkWeight;
    /** The most expansion units (a list entry or a work-list node) one add does; unbounded but in background mode. */
    private final int expandBudget;

    /** Where full peels run, or null for the caller's thread. */
    private final Executor background;
    /** The background peel under way, or null. */
    private CompletableFuture<DenseBlock> running;

    /**
     * The cooperative peel, sliced over adds (null in the other modes), and the work units per add (also the
     * units per add of taking over a background peel's block).
     */
    private final CooperativePeel cooperative;
    private final int budget;
    private Slice slice = Slice.IDLE;
    private int lastSliceWork;
    // the next block (cooperative and background modes), built beside the current one and swapped in whole
    private int[] nextBlockRows;
    private int[] nextBlockCols;
    private NodeBits nextInRow;
    private NodeBits nextInCol;
    private NodeDoubles nextGainRow;
    private NodeDoubles nextGainCol;
    private double nextF;
    private int snapRows;
    private int snapCols;
    /** Edges below this are counted into the next block by the list walks, the others as they arrive. */
    private int countedBelow;
    private int sliceCursor;
    private int sliceEntry = -1;
    private double sliceWeight;

    /**
     * Where a cooperative peel, or the take-over of a background peel's block (CLEAR, MARK, COUNT_*), is:
     * each add moves it on by at most {@code budget} work units.
     */
    private enum Slice { IDLE, CLEAR, PEEL, MARK, COUNT_ROWS, COUNT_COLS }

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
        this(peeler, regrowth, minBatch, background, background == null ? 0 : BACKGROUND_BUDGET);
    }

    /**
     * A block whose full peels run cooperatively (协作式剥离): on the adding thread, cut into slices, each
     * {@link #add} moving the peel under way on by at most {@code budget} work units (one unit is about one
     * scattered memory access: a list entry or heap level of the peel, or a few entries of a sweep in index
     * order; {@link #DEFAULT_BUDGET} is some tens of microseconds at ten million edges). The peel reads the
     * first E edges as they were when it started, like a background peel, and its block is swapped in whole
     * when the last slice is done, with f and the outside gains counted over every edge so far. No other
     * thread, and no edge waits for more than one slice.
     *
     * @param peeler   the peeling settings (column weighting)
     * @param regrowth the fraction by which the graph grows between full peels, more than 0 (0.1 = every 10 %)
     * @param minBatch the fewest new edges between full peels, 1 or more
     * @param budget   the most work units of peeling one add does, at least {@value #MIN_BUDGET}
     */
    public static IncrementalDenseBlock cooperative(Fraudar peeler, double regrowth, int minBatch, int budget) {
        if (budget < MIN_BUDGET) {
            throw new IllegalArgumentException("budget must be at least " + MIN_BUDGET + " work units, was " + budget);
        }
        return new IncrementalDenseBlock(peeler, regrowth, minBatch, null, budget);
    }

    /** The cooperative mode's default work units per add: a peel of E edges spans about k · E / 256 adds, k ≈ 7-21. */
    public static final int DEFAULT_BUDGET = 256;
    /** The least budget: two of the largest indivisible steps (a list entry and a heap sift). */
    public static final int MIN_BUDGET = 2 * CooperativePeel.MAX_STEP;
    /**
     * The background mode's work units per add for growing the block, and as many for taking over a finished
     * peel's block: a unit is a scattered memory access, 0.1 to 0.4 us at ten million edges, so an add does
     * some microseconds of either and at most tens together.
     */
    static final int BACKGROUND_BUDGET = MIN_BUDGET;

    private IncrementalDenseBlock(Fraudar peeler, double regrowth, int minBatch, Executor background, int budget) {
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
        this.budget = budget;
        this.cooperative = budget > 0 && background == null ? new CooperativePeel(peeler) : null;
        this.spare = background != null ? new SparePages() : null;
        src = new IntPages(spare);
        dst = new IntPages(spare);
        nextOut = new IntPages(spare);
        nextIn = new IntPages(spare);
        edgeSet = new LongSet(spare);
        work = new IntPages(spare);
        expandBudget = background != null ? budget : Integer.MAX_VALUE;
        inRow = new NodeBits();
        inCol = new NodeBits();
        gainRow = new NodeDoubles();
        gainCol = new NodeDoubles();
        if (budget > 0) {
            nextInRow = new NodeBits();
            nextInCol = new NodeBits();
            nextGainRow = new NodeDoubles();
            nextGainCol = new NodeDoubles();
        }
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
        nextOut.set(e, headRow(row));
        rowHead.set(row, e + 1);
        nextIn.set(e, headCol(col));
        colHead.set(col, e + 1);
        int degree = colDeg.get(col) + 1;
        colDeg.set(col, degree);
        double w = peeler.weight(degree);
        boolean rowIn = inRow.get(row);
        boolean colIn = inCol.get(col);
        if (rowIn && colIn) {
            f += w;
        } else if (rowIn) {
            gainCol.add(col, w);
            pushWork(-(col + 1));
        } else if (colIn) {
            gainRow.add(row, w);
            pushWork(row);
        }
        int expanded = expand(expandBudget);
        if (slice == Slice.COUNT_ROWS || slice == Slice.COUNT_COLS) { // the next block counts this edge now
            boolean nextRowIn = nextInRow.get(row);
            boolean nextColIn = nextInCol.get(col);
            if (nextRowIn && nextColIn) {
                nextF += w;
            } else if (nextRowIn) {
                nextGainCol.add(col, w);
            } else if (nextColIn) {
                nextGainRow.add(row, w);
            }
        }
        lastSliceWork = 0;
        if (cooperative != null) {
            int since = edges - edgesAtPeel;
            if (slice == Slice.IDLE && since >= minBatch && since >= regrowth * edgesAtPeel) {
                startCooperativePeel();
            }
            if (slice != Slice.IDLE) {
                lastSliceWork = runSlice(budget);
            }
            return true;
        }
        if (slice == Slice.IDLE) {
            takeOverFinishedPeel();
        }
        if (slice != Slice.IDLE) {
            lastSliceWork = runSlice(budget);
        }
        if (background != null) {
            lastSliceWork += expanded;
        }
        int since = edges - edgesAtPeel;
        if (since >= minBatch && since >= regrowth * edgesAtPeel) {
            if (background == null) {
                peel();
            } else if (running == null && slice == Slice.IDLE) {
                startPeel();
            }
        }
        return true;
    }

    private void startCooperativePeel() {
        edgesAtPeel = edges;
        snapRows = rows;
        snapCols = cols;
        cooperative.start(edges, rows, cols);
        slice = Slice.CLEAR;
        sliceCursor = 0;
    }

    /**
     * One slice of the cooperative peel, or of taking over a background peel's block: clear the spare block
     * arrays (and the cooperative peel's per-node state), peel (CooperativePeel; not for a background peel's
     * block, already peeled), mark the new block's nodes, count its f and its outside gains over the edges so
     * far (list walks for the edges below {@link #countedBelow}, {@link #add} for the later ones), then swap.
     * Returns the units used, at most {@code units}.
     */
    private int runSlice(int units) {
        int used = 0;
        while (slice != Slice.IDLE && used + CooperativePeel.MAX_STEP <= units) {
            switch (slice) {
                case CLEAR -> {
                    int n = snapRows + snapCols;
                    int end = (int) Math.min(n, sliceCursor + (long) (units - used) * CooperativePeel.NODES_PER_UNIT);
                    int rowEnd = Math.min(end, snapRows);
                    if (sliceCursor < rowEnd) {
                        nextInRow.clear(sliceCursor, rowEnd);
                        nextGainRow.clear(sliceCursor, rowEnd);
                    }
                    int colFrom = Math.max(sliceCursor, snapRows) - snapRows;
                    if (colFrom < end - snapRows) {
                        nextInCol.clear(colFrom, end - snapRows);
                        nextGainCol.clear(colFrom, end - snapRows);
                    }
                    if (cooperative != null) {
                        for (int i = sliceCursor; i < end; i++) {
                            cooperative.reset(i);
                        }
                    }
                    used += CooperativePeel.units(end - sliceCursor, CooperativePeel.NODES_PER_UNIT);
                    sliceCursor = end;
                    if (sliceCursor == n) {
                        if (cooperative != null) {
                            slice = Slice.PEEL;
                        } else { // a background peel's block, already peeled
                            slice = Slice.MARK;
                            sliceCursor = 0;
                            nextF = 0;
                        }
                    }
                }
                case PEEL -> {
                    used += cooperative.run(this, units - used);
                    if (cooperative.done()) {
                        nextBlockRows = cooperative.blockRows();
                        nextBlockCols = cooperative.blockCols();
                        slice = Slice.MARK;
                        sliceCursor = 0;
                        nextF = 0;
                    }
                }
                case MARK -> {
                    int[] br = nextBlockRows;
                    int[] bc = nextBlockCols;
                    int n = br.length + bc.length;
                    int end = Math.min(n, sliceCursor + (units - used));
                    for (int i = sliceCursor; i < end; i++) {
                        if (i < br.length) {
                            nextInRow.set(br[i], true);
                        } else {
                            nextInCol.set(bc[i - br.length], true);
                        }
                    }
                    used += end - sliceCursor;
                    sliceCursor = end;
                    if (sliceCursor == n) {
                        countedBelow = edges;
                        slice = Slice.COUNT_ROWS;
                        sliceCursor = 0;
                        sliceEntry = -1;
                    }
                }
                case COUNT_ROWS -> used += countRowStep();
                case COUNT_COLS -> used += countColStep();
                default -> throw new IllegalStateException("slice " + slice);
            }
        }
        return used;
    }

    /** One list entry of the next block's rows: an edge inside adds to f, one out to its column's gain. */
    private int countRowStep() {
        int[] br = nextBlockRows;
        if (sliceEntry < 0) {
            if (sliceCursor == br.length) {
                slice = Slice.COUNT_COLS;
                sliceCursor = 0;
                return 0;
            }
            sliceEntry = headRow(br[sliceCursor++]);
            return 1;
        }
        int e = sliceEntry;
        sliceEntry = nextOut.get(e);
        if (e < countedBelow) {
            int c = dst.get(e);
            double w = peeler.weight(colDeg.get(c));
            if (nextInCol.get(c)) {
                nextF += w;
            } else {
                nextGainCol.add(c, w);
            }
        }
        return 1;
    }

    /** One list entry of the next block's columns: an edge from outside adds to its row's gain; then the swap. */
    private int countColStep() {
        int[] bc = nextBlockCols;
        if (sliceEntry < 0) {
            if (sliceCursor == bc.length) {
                swapInNextBlock();
                return 1;
            }
            int c = bc[sliceCursor++];
            sliceWeight = peeler.weight(colDeg.get(c));
            sliceEntry = headCol(c);
            return 1;
        }
        int e = sliceEntry;
        sliceEntry = nextIn.get(e);
        if (e < countedBelow) {
            int r = src.get(e);
            if (!nextInRow.get(r)) {
                nextGainRow.add(r, sliceWeight);
            }
        }
        return 1;
    }

    /**
     * The next block (a cooperative peel's, or a background peel's taken over) becomes the current one; the old
     * block's arrays are cleared by the next CLEAR slices.
     */
    private void swapInNextBlock() {
        NodeBits b = inRow;
        inRow = nextInRow;
        nextInRow = b;
        b = inCol;
        inCol = nextInCol;
        nextInCol = b;
        NodeDoubles d = gainRow;
        gainRow = nextGainRow;
        nextGainRow = d;
        d = gainCol;
        gainCol = nextGainCol;
        nextGainCol = d;
        f = nextF;
        dropExpansion();
        blockRows = nextBlockRows.length;
        blockCols = nextBlockCols.length;
        nextBlockRows = null;
        nextBlockCols = null;
        peels++;
        slice = Slice.IDLE;
    }

    /**
     * The work units of peeling that the last {@link #add} did (cooperative mode), or of taking over a background
     * peel's block and of growing the block (background mode, at most {@value #BACKGROUND_BUDGET} of each); 0 in the
     * caller's-thread mode.
     */
    int lastSliceWork() {
        return lastSliceWork;
    }

    /** Full pages the adding thread had to allocate itself in the background mode, none being spare (0 otherwise). */
    int sparePagesMissed() {
        return spare == null ? 0 : spare.missed();
    }

    // the adjacency lists, for CooperativePeel: newest edge first, -1 at the end
    int headRow(int r) {
        return rowHead.get(r) - 1;
    }

    int headCol(int c) {
        return colHead.get(c) - 1;
    }

    int nextOut(int e) {
        return nextOut.get(e);
    }

    int nextIn(int e) {
        return nextIn.get(e);
    }

    int src(int e) {
        return src.get(e);
    }

    int dst(int e) {
        return dst.get(e);
    }

    /**
     * Runs a full peel now, on this thread: the block becomes exactly what {@link Fraudar#densest} finds. A
     * background peel under way is dropped.
     */
    public void peel() {
        running = null;
        slice = Slice.IDLE;
        edgesAtPeel = edges;
        adopt(peeler.densest(graph(src.pages(), dst.pages(), edges, rows, cols)));
    }

    /** True while a background or cooperative peel runs (its block not yet taken over). */
    public boolean peeling() {
        return running != null || slice != Slice.IDLE;
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
        int intPages = spareIntPagesAhead();
        int longPages = spareLongPagesAhead();
        running = CompletableFuture.supplyAsync(() -> {
            spare.stock(intPages, longPages);
            return peeler.densest(graph(s, d, e, r, c));
        }, background);
        edgesAtPeel = e;
    }

    /**
     * The edges that may arrive before the peel after the one starting now has stocked its pages: the graph
     * grown three times by {@code regrowth} (the next peel can start when it has grown once, and may start late
     * when this one, or its take-over, is slow).
     */
    private long edgesAhead() {
        double g = (1 + regrowth) * (1 + regrowth) * (1 + regrowth);
        return Math.max((long) Math.ceil(edges * Math.min(g, 1e6)), (long) edges + 3L * minBatch);
    }

    /**
     * The full pages the four edge arrays will begin in that time ({@link #edgesAhead}), at most
     * {@value #MAX_SPARE_PAGES}.
     */
    private int spareIntPagesAhead() {
        long ahead = edgesAhead();
        long pagesNow = edges <= IntPages.SMALL_MAX ? 0 : ((edges - 1L) >>> IntPages.PAGE_BITS) + 1;
        long pagesThen = ahead <= IntPages.SMALL_MAX ? 0 : ((ahead - 1) >>> IntPages.PAGE_BITS) + 1;
        return (int) Math.min(MAX_SPARE_PAGES, 4 * (pagesThen - pagesNow));
    }

    /** The full pages of the edge set's next table if it will grow in that time (as many as it has slots). */
    private int spareLongPagesAhead() {
        long ahead = edgesAhead();
        long cap = edgeSet.capacity();
        if (2 * ahead <= cap) {
            return 0;
        }
        return (int) Math.min(MAX_SPARE_PAGES, 2 * cap >>> LongSet.PAGE_BITS);
    }

    /** The most spare pages of each kind stocked ahead (512 MB). */
    static final int MAX_SPARE_PAGES = 256;

    /**
     * Begins taking over the block of a background peel that has finished: the next block is built beside the
     * current one by the slices of later adds (CLEAR, MARK, COUNT_*, as for a cooperative peel) and swapped in
     * whole, so no add clears the per-node arrays or walks the block's lists at once. A peel that failed
     * throws here.
     */
    private void takeOverFinishedPeel() {
        if (running != null && running.isDone()) {
            DenseBlock block;
            try {
                block = running.join();
            } finally {
                running = null;
            }
            nextBlockRows = block.rows();
            nextBlockCols = block.cols();
            snapRows = rows;
            snapCols = cols;
            slice = Slice.CLEAR;
            sliceCursor = 0;
        }
    }

    /**
     * Takes over a finished background peel's block now, whole, and finishes growing the block (a query, which
     * reads every node anyway).
     */
    private void finishTakeOver() {
        if (background == null) {
            return;
        }
        expand(Integer.MAX_VALUE);
        if (slice == Slice.IDLE) {
            takeOverFinishedPeel();
        }
        while (slice != Slice.IDLE) {
            runSlice(1 << 30);
        }
    }

    private static BipartiteGraph graph(int[][] src, int[][] dst, int edges, int rows, int cols) {
        BipartiteGraph.Builder b = new BipartiteGraph.Builder(rows, cols);
        for (int e = 0; e < edges; e++) {
            b.add(IntPages.get(src, e), IntPages.get(dst, e));
        }
        return b.build();
    }

    /** Makes {@code block} the current block, with its f and the outside nodes' gains over every edge so far. */
    private void adopt(DenseBlock block) {
        dropExpansion();
        inRow.clear(rows);
        inCol.clear(cols);
        gainRow.clear(0, rows);
        gainCol.clear(0, cols);
        for (int r : block.rows()) {
            inRow.set(r, true);
        }
        for (int c : block.cols()) {
            inCol.set(c, true);
        }
        blockRows = block.rows().length;
        blockCols = block.cols().length;
        f = 0;
        for (int r : block.rows()) {
            for (int e = headRow(r); e >= 0; e = nextOut.get(e)) {
                int c = dst.get(e);
                double w = peeler.weight(colDeg.get(c));
                if (inCol.get(c)) {
                    f += w;
                } else {
                    gainCol.add(c, w);
                }
            }
        }
        for (int c : block.cols()) {
            double w = peeler.weight(colDeg.get(c));
            for (int e = headCol(c); e >= 0; e = nextIn.get(e)) {
                if (!inRow.get(src.get(e))) {
                    gainRow.add(src.get(e), w);
                }
            }
        }
        peels++;
    }

    /**
     * The current block (rows and columns sorted), with its density as tracked ({@link #density}: each edge weighted
     * at its column's degree when it was counted, not at the current degrees).
     */
    public DenseBlock block() {
        finishTakeOver();
        int[] br = new int[blockRows];
        int[] bc = new int[blockCols];
        int i = 0;
        for (int r = 0; r < rows && i < br.length; r++) {
            if (inRow.get(r)) {
                br[i++] = r;
            }
        }
        i = 0;
        for (int c = 0; c < cols && i < bc.length; c++) {
            if (inCol.get(c)) {
                bc[i++] = c;
            }
        }
        long inside = 0;
        for (int r : br) {
            for (int e = headRow(r); e >= 0; e = nextOut.get(e)) {
                if (inCol.get(dst.get(e))) {
                    inside++;
                }
            }
        }
        return new DenseBlock(br, bc, density(), inside);
    }

    /** The block's density f / |S| as tracked (edge weights at the time each edge was counted). */
    public double density() {
        finishTakeOver();
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

    /** Puts a node that may join on the work list (none while the block is empty). */
    private void pushWork(int node) {
        if (blockRows + blockCols == 0) {
            return;
        }
        work.set(workTop++, node);
    }

    /**
     * Grows the block from the work list (the inverse of a peeling step): a node whose gain exceeds the density
     * joins, and the walk of its list raises its outside neighbours' gains and puts them on the list. Does at
     * most {@code units} units (a list entry walked, a node taken off the list) and returns how many; what is
     * left goes on at the next call, where it left off: the walk follows the list from the entry it reached, so
     * edges added meanwhile (at the head) are not counted twice, and no node joins while a walk is unfinished.
     * With no limit, the order is that of a depth-first expansion done at once.
     */
    private int expand(int units) {
        int used = 0;
        while (used < units) {
            if (walkEntry >= 0) {
                int e = walkEntry;
                if (walkNode >= 0) {
                    walkEntry = nextOut.get(e);
                    int c = dst.get(e);
                    if (!inCol.get(c)) {
                        gainCol.add(c, peeler.weight(colDeg.get(c)));
                        pushWork(-(c + 1));
                    }
                } else {
                    walkEntry = nextIn.get(e);
                    int r = src.get(e);
                    if (!inRow.get(r)) {
                        gainRow.add(r, walkWeight);
                        pushWork(r);
                    }
                }
                used++;
                continue;
            }
            if (workTop == 0) {
                break;
            }
            int x = work.get(--workTop);
            used++;
            double g = f / (blockRows + blockCols);
            if (x >= 0) {
                if (inRow.get(x) || gainRow.get(x) <= g) {
                    continue;
                }
                inRow.set(x, true);
                blockRows++;
                f += gainRow.get(x);
                gainRow.set(x, 0);
                walkEntry = headRow(x);
            } else {
                int c = -x - 1;
                if (inCol.get(c) || gainCol.get(c) <= g) {
                    continue;
                }
                inCol.set(c, true);
                blockCols++;
                f += gainCol.get(c);
                gainCol.set(c, 0);
                walkWeight = peeler.weight(colDeg.get(c));
                walkEntry = headCol(c);
            }
            walkNode = x;
        }
        return used;
    }

    /** Forgets the expansion under way: the block is being replaced. */
    private void dropExpansion() {
        workTop = 0;
        walkEntry = -1;
    }

    /**
     * Makes the per-node arrays readable up to the new row and column: at most a small first page doubled or a
     * directory of page references lengthened; the pages themselves are allocated on their first write.
     */
    private void ensureNodes(int row, int col) {
        if (row >= rows) {
            rows = row + 1;
            rowHead.ensure(rows);
            inRow.ensure(rows);
            gainRow.ensure(rows);
            if (nextInRow != null) {
                nextInRow.ensure(rows);
                nextGainRow.ensure(rows);
            }
        }
        if (col >= cols) {
            cols = col + 1;
            colHead.ensure(cols);
            colDeg.ensure(cols);
            inCol.ensure(cols);
            gainCol.ensure(cols);
            if (nextInCol != null) {
                nextInCol.ensure(cols);
                nextGainCol.ensure(cols);
            }
        }
    }

    /**
     * The most entries (or page references) one growth of a per-node array has copied so far: at most half a
     * {@link NodeInts#PAGE}, or a directory of one reference per page, however many nodes there are.
     */
    int largestNodeCopy() {
        int most = Math.max(rowHead.largestCopy(), Math.max(colHead.largestCopy(), colDeg.largestCopy()));
        for (NodeBits b : new NodeBits[] {inRow, inCol, nextInRow, nextInCol}) {
            most = b == null ? most : Math.max(most, b.largestCopy());
        }
        for (NodeDoubles d : new NodeDoubles[] {gainRow, gainCol, nextGainRow, nextGainCol}) {
            most = d == null ? most : Math.max(most, d.largestCopy());
        }
        return most;
    }

}
