package org.qinglang.core.coord;

import java.util.Arrays;

/**
 * A growing int array in pages of {@value #PAGE} ints (2 MB, so that G1 keeps them in place as humongous
 * objects) that are never moved once full size: growing allocates one page and, now and then, a longer
 * directory of pages. So no caller waits for millions of entries to be copied, and a background reader can
 * read the first E entries while more are appended. The first page starts small and doubles up to full size
 * (a short copy; the copy left behind keeps what a reader under way reads). Not thread-safe for writers.
 */
final class IntPages {
    static final int PAGE_BITS = 19;
    static final int PAGE = 1 << PAGE_BITS;
    private int[][] pages = {new int[1024]};

    int get(int i) {
        return pages[i >>> PAGE_BITS][i & (PAGE - 1)];
    }

    static int get(int[][] pages, int i) {
        return pages[i >>> PAGE_BITS][i & (PAGE - 1)];
    }

    void set(int i, int v) {
        int p = i >>> PAGE_BITS;
        if (p == 0 && i >= pages[0].length) {
            pages[0] = Arrays.copyOf(pages[0], Math.min(PAGE, Math.max(i + 1, pages[0].length * 2)));
        } else if (p > 0) {
            if (p >= pages.length) {
                pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
            }
            if (pages[p] == null) {
                pages[p] = new int[PAGE];
            }
        }
        pages[p][i & (PAGE - 1)] = v;
    }

    /**
     * A copy of the directory as it is now (a few hundred references at most): its pages' entries below the
     * current size never change, and the copy never sees page 0 replaced.
     */
    int[][] pages() {
        return pages.clone();
    }
}
