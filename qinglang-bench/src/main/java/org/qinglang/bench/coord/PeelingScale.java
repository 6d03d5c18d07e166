package org.qinglang.bench.coord;

import org.openjdk.jol.info.GraphLayout;
import org.qinglang.core.coord.BipartiteGraph;
import org.qinglang.core.coord.DenseBlock;
import org.qinglang.core.coord.Fraudar;
import org.qinglang.core.coord.IncrementalDenseBlock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Issue #6 scale: FRAUDAR peeling of a large heavy-tailed account × target graph on one thread, the
 * incremental block's cost per edge, and the memory of both (JOL).
 *
 * <p>The graph: {@code edges} / 10 accounts with log-normal out-degree (σ = 1.2), edges / 50 targets chosen
 * by Zipf (s = 0.9), plus a planted 200 × 100 complete block; fixed seed. Timed harness, not JMH: one
 * 10-million-edge peel is a single multi-second operation.
 *
 * With {@code -DpeelNice=N} the background peel's thread is reniced to N (19: lowest) before the run, so that
 * the OS prefers the adding thread when both want the same core.
 *
 * <pre>taskset -c 1 java -Xmx6g -Djol.magicFieldOffset=true -Djdk.attach.allowAttachSelf=true -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.coord.PeelingScale [edges] [incrementalEdges] [mode] [budget]</pre>
 *
 * {@code mode}, where the incremental block's full peels run:
 * <ul>
 *   <li>{@code background} (the default; {@code true} too): on a thread of their own, so the latencies are those
 *       of edges that never wait for a peel; give the process a second core for that thread;</li>
 *   <li>{@code cooperative}: on the adding thread, in slices of at most {@code budget} work units per edge
 *       (default {@link IncrementalDenseBlock#DEFAULT_BUDGET}); no second thread;</li>
 *   <li>{@code caller} ({@code false} too): every full peel on the thread of the edge that triggers it.</li>
 * </ul>
 */
public final class PeelingScale {

    private PeelingScale() {
    }

    public static void main(String[] args) throws Exception {
        int edges = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int incEdges = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        String mode = args.length > 2 ? args[2] : "background";
        mode = switch (mode) {
            case "true", "background" -> "background";
            case "false", "caller" -> "caller";
            case "cooperative" -> "cooperative";
            default -> throw new IllegalArgumentException("mode must be background, cooperative or caller, was " + mode);
        };
        boolean background = mode.equals("background");
        int budget = args.length > 3 ? Integer.parseInt(args[3]) : IncrementalDenseBlock.DEFAULT_BUDGET;
        int[][] e = generate(edges, 42);
        int[] src = e[0];
        int[] dst = e[1];
        System.out.printf(Locale.ROOT, "graph: %,d edges generated (%,d accounts, %,d targets, planted 200 x 100 block)%n",
                src.length, edges / 10, edges / 50);

        // warm-up on a small graph so the JIT has compiled the peeling loop
        for (int w = 0; w < 3; w++) {
            BipartiteGraph.Builder b = new BipartiteGraph.Builder();
            for (int i = 0; i < Math.min(src.length, 1_000_000); i++) {
                b.add(src[i], dst[i]);
            }
            Fraudar.PAPER.densest(b.build());
        }

        long t0 = System.nanoTime();
        BipartiteGraph.Builder b = new BipartiteGraph.Builder();
        for (int i = 0; i < src.length; i++) {
            b.add(src[i], dst[i]);
        }
        BipartiteGraph g = b.build();
        long t1 = System.nanoTime();
        DenseBlock block = Fraudar.PAPER.densest(g);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "static: build %.2f s + peel %.2f s = %.2f s for %,d distinct edges; block %d x %d, fill %.2f%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, g.edges(), block.rows().length, block.cols().length, block.fill());
        long graphBytes = GraphLayout.parseInstance(g).totalSize();
        System.out.printf(Locale.ROOT, "static graph memory (JOL): %,d bytes = %.1f MB per million edges%n",
                graphBytes, graphBytes / (g.edges() / 1e6) / 1e6);
        g = null;
        b = null;

        ExecutorService peels = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "peel");
            t.setDaemon(true);
            return t;
        });
        if (background) { // the thread started and the executor's classes loaded before the timed adds, as a host would
            peels.submit(() -> { }).get();
        }
        String nice = System.getProperty("peelNice");
        if (nice != null && background) {
            System.out.println(renicePeelThread(peels, Integer.parseInt(nice)));
        }
        IncrementalDenseBlock inc = mode.equals("cooperative")
                ? IncrementalDenseBlock.cooperative(Fraudar.PAPER, 0.1, 10_000, budget)
                : new IncrementalDenseBlock(Fraudar.PAPER, 0.1, 10_000, background ? peels : null);
        int n = Math.min(incEdges, src.length);
        long[] lat = new long[n];
        long[] cpu = new long[n];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpuCall = cpuTimeCallNanos(mx);
        EdgeKinds kinds = new EdgeKinds();
        // the floor: the same two readings around no work, as many times; what the thread is charged for nothing
        // (interrupts are charged to the running thread where the kernel has no IRQ time accounting)
        long[] floor = new long[n];
        long sink = 0;
        for (int i = 0; i < n; i++) {
            long ca = mx.getCurrentThreadCpuTime();
            sink += src[i] ^ dst[i];
            floor[i] = mx.getCurrentThreadCpuTime() - ca;
        }
        Arrays.sort(floor);
        long[] statBefore = ThreadStat.read();
        long s0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int peelsBefore = inc.peels();
            boolean peelingBefore = inc.peeling();
            long a = System.nanoTime();
            long ca = mx.getCurrentThreadCpuTime();
            boolean isNew = inc.add(src[i], dst[i]);
            long z = System.nanoTime(); // before the second reading: one reading inside the wall clock, as printed
            long cb = mx.getCurrentThreadCpuTime();
            lat[i] = z - a;
            cpu[i] = cb - ca;
            kinds.note(src[i], dst[i], isNew, cpu[i], inc.peels() != peelsBefore, !peelingBefore && inc.peeling());
        }
        long s1 = System.nanoTime();
        long[] statAfter = ThreadStat.read();
        long peelNanos = 0;
        int peelEdges = 0;
        for (long l : lat) {
            if (l > 1_000_000) {
                peelNanos += l;
                peelEdges++;
            }
        }
        Arrays.sort(lat);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "full peels %s%n", switch (mode) {
            case "background" -> "in the background (a thread of their own)";
            case "cooperative" -> "cooperative: on the adding thread, at most " + budget + " work units per edge";
            default -> "on the adding thread, each whole on the edge that triggers it";
        });
        System.out.printf(Locale.ROOT, "incremental: %,d edges in %.2f s: %.2f us per edge amortised (%d full peels; edges over 1 ms took %.2f s);"
                        + " %.2f us per edge without the edges over 1 ms%n",
                n, (s1 - s0) / 1e9, (s1 - s0) / 1e3 / n, inc.peels(), peelNanos / 1e9,
                ((s1 - s0) - peelNanos) / 1e3 / Math.max(1, n - peelEdges));
        System.out.printf(Locale.ROOT, "incremental latency per edge (wall clock): %s%s%n", distribution(lat),
                mode.equals("caller") ? " (an edge that triggers a full peel)" : " (no edge waits for a whole peel)");
        System.out.printf(Locale.ROOT, "incremental thread CPU time per edge (its own work, user + system; each reading"
                + " costs %.2f us, counted once in the wall clock figures): %s%n", cpuCall / 1e3, distribution(cpu));
        System.out.printf(Locale.ROOT, "the same CPU time readings around no work, as many times (the floor%s): %s%n",
                sink == 42 ? "!" : "", distribution(floor));
        System.out.printf(Locale.ROOT, "adding thread over the whole loop (/proc/thread-self): %s%n",
                ThreadStat.describe(statBefore, statAfter));
        System.out.printf(Locale.ROOT, "edges with over 50 us of CPU time, by what the add did (inferred): %s%n", kinds);
        DenseBlock ib = inc.block();
        BipartiteGraph.Builder pb = new BipartiteGraph.Builder();
        for (int i = 0; i < n; i++) {
            pb.add(src[i], dst[i]);
        }
        BipartiteGraph prefix = pb.build();
        DenseBlock exact = Fraudar.PAPER.densest(prefix);
        double kept = Fraudar.PAPER.density(prefix, ib);
        System.out.printf(Locale.ROOT, "incremental block %d x %d, density %.3f at current weights; from-scratch peel of the same %,d edges:"
                        + " %d x %d, density %.3f (ratio %.3f)%n", ib.rows().length, ib.cols().length, kept, n,
                exact.rows().length, exact.cols().length, exact.density(), kept / exact.density());
        prefix = null;
        pb = null;
        // the block itself, spare pages and spare block arrays included: its executor first finishes the peel it may
        // be running and ends its thread (JOL would otherwise walk from the block into a live thread and all it
        // reaches), and the idle executor's own bytes are taken off (until 2026-12-03 a twin fed the same edges
        // without an executor was measured, which never peels and so holds none of the spares: an understatement)
        long executorBytes = 0;
        if (background) {
            peels.shutdown();
            if (!peels.awaitTermination(30, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("the last peel did not finish");
            }
            executorBytes = GraphLayout.parseInstance(peels).totalSize();
        }
        long incBytes = GraphLayout.parseInstance(inc).totalSize() - executorBytes;
        System.out.printf(Locale.ROOT, "incremental memory (JOL): %,d bytes = %.1f MB per million edges%n",
                incBytes, incBytes / (inc.edges() / 1e6) / 1e6);
    }

    /**
     * Starts the executor's thread and lowers its OS priority ({@code renice}, Linux): its native id is found by
     * its name in /proc/self/task/{tid}/comm. A host can do the same with its own peel executor.
     */
    private static String renicePeelThread(ExecutorService peels, int nice) {
        try {
            peels.submit(() -> { }).get();
            for (java.nio.file.Path task : java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
                if (java.nio.file.Files.readString(task.resolve("comm")).trim().equals("peel")) {
                    String tid = task.getFileName().toString();
                    Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
                            .redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes()).trim();
                    return "peel thread " + tid + " reniced to " + nice + " (exit " + p.waitFor() + ": " + out + ")";
                }
            }
            return "peel thread not found; not reniced";
        } catch (Exception e) {
            return "peel thread not reniced: " + e;
        }
    }

    /** p50 / p99 / p99.9 / p99.99 / max and the counts over 50 us, 1 ms and 10 ms of sorted nanoseconds. */
    private static String distribution(long[] sorted) {
        int n = sorted.length;
        return String.format(Locale.ROOT, "p50 %.2f us, p99 %.2f us, p99.9 %.2f us, p99.99 %.2f us, max %.2f ms;"
                        + " over 50 us: %d, over 1 ms: %d, over 10 ms: %d",
                sorted[n / 2] / 1e3, sorted[(int) (n * 0.99)] / 1e3, sorted[(int) (n * 0.999)] / 1e3,
                sorted[(int) (n * 0.9999)] / 1e3, sorted[n - 1] / 1e6, n - lowerBound(sorted, 50_000),
                n - lowerBound(sorted, 1_000_000), n - lowerBound(sorted, 10_000_000));
    }

    /** The median cost of one {@link ThreadMXBean#getCurrentThreadCpuTime} call, in nanoseconds. */
    private static long cpuTimeCallNanos(ThreadMXBean mx) {
        long[] t = new long[21];
        long sink = 0;
        for (int k = 0; k < t.length; k++) {
            long a = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                sink += mx.getCurrentThreadCpuTime();
            }
            t[k] = (System.nanoTime() - a) / 10_000;
        }
        Arrays.sort(t);
        return sink == 42 ? -1 : t[t.length / 2];
    }

    /**
     * What an add with over 50 us of its own CPU time did, inferred from outside from the block's documented
     * growth rules (IntPages' first page doubles from 1,024 up to 2^16 entries, then is a full page of 2^19;
     * LongSet doubles from 16; the node arrays' first pages double from 1,024
     * up to 2^14 entries, and a page of 2^14 entries is begun at the first edge of a node in it): took over a
     * finished peel, started one, began a new page of the edge arrays (2^19 edges) or doubled their first page,
     * grew the node arrays, doubled the edge set or fell while its keys are being moved (2^k / 8 adds after), or
     * other.
     */
    private static final class EdgeKinds {
        private static final String[] NAMES = {"took over a peel", "started a peel", "new edge page",
            "node arrays grew", "edge set grew", "edge set moving", "other"};
        private static final int NODE_PAGE = 1 << 14;
        private final int[] count = new int[NAMES.length];
        private final long[] most = new long[NAMES.length];
        private long rowCap = 1024;
        private long colCap = 1024;
        private final BitSet rowPages = new BitSet();
        private final BitSet colPages = new BitSet();
        private long setCap = 16;
        private long moveEnd = -1;
        private long distinct;

        void note(int row, int col, boolean isNew, long cpuNanos, boolean tookOver, boolean started) {
            long e = distinct;
            if (isNew) {
                distinct++;
            }
            boolean nodes = false;
            if (row >= rowCap && rowCap < NODE_PAGE) {
                rowCap = Math.min(NODE_PAGE, Math.max(row + 1L, rowCap * 2));
                nodes = true;
            }
            if (col >= colCap && colCap < NODE_PAGE) {
                colCap = Math.min(NODE_PAGE, Math.max(col + 1L, colCap * 2));
                nodes = true;
            }
            if (row >= NODE_PAGE && !rowPages.get(row / NODE_PAGE)) {
                rowPages.set(row / NODE_PAGE);
                nodes = true;
            }
            if (col >= NODE_PAGE && !colPages.get(col / NODE_PAGE)) {
                colPages.set(col / NODE_PAGE);
                nodes = true;
            }
            boolean setGrew = false;
            if (isNew && 2 * distinct > setCap) {
                moveEnd = distinct + setCap / 8;
                setCap *= 2;
                setGrew = true;
            }
            boolean page = isNew && e > 0 && (e % (1 << 19) == 0 || e <= (1 << 16) && e >= 1024 && Long.bitCount(e) == 1);
            if (cpuNanos <= 50_000) {
                return;
            }
            int k = tookOver ? 0 : started ? 1 : page ? 2 : nodes ? 3 : setGrew ? 4 : distinct <= moveEnd ? 5 : 6;
            count[k]++;
            most[k] = Math.max(most[k], cpuNanos);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < NAMES.length; k++) {
                if (count[k] > 0) {
                    b.append(b.length() == 0 ? "" : "; ").append(NAMES[k]).append(' ').append(count[k])
                            .append(String.format(Locale.ROOT, " (longest %.0f us)", most[k] / 1e3));
                }
            }
            return b.length() == 0 ? "none" : b.toString();
        }
    }

    /** The calling thread's counters from /proc/thread-self (Linux; empty elsewhere). */
    private static final class ThreadStat {
        private ThreadStat() {
        }

        /** utime and stime (clock ticks), minor and major faults, then ns on a CPU, ns waiting for one, slices. */
        static long[] read() {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after the name: state is field 3, minflt 10, majflt 12, utime 14, stime 15 (man proc)
                String[] sched = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat"))
                        .trim().split(" ");
                return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[7]),
                    Long.parseLong(f[9]), Long.parseLong(sched[0]), Long.parseLong(sched[1]), Long.parseLong(sched[2])};
            } catch (java.io.IOException | RuntimeException e) {
                return new long[0];
            }
        }

        static String describe(long[] a, long[] b) {
            if (a.length == 0 || b.length == 0) {
                return "not available";
            }
            double tick = 0.01; // USER_HZ is 100 on Linux
            return String.format(Locale.ROOT, "user %.2f s, system %.2f s, %,d minor and %,d major page faults;"
                            + " on a CPU %.2f s, waiting for one %.2f s, %,d time slices",
                    (b[0] - a[0]) * tick, (b[1] - a[1]) * tick, b[2] - a[2], b[3] - a[3], (b[4] - a[4]) / 1e9,
                    (b[5] - a[5]) / 1e9, b[6] - a[6]);
        }
    }

    /** The first index of sorted {@code a} whose value is at least {@code v}. */
    private static int lowerBound(long[] a, long v) {
        int i = Arrays.binarySearch(a, v);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && a[i - 1] == v) {
            i--;
        }
        return i;
    }

    /** src and dst of {@code edges} edges: heavy-tailed rows and columns, a planted block first. */
    static int[][] generate(int edges, long seed) {
        Random rnd = new Random(seed);
        int rows = Math.max(1_000, edges / 10);
        int cols = Math.max(500, edges / 50);
        double[] cdf = CoordinationTraffic.cdf(CoordinationTraffic.zipf(cols, 0.9));
        double total = cdf[cols - 1];
        int[] src = new int[edges];
        int[] dst = new int[edges];
        int k = 0;
        // the planted block, spread through the stream
        int blockEdges = Math.min(edges / 2, 200 * 100);
        int[] bs = new int[blockEdges];
        int[] bd = new int[blockEdges];
        for (int i = 0; i < blockEdges; i++) {
            bs[i] = rows - 200 + i % 200;
            bd[i] = cols - 100 + i / 200;
        }
        int every = Math.max(1, edges / Math.max(1, blockEdges));
        int bi = 0;
        int r = 0;
        while (k < edges) {
            int d = Math.max(1, (int) Math.round(Math.exp(1.2 * rnd.nextGaussian() + Math.log(10) - 0.72)));
            int row = r++ % (rows - 200);
            for (int j = 0; j < d && k < edges; j++) {
                if (bi < blockEdges && k % every == 0) {
                    src[k] = bs[bi];
                    dst[k] = bd[bi];
                    bi++;
                    k++;
                    continue;
                }
                int c = Arrays.binarySearch(cdf, rnd.nextDouble() * total);
                src[k] = row;
                dst[k] = Math.min(cols - 101, c >= 0 ? c : -c - 1);
                k++;
            }
        }
        return new int[][] {src, dst};
    }
}
