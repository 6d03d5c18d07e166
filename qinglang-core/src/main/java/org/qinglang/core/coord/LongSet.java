package org.qinglang.core.coord;

/**
 * An open-addressing set of non-negative longs (linear probing, load at most 1/2): 16 to 32 bytes per
 * element instead of about 60 for a {@code HashSet<Long>}. Written here rather than taken from fastutil
 * because it also grows without a pause, which the incremental dense block needs (an edge must not wait
 * seconds while ten million are rehashed):
 * <ul>
 *   <li>the slots live in pages of {@value #PAGE} longs (2 MB: large enough that G1 keeps them in place
 *       as humongous objects instead of copying them at every young collection), each allocated when first
 *       written, so growing allocates only a directory of pages; a table smaller than a page is one page
 *       of its own size;</li>
 *   <li>growing keeps the old table and moves {@value #STEP} of its slots into the new one on every later
 *       {@link #add}; until all are moved, a look-up reads both tables (the old one is never changed, so its
 *       probe sequences stay intact). The move ends well before the new table is half full.</li>
 * </ul>
 * Full pages come from {@link SparePages} when given one, so that the adds that first write into the pages of
 * a grown table do not zero 2 MB each themselves. A key k is stored as k + 1, so that a zeroed slot is empty.
 * Not thread-safe.
 */
final class LongSet {

    static final int PAGE_BITS = 18;
    /** Slots per page (2 MB of longs). */
    static final int PAGE = 1 << PAGE_BITS;
    /** Old slots moved per {@link #add} while growing: the old table (twice its keys) is empty in time. */
    static final int STEP = 8;

    private long[][] table = new long[1][];
    private final SparePages spare;
    private int capacity = 16;
    private int size;

    /** The table being emptied into {@link #table}, or null. */
    private long[][] old;
    private int oldCapacity;
    /** Old slots below this index have been moved. */
    private int moved;

    LongSet() {
        this(null);
    }

    /** @param spare where full pages come from, or null to allocate them on the adding thread */
    LongSet(SparePages spare) {
        this.spare = spare;
    }

    /** The slots of the table keys go into now (double the keys' number or more). */
    int capacity() {
        return capacity;
    }

    /** Adds {@code key} (0 or more); true if it was not there. */
    boolean add(long key) {
        if (old != null) {
            moveSome(STEP);
        }
        if (old != null && find(old, oldCapacity, key + 1)) {
            return false;
        }
        if (!insert(table, capacity, key + 1)) {
            return false;
        }
        size++;
        if (2 * size > capacity) {
            grow();
        }
        return true;
    }

    boolean contains(long key) {
        return find(table, capacity, key + 1) || old != null && find(old, oldCapacity, key + 1);
    }

    int size() {
        return size;
    }

    /** True while the keys of the last growth are still being moved. */
    boolean growing() {
        return old != null;
    }

    private void grow() {
        if (old != null) {
            moveSome(Integer.MAX_VALUE); // never happens with STEP large enough; correct anyway
        }
        old = table;
        oldCapacity = capacity;
        moved = 0;
        capacity = oldCapacity * 2;
        table = new long[Math.max(1, capacity >>> PAGE_BITS)][];
    }

    private void moveSome(int slots) {
        int end = (int) Math.min(oldCapacity, (long) moved + slots);
        for (int i = moved; i < end; i++) {
            long[] page = old[i >>> PAGE_BITS];
            if (page != null) {
                long stored = page[i & (PAGE - 1)];
                if (stored != 0) {
                    insert(table, capacity, stored);
                }
            }
        }
        moved = end;
        if (moved == oldCapacity) {
            old = null;
        }
    }

    /** Puts {@code stored} (a key + 1) into {@code t}; false if it was there. */
    private boolean insert(long[][] t, int cap, long stored) {
        int mask = cap - 1;
        for (int i = mix(stored) & mask; ; i = (i + 1) & mask) {
            long[] page = t[i >>> PAGE_BITS];
            if (page == null) {
                page = t[i >>> PAGE_BITS] = cap >= PAGE && spare != null ? spare.longPage() : new long[Math.min(cap, PAGE)];
            }
            long s = page[i & (PAGE - 1)];
            if (s == 0) {
                page[i & (PAGE - 1)] = stored;
                return true;
            }
            if (s == stored) {
                return false;
            }
        }
    }

    private static boolean find(long[][] t, int cap, long stored) {
        int mask = cap - 1;
        for (int i = mix(stored) & mask; ; i = (i + 1) & mask) {
            long[] page = t[i >>> PAGE_BITS];
            if (page == null) {
                return false;
            }
            long s = page[i & (PAGE - 1)];
            if (s == 0) {
                return false;
            }
            if (s == stored) {
                return true;
            }
        }
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
