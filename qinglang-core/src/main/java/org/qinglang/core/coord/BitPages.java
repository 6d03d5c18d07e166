package org.qinglang.core.coord;

/**
 * A growing array of bits (one per node: in the block or not) packed 32 to an int of {@link IntPages}, so its
 * pages never move and growing it copies at most the first small page. Not thread-safe.
 */
final class BitPages {
    private final IntPages words;

    /** @param spare where full pages come from, or null to allocate them on the writer's thread */
    BitPages(SparePages spare) {
        words = new IntPages(spare);
    }

    boolean get(int i) {
        return (words.get(i >>> 5) & (1 << i)) != 0;
    }

    /** Sets bit i, which must be below what {@link #ensure} made readable. */
    void set(int i, boolean v) {
        int w = i >>> 5;
        int x = words.get(w);
        words.set(w, v ? x | (1 << i) : x & ~(1 << i));
    }

    /** Makes the bits below {@code n} readable (false until set). */
    void ensure(int n) {
        words.ensure((int) ((n + 31L) >>> 5));
    }

    /** Clears the bits below {@code n}. */
    void clear(int n) {
        for (int w = 0, end = (int) ((n + 31L) >>> 5); w < end; w++) {
            words.set(w, 0);
        }
    }

    int largestCopy() {
        return words.largestCopy();
    }

    /** The full int pages {@code n} bits take. */
    static long fullPages(long n) {
        return IntPages.fullPages((n + 31) >>> 5);
    }
}
