package org.qinglang.core.coord;

/**
 * A per-node array of bits (in the block or not), packed 32 to an int of {@link NodeInts}: its pages never move,
 * a missing one reads as all false, and one of 64 KB covers half a million nodes. Not thread-safe.
 */
final class NodeBits {
    private final NodeInts words = new NodeInts();

    boolean get(int i) {
        return (words.get(i >>> 5) & (1 << i)) != 0;
    }

    /** Sets bit i, below what {@link #ensure} made readable. */
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
        clear(0, n);
    }

    /** Clears the bits from {@code from} to {@code to} - 1: whole words at once, bit by bit at the two ends. */
    void clear(int from, int to) {
        int i = from;
        while (i < to && (i & 31) != 0) {
            set(i++, false);
        }
        int wordsEnd = i + ((to - i) & ~31);
        if (i < wordsEnd) {
            words.clear(i >>> 5, wordsEnd >>> 5);
            i = wordsEnd;
        }
        while (i < to) {
            set(i++, false);
        }
    }

    int largestCopy() {
        return words.largestCopy();
    }
}
