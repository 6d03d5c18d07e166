package org.qinglang.core.coord;

import java.util.HashMap;
import java.util.Map;

/**
 * How widely a group of texts would spread by chance (偶然分布基线): the expected number of distinct cells
 * (targets, hours) that n texts reach when each is placed independently like the batch's other texts.
 *
 * <p>The batch's texts give each cell c a count m_c. For a group of n texts, its own texts are left out
 * (m'_c = m_c − own_c, M' = Σ m'_c), so that a campaign does not make its own targets look popular. A text
 * falls into a cell no other text used with the Good–Turing probability u = (N₁ + 1) / (M' + 1), N₁ the
 * cells used exactly once (add-one, so that with nothing else to compare, u = 1 and every text is its own
 * cell), and into cell c with probability (1 − u) · m'_c / M'. Then the expected number of distinct cells is
 * n · u + Σ_c (1 − (1 − (1 − u) · m'_c / M')ⁿ). Cells with equal counts are summed together, so one call
 * costs the number of distinct counts (at most √(2M)) plus the group's own cells, not the number of cells.
 *
 * <p>Built once per batch, queried per group. Not thread-safe.
 */
final class ChanceSpread {

    private final int[] count;
    private final int total;
    /** Cells per count: count → how many cells have it (only counts ≥ 1). */
    private final Map<Integer, Integer> cellsWithCount = new HashMap<>();

    /** @param cellOfText the cell of each text of the batch, ids 0 to {@code cells} − 1 */
    ChanceSpread(int[] cellOfText, int cells) {
        count = new int[cells];
        for (int c : cellOfText) {
            count[c]++;
        }
        total = cellOfText.length;
        for (int m : count) {
            if (m > 0) {
                cellsWithCount.merge(m, 1, Integer::sum);
            }
        }
    }

    /**
     * The distinct cells that as many texts as {@code own} has would reach by chance, {@code own} left out of
     * the batch.
     *
     * @param own the cell of each text of the group (texts of this batch; a cell may repeat)
     */
    double expectedDistinct(int[] own) {
        int n = own.length;
        Map<Integer, Integer> ownCount = new HashMap<>();
        for (int c : own) {
            ownCount.merge(c, 1, Integer::sum);
        }
        int rest = total - n;
        if (rest <= 0) {
            return n;
        }
        int once = cellsWithCount.getOrDefault(1, 0);
        for (Map.Entry<Integer, Integer> e : ownCount.entrySet()) {
            int before = count[e.getKey()];
            int after = before - e.getValue();
            once += (after == 1 ? 1 : 0) - (before == 1 ? 1 : 0);
        }
        double unseen = (once + 1.0) / (rest + 1.0);
        double perText = (1 - unseen) / rest;
        double sum = 0;
        for (Map.Entry<Integer, Integer> e : cellsWithCount.entrySet()) {
            sum += e.getValue() * reached(e.getKey(), perText, n);
        }
        for (Map.Entry<Integer, Integer> e : ownCount.entrySet()) {
            int before = count[e.getKey()];
            sum += reached(before - e.getValue(), perText, n) - reached(before, perText, n);
        }
        return n * unseen + sum;
    }

    /** The probability that n texts reach a cell of count m at least once. */
    private static double reached(int m, double perText, int n) {
        return m == 0 ? 0 : 1 - Math.pow(Math.max(0, 1 - perText * m), n);
    }
}
