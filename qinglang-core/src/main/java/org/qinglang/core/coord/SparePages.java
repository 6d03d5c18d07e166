package org.qinglang.core.coord;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Full-size pages (2 MB) allocated ahead, off the adding thread (备用页): a new {@code int[]} or {@code long[]}
 * of 2 MB costs its zeroing (and, on a heap not yet touched, the kernel's first-touch faults), some hundreds
 * of microseconds, which an add that begins a page of {@link IntPages} or of the {@link LongSet}'s growing
 * table would otherwise pay itself. {@link IncrementalDenseBlock} in its background mode has the peel's
 * executor {@link #stock} the pages the adds will need before its next peel; the adding thread takes them
 * ({@link #intPage}, {@link #longPage}), and allocates a page itself only when none is ready.
 *
 * <p>Thread-safe: one thread stocks, another takes.
 */
final class SparePages {

    private final ConcurrentLinkedQueue<int[]> ints = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<long[]> longs = new ConcurrentLinkedQueue<>();
    private final AtomicInteger intCount = new AtomicInteger();
    private final AtomicInteger longCount = new AtomicInteger();
    /** Pages the takers had to allocate themselves because none was ready. */
    private final AtomicInteger missed = new AtomicInteger();

    /** A zeroed int page of {@link IntPages#PAGE} entries: a spare one if there is one. */
    int[] intPage() {
        int[] p = ints.poll();
        if (p == null) {
            missed.incrementAndGet();
            return new int[IntPages.PAGE];
        }
        intCount.decrementAndGet();
        return p;
    }

    /** A zeroed long page of {@link LongSet#PAGE} slots: a spare one if there is one. */
    long[] longPage() {
        long[] p = longs.poll();
        if (p == null) {
            missed.incrementAndGet();
            return new long[LongSet.PAGE];
        }
        longCount.decrementAndGet();
        return p;
    }

    /** Allocates pages until at least {@code intPages} int pages and {@code longPages} long pages are spare. */
    void stock(int intPages, int longPages) {
        while (intCount.get() < intPages) {
            ints.add(new int[IntPages.PAGE]);
            intCount.incrementAndGet();
        }
        while (longCount.get() < longPages) {
            longs.add(new long[LongSet.PAGE]);
            longCount.incrementAndGet();
        }
    }

    int missed() {
        return missed.get();
    }
}
