package org.qinglang.core.coord;

import java.util.Arrays;

/**
 * A growing double array in pages of {@value #PAGE} doubles (2 MB, humongous for G1, so never copied by a
 * young collection) that never move once full size; the first page starts small and doubles. The double
 * twin of {@link IntPages}, for the per-node state of the cooperative peel. Not thread-safe.
 */
final class DoublePages {
    static final int PAGE_BITS = 18;
    static final int PAGE = 1 << PAGE_BITS;
    private double[][] pages = {new double[1024]};

    double get(int i) {
        return pages[i >>> PAGE_BITS][i & (PAGE - 1)];
    }

    void set(int i, double v) {
        int p = i >>> PAGE_BITS;
        if (p == 0 && i >= pages[0].length) {
            pages[0] = Arrays.copyOf(pages[0], Math.min(PAGE, Math.max(i + 1, pages[0].length * 2)));
        } else if (p > 0) {
            if (p >= pages.length) {
                pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
            }
            if (pages[p] == null) {
                pages[p] = new double[PAGE];
            }
        }
        pages[p][i & (PAGE - 1)] = v;
    }

    void add(int i, double v) {
        pages[i >>> PAGE_BITS][i & (PAGE - 1)] += v;
    }
}
