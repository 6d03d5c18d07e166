package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChanceSpreadTest {

    @Test
    void withNothingElseInTheBatchEveryTextIsItsOwnCell() {
        ChanceSpread s = new ChanceSpread(new int[] {0, 0, 0, 1}, 2);
        assertThat(s.expectedDistinct(new int[] {0, 0, 0, 1})).isEqualTo(4.0);
    }

    @Test
    void evenlyUsedCellsGiveTheBirthdayFormula() {
        // 10 cells with 100 texts each; the group is 5 of cell 0's texts, so 995 texts remain, none alone in a
        // cell: u = 1 / 996, nine cells of 100 and one of 95
        int[] cells = new int[1000];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i % 10;
        }
        double u = 1.0 / 996;
        double want = 5 * u + 9 * (1 - Math.pow(1 - (1 - u) * 100 / 995, 5)) + (1 - Math.pow(1 - (1 - u) * 95 / 995, 5));
        double got = new ChanceSpread(cells, 10).expectedDistinct(new int[] {0, 0, 0, 0, 0});
        assertThat(got).isCloseTo(want, within(1e-12));
        assertThat(got).isCloseTo(10 * (1 - Math.pow(0.9, 5)), within(0.01)); // 4.10: five texts, ten cells
    }

    @Test
    void theGroupsOwnTextsDoNotMakeItsCellsLookPopular() {
        // 30 texts of a campaign on cell 0, one ordinary text on each of cells 1..20: by chance, 30 texts would
        // reach many cells (most of the mass is in cells used once, i.e. new cells), not one
        int[] cells = new int[50];
        for (int i = 0; i < 30; i++) {
            cells[i] = 0;
        }
        for (int i = 30; i < 50; i++) {
            cells[i] = i - 29;
        }
        ChanceSpread s = new ChanceSpread(cells, 21);
        int[] own = new int[30];
        assertThat(s.expectedDistinct(own)).isGreaterThan(20);
    }

    @Test
    void agreesWithANaiveSumOverEveryCell() {
        Random r = new Random(3);
        for (int round = 0; round < 200; round++) {
            int cells = 1 + r.nextInt(40);
            int[] batch = new int[1 + r.nextInt(300)];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = (int) Math.min(cells - 1, Math.abs(r.nextGaussian()) * cells / 3);
            }
            int n = 1 + r.nextInt(batch.length);
            int[] own = new int[n];
            System.arraycopy(batch, 0, own, 0, n); // the group: the first n texts of the batch
            assertThat(new ChanceSpread(batch, cells).expectedDistinct(own))
                    .isCloseTo(naive(batch, own, cells), within(1e-9));
        }
    }

    /** The formula of the Javadoc, summed cell by cell. */
    static double naive(int[] batch, int[] own, int cells) {
        int[] m = new int[cells];
        for (int c : batch) {
            m[c]++;
        }
        for (int c : own) {
            m[c]--;
        }
        int rest = batch.length - own.length;
        int n = own.length;
        if (rest == 0) {
            return n;
        }
        int once = 0;
        for (int c : m) {
            once += c == 1 ? 1 : 0;
        }
        double u = (once + 1.0) / (rest + 1.0);
        double e = n * u;
        for (int c : m) {
            e += 1 - Math.pow(1 - (1 - u) * c / rest, n);
        }
        return e;
    }
}
