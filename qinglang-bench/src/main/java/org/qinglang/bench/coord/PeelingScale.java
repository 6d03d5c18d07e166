package org.qinglang.bench.coord;

import org.openjdk.jol.info.GraphLayout;
import org.qinglang.core.coord.BipartiteGraph;
import org.qinglang.core.coord.DenseBlock;
import org.qinglang.core.coord.Fraudar;
import org.qinglang.core.coord.IncrementalDenseBlock;

import java.util.Arrays;
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

    public static void main(String[] args) {
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
        IncrementalDenseBlock inc = mode.equals("cooperative")
                ? IncrementalDenseBlock.cooperative(Fraudar.PAPER, 0.1, 10_000, budget)
                : new IncrementalDenseBlock(Fraudar.PAPER, 0.1, 10_000, background ? peels : null);
        int n = Math.min(incEdges, src.length);
        long[] lat = new long[n];
        long s0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long a = System.nanoTime();
            inc.add(src[i], dst[i]);
            lat[i] = System.nanoTime() - a;
        }
        long s1 = System.nanoTime();
        long peelNanos = 0;
        int peelEdges = 0;
        for (long l : lat) {
            if (l > 1_000_000) {
                peelNanos += l;
                peelEdges++;
            }
        }
        Arrays.sort(lat);
        System.out.printf(Locale.ROOT, "full peels %s%n", switch (mode) {
            case "background" -> "in the background (a thread of their own)";
            case "cooperative" -> "cooperative: on the adding thread, at most " + budget + " work units per edge";
            default -> "on the adding thread, each whole on the edge that triggers it";
        });
        System.out.printf(Locale.ROOT, "incremental: %,d edges in %.2f s: %.2f us per edge amortised (%d full peels; edges over 1 ms took %.2f s);"
                        + " %.2f us per edge without them%n",
                n, (s1 - s0) / 1e9, (s1 - s0) / 1e3 / n, inc.peels(), peelNanos / 1e9,
                ((s1 - s0) - peelNanos) / 1e3 / Math.max(1, n - peelEdges));
        System.out.printf(Locale.ROOT, "incremental latency per edge: p50 %.2f us, p99 %.2f us, p99.9 %.2f us, p99.99 %.2f us, max %.1f ms%s%n",
                lat[n / 2] / 1e3, lat[(int) (n * 0.99)] / 1e3, lat[(int) (n * 0.999)] / 1e3, lat[(int) (n * 0.9999)] / 1e3,
                lat[n - 1] / 1e6, mode.equals("caller") ? " (an edge that triggers a full peel)"
                        : " (no edge waits for a whole peel)");
        System.out.printf(Locale.ROOT, "edges over 50 us: %d, over 1 ms: %d, over 10 ms: %d%n", n - lowerBound(lat, 50_000),
                n - lowerBound(lat, 1_000_000), n - lowerBound(lat, 10_000_000));
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
        // JOL would walk from a background block into its executor's thread: measure a twin fed the same edges
        IncrementalDenseBlock measured = inc;
        if (background) {
            measured = new IncrementalDenseBlock(Fraudar.PAPER, 1e9, Integer.MAX_VALUE);
            for (int i = 0; i < n; i++) {
                measured.add(src[i], dst[i]);
            }
        }
        long incBytes = GraphLayout.parseInstance(measured).totalSize();
        System.out.printf(Locale.ROOT, "incremental memory (JOL): %,d bytes = %.1f MB per million edges%n",
                incBytes, incBytes / (inc.edges() / 1e6) / 1e6);
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
