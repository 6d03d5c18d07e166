package org.qinglang.core.coord;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncrementalDenseBlockTest {

    /**
     * The tolerance we state: with a full peel at every 10 % of growth, the kept block's density (at current
     * weights) is at least this share of a from-scratch peel's at every check. Empirical: 200 random graphs
     * (fixed seed, so the build is repeatable) of 50-400 rows with and without a planted block.
     */
    static final double TOLERANCE = 0.7;

    @Property(tries = 200, seed = "20261201")
    void agreesWithFromScratchWithinTolerance(@ForAll @IntRange(min = 50, max = 400) int rows,
                                              @ForAll @IntRange(min = 20, max = 200) int cols,
                                              @ForAll @IntRange(min = 0, max = 25) int blockSide,
                                              @ForAll long seed) {
        checkTolerance(new IncrementalDenseBlock(Fraudar.PAPER, 0.1, 1), rows, cols, blockSide, seed);
    }

    /** The same tolerance when the full peels run cooperatively, sliced over the adds (default budget). */
    @Property(tries = 200, seed = "20261201")
    void cooperativeAgreesWithFromScratchWithinTolerance(@ForAll @IntRange(min = 50, max = 400) int rows,
                                                         @ForAll @IntRange(min = 20, max = 200) int cols,
                                                         @ForAll @IntRange(min = 0, max = 25) int blockSide,
                                                         @ForAll long seed) {
        checkTolerance(IncrementalDenseBlock.cooperative(Fraudar.PAPER, 0.1, 1, IncrementalDenseBlock.DEFAULT_BUDGET),
                rows, cols, blockSide, seed);
    }

    /**
     * The same tolerance in the background mode (its peel run at once by the executor, so the graphs are the
     * same), where the peel's block is taken over, and the block grows, in slices over the adds.
     */
    @Property(tries = 200, seed = "20261201")
    void backgroundAgreesWithFromScratchWithinTolerance(@ForAll @IntRange(min = 50, max = 400) int rows,
                                                        @ForAll @IntRange(min = 20, max = 200) int cols,
                                                        @ForAll @IntRange(min = 0, max = 25) int blockSide,
                                                        @ForAll long seed) {
        checkTolerance(new IncrementalDenseBlock(Fraudar.PAPER, 0.1, 1, Runnable::run), rows, cols, blockSide, seed);
    }

    private static void checkTolerance(IncrementalDenseBlock inc, int rows, int cols, int blockSide, long seed) {
        Random rnd = new Random(seed);
        List<int[]> edges = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int d = 1 + (int) Math.floor(-Math.log(1 - rnd.nextDouble()) * 3); // heavy-ish tail
            for (int k = 0; k < d; k++) {
                edges.add(new int[] {r, rnd.nextInt(cols)});
            }
        }
        int side = Math.min(blockSide, Math.min(rows, cols));
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                if (rnd.nextDouble() < 0.9) {
                    edges.add(new int[] {r, c});
                }
            }
        }
        Collections.shuffle(edges, rnd);
        BipartiteGraph.Builder scratch = new BipartiteGraph.Builder();
        int checkEvery = Math.max(1, edges.size() / 7);
        for (int i = 0; i < edges.size(); i++) {
            int[] e = edges.get(i);
            inc.add(e[0], e[1]);
            scratch.add(e[0], e[1]);
            if (inc.peels() > 0 && (i % checkEvery == checkEvery - 1 || i == edges.size() - 1)) {
                BipartiteGraph g = scratch.build();
                double exact = Fraudar.PAPER.densest(g).density();
                double kept = Fraudar.PAPER.density(g, inc.block());
                assertThat(kept).as("after %d edges", i + 1).isGreaterThanOrEqualTo(TOLERANCE * exact);
            }
        }
    }

    @Test
    void afterAPeelTheBlockIsExactlyTheFromScratchBlock() {
        Random rnd = new Random(5);
        IncrementalDenseBlock inc = new IncrementalDenseBlock(Fraudar.PAPER, 0.5, 10);
        BipartiteGraph.Builder b = new BipartiteGraph.Builder();
        for (int i = 0; i < 3000; i++) {
            int r = rnd.nextInt(300);
            int c = rnd.nextInt(100);
            inc.add(r, c);
            b.add(r, c);
        }
        inc.peel();
        DenseBlock exact = Fraudar.PAPER.densest(b.build());
        assertThat(inc.block().rows()).containsExactly(exact.rows());
        assertThat(inc.block().cols()).containsExactly(exact.cols());
        assertThat(inc.density()).isCloseTo(exact.density(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aBlockGrowingFromTheCurrentOneIsFollowedWithoutAPeel() {
        IncrementalDenseBlock inc = new IncrementalDenseBlock(Fraudar.PAPER, 1000, 1_000_000);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                inc.add(r, c);
            }
        }
        inc.peel();
        int peels = inc.peels();
        // a new account joins the group on all its targets
        for (int c = 0; c < 8; c++) {
            inc.add(8, c);
        }
        assertThat(inc.peels()).isEqualTo(peels);
        assertThat(inc.block().rows()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(inc.add(8, 0)).isFalse();
    }

    @Test
    void aBackgroundPeelLeavesTheEdgeAloneAndIsTakenOverWithTheEdgesThatCameMeanwhile() {
        List<Runnable> tasks = new ArrayList<>();
        IncrementalDenseBlock inc = new IncrementalDenseBlock(Fraudar.PAPER, 0.5, 100, tasks::add);
        Random rnd = new Random(9);
        BipartiteGraph.Builder snapshot = new BipartiteGraph.Builder();
        int added = 0;
        while (tasks.isEmpty() && added < 10_000) { // until an edge crosses the threshold: it starts a peel and returns
            int r = rnd.nextInt(200);
            int c = rnd.nextInt(60);
            if (inc.add(r, c)) {
                snapshot.add(r, c);
                added++;
            }
        }
        assertThat(added).isEqualTo(100);
        assertThat(inc.peeling()).isTrue();
        assertThat(inc.peels()).isZero();
        // a lockstep group arrives while the peel runs: it is not in the graph being peeled
        for (int r = 300; r < 306; r++) {
            for (int c = 100; c < 106; c++) {
                inc.add(r, c);
            }
        }
        assertThat(tasks).hasSize(1); // one peel at a time
        tasks.remove(0).run();
        assertThat(inc.peeling()).isTrue(); // finished, not yet taken over
        DenseBlock taken = inc.block();
        assertThat(inc.peeling()).isFalse();
        assertThat(inc.peels()).isEqualTo(1);
        DenseBlock exact = Fraudar.PAPER.densest(snapshot.build());
        assertThat(taken.rows()).containsExactly(exact.rows());
        assertThat(taken.cols()).containsExactly(exact.cols());
    }

    /**
     * Taking over a finished background peel's block is cut into slices like a cooperative peel's last phases:
     * clearing the spare per-node arrays and walking the new block's lists (here a 300 x 300 block, 90,000
     * list entries each way) is spread over many adds, none doing more than the budget (no growth here), and the block swapped
     * in is the peel's. Taken over in one add, the adding thread would walk them all at once.
     */
    @Test
    void aBackgroundPeelIsTakenOverInSlicesOfBoundedWork() {
        List<Runnable> tasks = new ArrayList<>();
        IncrementalDenseBlock inc = new IncrementalDenseBlock(Fraudar.PAPER, 0.5, 100_000, tasks::add);
        Random rnd = new Random(5);
        BipartiteGraph.Builder snapshot = new BipartiteGraph.Builder();
        List<int[]> edges = new ArrayList<>();
        for (int r = 0; r < 300; r++) {
            for (int c = 0; c < 300; c++) {
                edges.add(new int[] {r, c});
            }
        }
        for (int i = 0; i < 20_000; i++) {
            edges.add(new int[] {300 + rnd.nextInt(5_000), 300 + rnd.nextInt(2_000)});
        }
        Collections.shuffle(edges, rnd);
        for (int[] e : edges) {
            if (tasks.isEmpty() && inc.add(e[0], e[1])) {
                snapshot.add(e[0], e[1]);
            }
        }
        assertThat(tasks).hasSize(1);
        tasks.remove(0).run();
        int adds = 0;
        int most = 0;
        while (inc.peeling()) { // sparse edges far from the block arrive while it is taken over
            inc.add(10_000 + rnd.nextInt(50_000), 5_000 + rnd.nextInt(50_000));
            most = Math.max(most, inc.lastSliceWork());
            adds++;
        }
        assertThat(most).isLessThanOrEqualTo(IncrementalDenseBlock.BACKGROUND_BUDGET);
        assertThat(adds).as("two walks of 90,000 entries at %d units an add", IncrementalDenseBlock.BACKGROUND_BUDGET)
                .isGreaterThan(2 * 90_000 / IncrementalDenseBlock.BACKGROUND_BUDGET);
        assertThat(inc.peels()).isEqualTo(1);
        DenseBlock exact = Fraudar.PAPER.densest(snapshot.build());
        assertThat(inc.block().rows()).containsExactly(exact.rows());
        assertThat(inc.block().cols()).containsExactly(exact.cols());
        assertThat(exact.rows()).hasSize(300);
    }

    /**
     * In the background mode the block grows in bounded steps too: a column with 50,000 edges that joins the
     * block has its list walked (each outside row's gain raised) across many adds, none doing more than the
     * budget, and the block it ends in is the one the walk at once gives.
     */
    @Test
    void aBackgroundBlockGrowsInSlicesOfBoundedWork() {
        List<Runnable> tasks = new ArrayList<>();
        IncrementalDenseBlock inc = new IncrementalDenseBlock(Fraudar.PAPER, 0.5, 250, tasks::add);
        IncrementalDenseBlock atOnce = new IncrementalDenseBlock(Fraudar.PAPER, 1e9, 250);
        for (int r = 0; r < 50; r++) {
            for (int c = 0; c < 5; c++) {
                inc.add(r, c);
                atOnce.add(r, c);
            }
        }
        tasks.remove(0).run();
        inc.block(); // taken over: 50 x 5
        atOnce.peel();
        for (int r = 1_000; r < 51_000; r++) { // a popular column, nobody of the group on it yet (a peel starts, never ends)
            inc.add(r, 100);
            atOnce.add(r, 100);
        }
        int most = 0;
        int busy = 0;
        for (int r = 0; r < 50; r++) { // the group acts on it: it joins, and its 50,000 entries are walked
            inc.add(r, 100);
            atOnce.add(r, 100);
            most = Math.max(most, inc.lastSliceWork());
            busy += inc.lastSliceWork() >= IncrementalDenseBlock.BACKGROUND_BUDGET ? 1 : 0;
        }
        for (int i = 0; i < 1_000; i++) {
            inc.add(60_000 + i, 200 + i % 7);
            atOnce.add(60_000 + i, 200 + i % 7);
            most = Math.max(most, inc.lastSliceWork());
            busy += inc.lastSliceWork() >= IncrementalDenseBlock.BACKGROUND_BUDGET ? 1 : 0;
        }
        assertThat(most).isLessThanOrEqualTo(IncrementalDenseBlock.BACKGROUND_BUDGET);
        assertThat(busy).as("50,000 entries at %d an add", IncrementalDenseBlock.BACKGROUND_BUDGET)
                .isGreaterThan(50_000 / IncrementalDenseBlock.BACKGROUND_BUDGET);
        assertThat(inc.block().cols()).containsExactly(0, 1, 2, 3, 4, 100);
        assertThat(inc.block().rows()).containsExactly(atOnce.block().rows());
        assertThat(inc.block().cols()).containsExactly(atOnce.block().cols());
        assertThat(inc.density()).isCloseTo(atOnce.density(), org.assertj.core.data.Offset.offset(1e-9));
    }

    /**
     * In the background mode the peel's executor allocates, before each peel, the full pages that the edge
     * arrays and the edge set's next table will need until the peel after it can start, so the adding thread
     * zeroes no 2 MB page itself (here through 600,000 edges: pages of the four edge arrays and three growths
     * of the edge set past one page).
     */
    @Test
    void theBackgroundModeAllocatesTheAddsPagesAhead() {
        IncrementalDenseBlock inc = new IncrementalDenseBlock(Fraudar.PAPER, 1.0, 10_000, Runnable::run);
        Random rnd = new Random(11);
        while (inc.edges() < 600_000) {
            inc.add(rnd.nextInt(60_000), rnd.nextInt(20_000));
        }
        assertThat(inc.peels()).isGreaterThanOrEqualTo(5);
        assertThat(inc.sparePagesMissed()).isZero();
    }

    /**
     * The per-node arrays grow in small pages: through 600,000 rows and 225,000 columns arriving in order, no
     * growth of any of them copies more than half a page (8,192 entries; grown by doubling with a full copy, as
     * they were, the adding thread copied hundreds of thousands of entries at once), and the lists and block kept
     * across their pages are right: a peel now gives exactly the from-scratch block.
     */
    @Test
    void theNodeArraysGrowWithoutCopyingWhatTheyHold() {
        for (IncrementalDenseBlock inc : List.of(new IncrementalDenseBlock(Fraudar.PAPER, 1.0, 10_000, Runnable::run),
                new IncrementalDenseBlock(Fraudar.PAPER, 1.0, 10_000))) {
            BipartiteGraph.Builder all = new BipartiteGraph.Builder();
            Random rnd = new Random(13);
            for (int r = 0; r < 200; r++) {
                for (int c = 0; c < 100; c++) {
                    inc.add(r, c);
                    all.add(r, c);
                }
            }
            for (int i = 200; i < 600_000; i++) {
                int r = rnd.nextInt(i + 1);
                int c = 100 + rnd.nextInt(i * 3 / 8);
                inc.add(i, i * 3 / 8);
                all.add(i, i * 3 / 8);
                if (inc.add(r, c)) {
                    all.add(r, c);
                }
            }
            assertThat(inc.largestNodeCopy()).isLessThanOrEqualTo(NodeInts.PAGE / 2);
            inc.peel();
            DenseBlock exact = Fraudar.PAPER.densest(all.build());
            assertThat(inc.block().rows()).containsExactly(exact.rows());
            assertThat(inc.block().cols()).containsExactly(exact.cols());
            assertThat(inc.density()).isCloseTo(exact.density(), org.assertj.core.data.Offset.offset(1e-6)); // sums in another order
        }
    }

    /**
     * The cooperative mode's promise: no add does more than the budget of peeling work, even when one column has
     * thousands of edges (its peel step and its count are cut across adds) and when the peel's block is large.
     * Without slicing, the add that starts a peel would do at least one unit per edge of the graph.
     */
    @Test
    void noCooperativeAddDoesMoreThanItsBudgetOfPeeling() {
        for (int budget : new int[] {IncrementalDenseBlock.MIN_BUDGET, IncrementalDenseBlock.DEFAULT_BUDGET}) {
            IncrementalDenseBlock inc = IncrementalDenseBlock.cooperative(Fraudar.PAPER, 0.1, 1_000, budget);
            Random rnd = new Random(3);
            List<int[]> edges = new ArrayList<>();
            for (int r = 0; r < 6_000; r++) {
                edges.add(new int[] {r, 0}); // a column everybody acted on
                for (int k = 0; k < 3; k++) {
                    edges.add(new int[] {r, 1 + rnd.nextInt(2_000)});
                }
            }
            for (int r = 0; r < 40; r++) {
                for (int c = 0; c < 40; c++) {
                    edges.add(new int[] {6_000 + r, 3_000 + c}); // a lockstep group
                }
            }
            Collections.shuffle(edges, rnd);
            int most = 0;
            long work = 0;
            int slices = 0;
            for (int[] e : edges) {
                inc.add(e[0], e[1]);
                most = Math.max(most, inc.lastSliceWork());
                work += inc.lastSliceWork();
                slices += inc.lastSliceWork() > 0 ? 1 : 0;
            }
            assertThat(most).as("budget %d", budget).isLessThanOrEqualTo(budget);
            assertThat(inc.peels()).as("budget %d", budget).isGreaterThanOrEqualTo(5);
            assertThat(work).as("a peel reads every edge of its snapshot at least twice").isGreaterThan(2L * 20_000);
            assertThat(slices).isGreaterThan((int) (work / budget));
            assertThat(inc.block().rows()).as("budget %d", budget).hasSize(40);
        }
    }

    @Test
    void aCooperativePeelIsTakenOverWhenItsLastSliceIsDoneWithTheEdgesThatCameMeanwhile() {
        IncrementalDenseBlock inc = IncrementalDenseBlock.cooperative(Fraudar.PAPER, 0.5, 2_000,
                IncrementalDenseBlock.MIN_BUDGET);
        Random rnd = new Random(9);
        BipartiteGraph.Builder snapshot = new BipartiteGraph.Builder();
        for (int r = 0; r < 10; r++) { // a group the peel will find
            for (int c = 0; c < 10; c++) {
                inc.add(r, c);
                snapshot.add(r, c);
            }
        }
        while (!inc.peeling()) {
            int r = 10 + rnd.nextInt(2_000);
            int c = 10 + rnd.nextInt(600);
            if (inc.add(r, c)) {
                snapshot.add(r, c);
            }
        }
        assertThat(inc.edges()).isEqualTo(2_000);
        assertThat(inc.peels()).isZero();
        int adds = 0;
        while (inc.peeling()) { // a lockstep group arrives while the peel runs: not in the graph being peeled
            inc.add(5_000 + adds % 6, 5_000 + adds / 6 % 1_000);
            adds++;
        }
        assertThat(adds).as("the peel spans many adds").isGreaterThan(100);
        assertThat(inc.peels()).isEqualTo(1);
        DenseBlock exact = Fraudar.PAPER.densest(snapshot.build());
        assertThat(inc.block().rows()).containsExactly(exact.rows());
        assertThat(inc.block().cols()).containsExactly(exact.cols());
        // f and the gains count the edges that came during the peel: a new account on the group's targets joins
        for (int c = 0; c < 10; c++) {
            inc.add(9_999, c);
        }
        assertThat(inc.block().rows()).contains(9_999);
    }

    @Test
    void aFailedBackgroundPeelIsReportedToTheNextCaller() {
        IncrementalDenseBlock inc = new IncrementalDenseBlock(Fraudar.PAPER, 0.5, 1, task -> {
            throw new java.util.concurrent.RejectedExecutionException("no threads left");
        });
        assertThatThrownBy(() -> inc.add(0, 0)).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void aLeapInNodeIdsStillGrowsTheFirstPageByDoubling() {
        IncrementalDenseBlock inc = new IncrementalDenseBlock(Fraudar.PAPER, 1.0, 1_000_000);
        inc.add(9_000, 0); // the first page from 1,024 entries to enough for 9,001
        inc.add(9_001, 0);
        inc.add(12_000, 0);
        assertThat(inc.largestNodeCopy()).isLessThanOrEqualTo(NodeInts.PAGE / 2);
        assertThat(inc.edges()).isEqualTo(3);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new IncrementalDenseBlock(Fraudar.PAPER, 0, 1)).hasMessageContaining("regrowth");
        assertThatThrownBy(() -> new IncrementalDenseBlock(Fraudar.PAPER, 0.1, 0)).hasMessageContaining("minBatch");
        assertThatThrownBy(() -> IncrementalDenseBlock.cooperative(Fraudar.PAPER, 0.1, 1, 10))
                .hasMessageContaining("budget must be at least 64");
        assertThatThrownBy(() -> new IncrementalDenseBlock(Fraudar.PAPER, 0.1, 1).add(0, -2))
                .hasMessageContaining("row and col");
        assertThat(Arrays.stream(new IncrementalDenseBlock(Fraudar.PAPER, 0.1, 1).block().rows()).count()).isZero();
    }
}
