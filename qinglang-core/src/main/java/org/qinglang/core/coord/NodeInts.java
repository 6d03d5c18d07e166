package org.qinglang.core.coord;

import java.util.Arrays;

/**
 * A per-node int array (node ids 0 to n - 1) in small pages of {@value #PAGE} entries (64 KB) that never move
 * and are allocated on the first write of a value other than 0, a missing page reading as 0: so a new node,
 * however far its id leaps, costs at most one small page zeroed (some microseconds) and now and then a longer
 * directory of page references, never a copy of what the array holds. The first page starts at 1,024 entries
 * and doubles up to a full page (a copy of at most {@value #PAGE} / 2 entries), so that a small graph keeps a
 * small array. Not thread-safe.
 */
final class NodeInts {
    static final int PAGE_BITS = 14;
    static final int PAGE = 1 << PAGE_BITS;
    private int[][] pages = {new int[1024]};
    private int largestCopy;

    int get(int i) {
        int[] page = pages[i >>> PAGE_BITS];
        return page == null ? 0 : page[i & (PAGE - 1)];
    }

    /** Sets entry i, below what {@link #ensure} made readable. */
    void set(int i, int v) {
        int p = i >>> PAGE_BITS;
        int[] page = pages[p];
        if (page == null) {
            if (v == 0) {
                return;
            }
            page = pages[p] = new int[PAGE];
        }
        page[i & (PAGE - 1)] = v;
    }

    /** Sets the entries from {@code from} to {@code to} - 1 to 0, a page at a time (missing pages stay missing). */
    void clear(int from, int to) {
        for (int i = from; i < to;) {
            int p = i >>> PAGE_BITS;
            int end = (int) Math.min(to, ((long) p + 1) << PAGE_BITS);
            if (pages[p] != null) {
                Arrays.fill(pages[p], i & (PAGE - 1), ((end - 1) & (PAGE - 1)) + 1, 0);
            }
            i = end;
        }
    }

    /** Makes the entries below {@code n} readable (0 until set): the first page grown, the directory lengthened. */
    void ensure(int n) {
        if (n > pages[0].length && pages[0].length < PAGE) {
            int[] old = pages[0];
            int length = old.length;
            while (length < n && length < PAGE) { // by doubling, so that a later growth copies at most half a page
                length <<= 1;
            }
            pages[0] = Arrays.copyOf(old, Math.min(PAGE, length));
            largestCopy = Math.max(largestCopy, old.length);
        }
        int need = (int) ((n - 1L) >>> PAGE_BITS) + 1;
        if (need > pages.length) {
            largestCopy = Math.max(largestCopy, pages.length);
            pages = Arrays.copyOf(pages, Math.max(need, pages.length * 2));
        }
    }

    /** The most entries (or page references) one growth has copied. */
    int largestCopy() {
        return largestCopy;
    }
}
