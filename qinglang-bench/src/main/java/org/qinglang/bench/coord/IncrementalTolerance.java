package org.qinglang.bench.coord;

import org.qinglang.core.coord.BipartiteGraph;
import org.qinglang.core.coord.Fraudar;
import org.qinglang.core.coord.IncrementalDenseBlock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How far the incremental block falls behind a from-scratch peel: the property of
 * {@code IncrementalDenseBlockTest} on more random graphs (50-400 accounts, 20-200 targets, exponential
 * degrees, a planted block of side 0-25 with fill 0.9, edges in random order, a full peel every 10 % of
 * growth), reporting the worst ratio of the kept block's density (at current weights) to the from-scratch
 * density over 7 checks per graph.
 *
 * <pre>java -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.coord.IncrementalTolerance [graphs] [budget]</pre>
 *
 * With {@code budget}, the full peels run cooperatively in slices of that many work units per edge (the
 * block then lags each peel by the edges its slices span); without, on the adding thread.
 */
public final class IncrementalTolerance {

    private IncrementalTolerance() {
    }

    public static void main(String[] args) {
        int graphs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int budget = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        double worst = 1;
        double worstPlanted = 1;
        int checks = 0;
        Random seeds = new Random(99);
        for (int t = 0; t < graphs; t++) {
            Random rnd = new Random(seeds.nextLong());
            int rows = 50 + rnd.nextInt(351);
            int cols = 20 + rnd.nextInt(181);
            int side = rnd.nextInt(26);
            List<int[]> edges = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                int d = 1 + (int) Math.floor(-Math.log(1 - rnd.nextDouble()) * 3);
                for (int k = 0; k < d; k++) {
                    edges.add(new int[] {r, rnd.nextInt(cols)});
                }
            }
            side = Math.min(side, Math.min(rows, cols));
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    if (rnd.nextDouble() < 0.9) {
                        edges.add(new int[] {r, c});
                    }
                }
            }
            Collections.shuffle(edges, rnd);
            IncrementalDenseBlock inc = budget > 0 ? IncrementalDenseBlock.cooperative(Fraudar.PAPER, 0.1, 1, budget)
                    : new IncrementalDenseBlock(Fraudar.PAPER, 0.1, 1);
            BipartiteGraph.Builder scratch = new BipartiteGraph.Builder();
            int every = Math.max(1, edges.size() / 7);
            for (int i = 0; i < edges.size(); i++) {
                int[] e = edges.get(i);
                inc.add(e[0], e[1]);
                scratch.add(e[0], e[1]);
                if (inc.peels() > 0 && (i % every == every - 1 || i == edges.size() - 1)) {
                    BipartiteGraph g = scratch.build();
                    double exact = Fraudar.PAPER.densest(g).density();
                    double ratio = Fraudar.PAPER.density(g, inc.block()) / exact;
                    worst = Math.min(worst, ratio);
                    if (side >= 10) {
                        worstPlanted = Math.min(worstPlanted, ratio);
                    }
                    checks++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d graphs, %,d checks (%s): worst ratio %.3f; with a planted block of side >= 10: %.3f%n",
                graphs, checks, budget > 0 ? "cooperative peels, budget " + budget : "peels on the adding thread",
                worst, worstPlanted);
    }
}
