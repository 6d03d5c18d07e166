package org.qinglang.core.coord;

import java.util.Arrays;

/**
 * A growing int array in pages of {@value #PAGE} ints (2 MB, so that G1 keeps them in place as humongous
 * objects) that are never moved once full size: growing allocates one page and, now and then, a longer
 * directory of pages. So no caller waits for millions of entries to be copied, and a background reader can
 * read the first E entries while more are appended. The first page starts small and doubles up to
 * {@value #SMALL_MAX} entries, then becomes a full page (a copy of at most {@value #SMALL_MAX} entries, some
 * microseconds; the copy left behind keeps what a reader under way reads). Full pages come from
 * {@link SparePages} when given one, so the writer does not zero them itself. Not thread-safe for writers.
 */
final class IntPages {
    static final int PAGE_BITS = 19;
    static final int PAGE = 1 << PAGE_BITS;
    /** The largest first page grown by doubling (256 KB); past it the first page is a full one. */
    static final int SMALL_MAX = PAGE / 8;
    private int[][] pages = {new int[1024]};
    private final SparePages spare;

    IntPages() {
        this(null);
    }

    /** @param spare where full pages come from, or null to allocate them on the writer's thread */
    IntPages(SparePages spare) {
        this.spare = spare;
    }

    int get(int i) {
        return pages[i >>> PAGE_BITS][i & (PAGE - 1)];
    }

    static int get(int[][] pages, int i) {
        return pages[i >>> PAGE_BITS][i & (PAGE - 1)];
    }

    void set(int i, int v) {
        int p = i >>> PAGE_BITS;
        if (p == 0 && i >= pages[0].length) {
            int[] old = pages[0];
            int length = Math.max(i + 1, old.length * 2);
            if (length <= SMALL_MAX) {
                pages[0] = Arrays.copyOf(old, length);
            } else {
                int[] full = fullPage();
                System.arraycopy(old, 0, full, 0, old.length);
                pages[0] = full;
            }
        } else if (p > 0) {
            if (p >= pages.length) {
                pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
            }
            if (pages[p] == null) {
                pages[p] = fullPage();
            }
        }
        pages[p][i & (PAGE - 1)] = v;
    }

    private int[] fullPage() {
        return spare == null ? new int[PAGE] : spare.intPage();
    }

    /**
     * A copy of the directory as it is now (a few hundred references at most): its pages' entries below the
     * current size never change, and the copy never sees page 0 replaced.
     */
    int[][] pages() {
        return pages.clone();
    }
}
