package org.qinglang.core.coord;

import java.util.Arrays;

/**
 * A growing double array in pages of {@value #PAGE} doubles (2 MB, humongous for G1, so never copied by a
 * young collection) that never move once full size; the first page starts small and doubles up to
 * {@value #SMALL_MAX} entries, then becomes a full page (a copy of at most that many). The double twin of
 * {@link IntPages}, for per-node state (the block's gains, the cooperative peel's priorities). Full pages come
 * from {@link SparePages} when given one. Not thread-safe.
 */
final class DoublePages {
    static final int PAGE_BITS = 18;
    static final int PAGE = 1 << PAGE_BITS;
    /** The largest first page grown by doubling (256 KB); past it the first page is a full one. */
    static final int SMALL_MAX = PAGE / 8;
    private double[][] pages = {new double[1024]};
    private final SparePages spare;
    /** Entries below this are readable (see {@link #ensure}). */
    private int readable = 1024;
    private int largestCopy;

    DoublePages() {
        this(null);
    }

    /** @param spare where full pages come from, or null to allocate them on the writer's thread */
    DoublePages(SparePages spare) {
        this.spare = spare;
    }

    double get(int i) {
        return pages[i >>> PAGE_BITS][i & (PAGE - 1)];
    }

    void set(int i, double v) {
        int p = i >>> PAGE_BITS;
        if (p == 0 ? i >= pages[0].length : p >= pages.length || pages[p] == null) {
            grow(i);
        }
        pages[p][i & (PAGE - 1)] = v;
    }

    void add(int i, double v) {
        pages[i >>> PAGE_BITS][i & (PAGE - 1)] += v;
    }

    /** Makes the entries below {@code n} readable (0 until set), allocating every page they fall in. */
    void ensure(int n) {
        if (n <= readable) {
            return;
        }
        int last = (n - 1) >>> PAGE_BITS;
        for (int p = 0; p < last; p++) {
            grow((p << PAGE_BITS) + PAGE - 1);
        }
        grow(n - 1);
        readable = last == 0 ? pages[0].length : (int) Math.min(Integer.MAX_VALUE, (long) (last + 1) << PAGE_BITS);
    }

    /** Makes entry i writable: the first page doubled or made a full page, or the page of i allocated. */
    private void grow(int i) {
        int p = i >>> PAGE_BITS;
        if (p == 0) {
            if (i >= pages[0].length) {
                double[] old = pages[0];
                int length = Math.max(i + 1, old.length * 2);
                if (length <= SMALL_MAX) {
                    pages[0] = Arrays.copyOf(old, length);
                } else {
                    double[] full = fullPage();
                    System.arraycopy(old, 0, full, 0, old.length);
                    pages[0] = full;
                }
                largestCopy = Math.max(largestCopy, old.length);
            }
            return;
        }
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        }
        if (pages[p] == null) {
            pages[p] = fullPage();
        }
    }

    private double[] fullPage() {
        return spare == null ? new double[PAGE] : spare.doublePage();
    }

    /** The most entries one growth has copied (the first page's, at most {@value #SMALL_MAX}). */
    int largestCopy() {
        return largestCopy;
    }

    /** The full pages an array of {@code n} entries has (none while its first page is still small). */
    static long fullPages(long n) {
        return n <= SMALL_MAX ? 0 : ((n - 1) >>> PAGE_BITS) + 1;
    }
}
