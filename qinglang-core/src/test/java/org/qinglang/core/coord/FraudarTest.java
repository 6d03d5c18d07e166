package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FraudarTest {

    /** 200 rows × 100 columns; rows 20-199 have 3 random edges each into columns 20-99. */
    static BipartiteGraph.Builder background(Random rnd) {
        return background(rnd, 200);
    }

    static BipartiteGraph.Builder background(Random rnd, int rows) {
        BipartiteGraph.Builder b = new BipartiteGraph.Builder(rows, 100);
        for (int r = 20; r < rows; r++) {
            for (int k = 0; k < 3; k++) {
                b.add(r, 20 + rnd.nextInt(80));
            }
        }
        return b;
    }

    static void plant(BipartiteGraph.Builder b, int rowFrom, int rowTo, int colFrom, int colTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            for (int c = colFrom; c < colTo; c++) {
                b.add(r, c);
            }
        }
    }

    @Test
    void findsPlantedBlockExactly() {
        BipartiteGraph.Builder b = background(new Random(1));
        plant(b, 0, 10, 0, 10);
        DenseBlock block = Fraudar.PAPER.densest(b.build());
        assertThat(block.rows()).containsExactly(IntStream.range(0, 10).toArray());
        assertThat(block.cols()).containsExactly(IntStream.range(0, 10).toArray());
        assertThat(block.fill()).isEqualTo(1.0);
        // the density of a given block, recomputed on the graph, is the density peeling reported
        assertThat(Fraudar.PAPER.density(b.build(), block)).isCloseTo(block.density(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void exactDensityOnATinyGraph() {
        // one row, two columns: unweighted f = 2 edges, |S| = 3 → 2/3
        BipartiteGraph g = new BipartiteGraph.Builder().add(0, 0).add(0, 1).add(0, 1).build();
        assertThat(g.edges()).isEqualTo(2);
        DenseBlock block = Fraudar.UNWEIGHTED.densest(g);
        assertThat(block.density()).isEqualTo(2.0 / 3);
        assertThat(block.rows()).containsExactly(0);
        assertThat(block.cols()).containsExactly(0, 1);
    }

    @Test
    void camouflageOnPopularColumnsDoesNotHideTheBlock() {
        Random rnd = new Random(2);
        BipartiteGraph.Builder b = background(rnd, 2000);
        plant(b, 0, 10, 0, 10);
        // camouflage: every fraud row also hits the 10 popular columns (90-99), each of which half of the
        // 1,980 honest rows hit too
        plant(b, 0, 10, 90, 100);
        for (int r = 20; r < 2000; r++) {
            for (int c = 90; c < 100; c++) {
                if (rnd.nextDouble() < 0.5) {
                    b.add(r, c);
                }
            }
        }
        BipartiteGraph g = b.build();
        DenseBlock weighted = Fraudar.PAPER.densest(g);
        assertThat(weighted.rows()).containsExactly(IntStream.range(0, 10).toArray());
        assertThat(weighted.cols()).containsExactly(IntStream.range(0, 10).toArray());
        // without column weighting the camouflage columns are taken into the block, with their honest fans
        DenseBlock plain = Fraudar.UNWEIGHTED.densest(g);
        assertThat(plain.cols()).contains(90, 99);
    }

    @Test
    void secondBlockAfterRemovingTheFirst() {
        BipartiteGraph.Builder b = background(new Random(3));
        plant(b, 0, 12, 0, 12);
        plant(b, 12, 20, 12, 20);
        List<DenseBlock> blocks = Fraudar.PAPER.detect(b.build(), 2);
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).rows()).containsExactly(IntStream.range(0, 12).toArray());
        assertThat(blocks.get(1).rows()).containsExactly(IntStream.range(12, 20).toArray());
        assertThat(blocks.get(1).cols()).containsExactly(IntStream.range(12, 20).toArray());
    }

    @Test
    void emptyGraphGivesNoBlock() {
        assertThat(Fraudar.PAPER.detect(new BipartiteGraph.Builder(3, 3).build(), 2)).isEmpty();
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new Fraudar(true, 1.0)).hasMessageContaining("c must be more than 1");
        assertThatThrownBy(() -> Fraudar.PAPER.detect(new BipartiteGraph.Builder().build(), 0))
                .hasMessageContaining("k must be 1 or more");
        assertThatThrownBy(() -> new BipartiteGraph.Builder().add(-1, 0)).hasMessageContaining("row and col");
    }
}
