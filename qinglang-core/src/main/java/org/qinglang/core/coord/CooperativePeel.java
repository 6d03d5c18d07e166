package org.qinglang.core.coord;

/**
 * FRAUDAR's greedy peel ({@link Fraudar#densest}) cut into slices of bounded work (协作式分片剥离), run by
 * {@link IncrementalDenseBlock} on the thread that adds edges, a few hundred work units per edge, instead of on
 * a thread of its own.
 *
 * <p>It peels the first E edges of the block's own adjacency lists, which never change once written (a later
 * edge gets a higher index and goes to the head of its lists, where the peel skips it), so the snapshot is
 * the number E and costs no copy. Phases, each resumable after any step:
 * <ol>
 *   <li>reset the per-node state of nodes 0..R+C (walked by the caller with its own);</li>
 *   <li>column degrees over edges 0..E, then the column weights;</li>
 *   <li>row priorities, the sum of the weights of each row's edges;</li>
 *   <li>a binary heap of the nodes with edges: filled, then heapified bottom-up (one unit per level a node
 *       sinks, plus one);</li>
 *   <li>peeling: take the node of least priority off the heap (one unit per level plus one), keep the densest
 *       set seen, and lower its neighbours' priorities one list entry at a time (one unit per entry plus one
 *       per level a neighbour rises), so even a column with a million edges is peeled across many slices;</li>
 *   <li>the block: the nodes peeled after the densest point, read off the peeling order (one unit per block
 *       node) into arrays of the block's size.</li>
 * </ol>
 * The first steps are sweeps in index order, {@value #EDGES_PER_UNIT} edges, {@value #NODES_PER_UNIT} nodes or
 * {@value #COLUMNS_PER_UNIT} columns weighed to a unit. The priorities are sums of real-valued column weights,
 * so the queue is a binary heap (O(log n) per operation, at most {@value #MAX_STEP} units) rather than a bucket
 * queue, which needs integer priorities. The steps and sums are Fraudar's; only the order in which ties and
 * rounding fall may differ, because the lists give a node's edges newest first where Fraudar's graph gives them
 * sorted.
 *
 * <p>The per-node arrays live in pages that are kept and reused by later peels; a page is allocated only when
 * the graph has more nodes than any earlier peel saw. Not thread-safe: the adding thread only.
 */
final class CooperativePeel {

    /** The most units one indivisible step can take: a list entry (1) plus a heap sift (at most 31 levels). */
    static final int MAX_STEP = 32;
    /**
     * Sweeps in index order cost less per entry than the peel's scattered steps (measured on three million
     * edges: 4-7 ns per entry against 70-130 ns per list entry or heap level), so a unit of a sweep covers
     * several entries: {@value} nodes of a sweep over the nodes.
     */
    static final int NODES_PER_UNIT = 8;
    /** Edges of a sweep over the edges per unit (each adds to a node's entry: scattered writes, so fewer). */
    static final int EDGES_PER_UNIT = 4;
    /** Columns per unit of the sweep that weighs them (a logarithm each, so fewer still). */
    static final int COLUMNS_PER_UNIT = 2;

    private enum Phase { DEGREES, WEIGHTS, ROW_SUMS, HEAP_FILL, HEAPIFY, PEEL, COLLECT, DONE }

    private final Fraudar peeler;
    // per node (rows 0..R-1, columns R..R+C-1): priority and heap slot (-1 when not in the heap)
    private final DoublePages prio = new DoublePages();
    private final IntPages pos = new IntPages();
    // the heap, the nodes in the order peeled, and the column weights
    private final IntPages heap = new IntPages();
    private final IntPages order = new IntPages();
    private final DoublePages colW = new DoublePages();

    private Phase phase = Phase.DONE;
    private int snapshotEdges;
    private int rows;
    private int cols;
    private int cursor;
    private int size;
    private double f;
    private int alive;
    private int total;
    private int step;
    private double best;
    private int bestStep;
    private int rowsPresent;
    private int rowsPeeled;
    private int rowsPeeledAtBest;
    /** The node whose neighbours are being lowered, or -1; and the next entry of its list. */
    private int current = -1;
    private int entry;

    private int[] blockRows;
    private int[] blockCols;
    private int nextRow;
    private int nextCol;

    CooperativePeel(Fraudar peeler) {
        this.peeler = peeler;
    }

    /**
     * Prepares a peel of the first {@code edges} edges, on {@code rows} rows and {@code cols} columns: then
     * {@link #reset} each node 0..rows+cols, then {@link #run} slices.
     */
    void start(int edges, int rows, int cols) {
        this.snapshotEdges = edges;
        this.rows = rows;
        this.cols = cols;
        phase = Phase.DEGREES;
        cursor = 0;
        size = 0;
        f = 0;
        rowsPresent = 0;
        rowsPeeled = 0;
        rowsPeeledAtBest = 0;
        current = -1;
        blockRows = null;
        blockCols = null;
    }

    /**
     * Resets node {@code v}'s state before the peel (one unit of work, counted by the caller, which walks the
     * nodes together with its own per-node state).
     */
    void reset(int v) {
        prio.set(v, 0);
        pos.set(v, -1);
    }

    boolean done() {
        return phase == Phase.DONE;
    }

    /** The edges the peel reads (the snapshot). */
    int snapshotEdges() {
        return snapshotEdges;
    }

    /** The block found, its rows in no particular order; valid once {@link #done()}. */
    int[] blockRows() {
        return blockRows;
    }

    /** The block found, its columns in no particular order; valid once {@link #done()}. */
    int[] blockCols() {
        return blockCols;
    }

    /** The block's density at the snapshot's weights; valid once {@link #done()}. */
    double density() {
        return best;
    }

    /**
     * Advances the peel by indivisible steps while another step fits in {@code budget} units; returns the units
     * used (at most {@code budget}).
     */
    int run(IncrementalDenseBlock g, int budget) {
        int used = 0;
        int n = rows + cols;
        while (phase != Phase.DONE && used + MAX_STEP <= budget) {
            switch (phase) {
                case DEGREES -> {
                    int end = (int) Math.min(snapshotEdges, cursor + (long) (budget - used) * EDGES_PER_UNIT);
                    for (int e = cursor; e < end; e++) {
                        prio.add(rows + g.dst(e), 1);
                    }
                    used += units(end - cursor, EDGES_PER_UNIT);
                    cursor = end;
                    if (cursor == snapshotEdges) {
                        next(Phase.WEIGHTS);
                    }
                }
                case WEIGHTS -> {
                    int end = (int) Math.min(cols, cursor + (long) (budget - used) * COLUMNS_PER_UNIT);
                    for (int c = cursor; c < end; c++) {
                        int d = (int) prio.get(rows + c);
                        double w = peeler.weight(d);
                        colW.set(c, w);
                        prio.set(rows + c, w * d);
                    }
                    used += units(end - cursor, COLUMNS_PER_UNIT);
                    cursor = end;
                    if (cursor == cols) {
                        next(Phase.ROW_SUMS);
                    }
                }
                case ROW_SUMS -> {
                    int end = (int) Math.min(snapshotEdges, cursor + (long) (budget - used) * EDGES_PER_UNIT);
                    for (int e = cursor; e < end; e++) {
                        prio.add(g.src(e), colW.get(g.dst(e)));
                    }
                    used += units(end - cursor, EDGES_PER_UNIT);
                    cursor = end;
                    if (cursor == snapshotEdges) {
                        next(Phase.HEAP_FILL);
                    }
                }
                case HEAP_FILL -> {
                    int end = (int) Math.min(n, cursor + (long) (budget - used) * NODES_PER_UNIT);
                    for (int v = cursor; v < end; v++) {
                        double p = prio.get(v);
                        if (p > 0) { // every weight is positive: a node has edges exactly when its priority is
                            heap.set(size, v);
                            pos.set(v, size);
                            size++;
                            if (v < rows) {
                                f += p;
                                rowsPresent++;
                            }
                        }
                    }
                    used += units(end - cursor, NODES_PER_UNIT);
                    cursor = end;
                    if (cursor == n) {
                        alive = size;
                        total = size;
                        step = 0;
                        best = size == 0 ? 0 : f / size;
                        bestStep = 0;
                        next(size == 0 ? Phase.COLLECT : Phase.HEAPIFY);
                        cursor = size / 2 - 1;
                        if (size == 0) {
                            cursor = 0;
                        }
                    }
                }
                case HEAPIFY -> {
                    if (cursor < 0) {
                        next(Phase.PEEL);
                    } else {
                        used += 1 + down(cursor--);
                    }
                }
                case PEEL -> used += peelStep(g);
                case COLLECT -> used += collect(budget - used);
                default -> throw new IllegalStateException("phase " + phase);
            }
        }
        return used;
    }

    /** The units of a sweep over {@code entries} entries, {@code perUnit} per unit (rounded up). */
    static int units(int entries, int perUnit) {
        return (entries + perUnit - 1) / perUnit;
    }

    private void next(Phase p) {
        phase = p;
        cursor = 0;
    }

    /** One indivisible step of peeling: take a node off the heap, or lower one neighbour of the node taken. */
    private int peelStep(IncrementalDenseBlock g) {
        if (current < 0) {
            if (step == total) {
                next(Phase.COLLECT);
                return 0;
            }
            int v = heap.get(0);
            int units = 1;
            size--;
            if (size > 0) {
                int last = heap.get(size);
                heap.set(0, last);
                pos.set(last, 0);
                units += down(0);
            }
            pos.set(v, -1);
            order.set(step, v);
            f -= prio.get(v);
            alive--;
            step++;
            if (v < rows) {
                rowsPeeled++;
            }
            if (alive > 0) {
                double density = f / alive;
                if (density > best) {
                    best = density;
                    bestStep = step;
                    rowsPeeledAtBest = rowsPeeled;
                }
            }
            current = v;
            entry = v < rows ? g.headRow(v) : g.headCol(v - rows);
            return units;
        }
        int e = entry;
        if (e < 0) {
            current = -1;
            return 1;
        }
        int v = current;
        if (v < rows) {
            entry = g.nextOut(e);
            if (e < snapshotEdges) {
                int u = rows + g.dst(e);
                int slot = pos.get(u);
                if (slot >= 0) {
                    prio.set(u, prio.get(u) - colW.get(u - rows));
                    return 1 + up(slot);
                }
            }
        } else {
            entry = g.nextIn(e);
            if (e < snapshotEdges) {
                int u = g.src(e);
                int slot = pos.get(u);
                if (slot >= 0) {
                    prio.set(u, prio.get(u) - colW.get(v - rows));
                    return 1 + up(slot);
                }
            }
        }
        return 1;
    }

    /** Collects the nodes peeled at or after the densest point, one unit each. */
    private int collect(int budget) {
        if (blockRows == null) {
            int nr = rowsPresent - rowsPeeledAtBest;
            blockRows = new int[nr];
            blockCols = new int[total - bestStep - nr];
            nextRow = 0;
            nextCol = 0;
        }
        int from = bestStep + cursor;
        int end = Math.min(total, from + budget);
        for (int i = from; i < end; i++) {
            int v = order.get(i);
            if (v < rows) {
                blockRows[nextRow++] = v;
            } else {
                blockCols[nextCol++] = v - rows;
            }
        }
        cursor += end - from;
        if (end == total) {
            phase = Phase.DONE;
        }
        return end - from;
    }

    /** Sifts the node at {@code slot} towards the root; returns the levels it rose. */
    private int up(int slot) {
        int i = slot;
        int id = heap.get(i);
        double k = prio.get(id);
        int levels = 0;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            int pid = heap.get(p);
            if (prio.get(pid) <= k) {
                break;
            }
            heap.set(i, pid);
            pos.set(pid, i);
            i = p;
            levels++;
        }
        heap.set(i, id);
        pos.set(id, i);
        return levels;
    }

    /** Sifts the node at {@code slot} towards the leaves; returns the levels it sank. */
    private int down(int slot) {
        int i = slot;
        int id = heap.get(i);
        double k = prio.get(id);
        int half = size >>> 1;
        int levels = 0;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && prio.get(heap.get(r)) < prio.get(heap.get(c))) {
                c = r;
            }
            int cid = heap.get(c);
            if (prio.get(cid) >= k) {
                break;
            }
            heap.set(i, cid);
            pos.set(cid, i);
            i = c;
            levels++;
        }
        heap.set(i, id);
        pos.set(id, i);
        return levels;
    }
}
