package org.qinglang.core.coord;

import java.util.Arrays;

/**
 * An open-addressing set of non-negative longs (linear probing, load at most 1/2): 16 to 32 bytes per
 * element instead of about 60 for a {@code HashSet<Long>}. Written here rather than taken from fastutil
 * because it is the only primitive collection the package needs. Not thread-safe.
 */
final class LongSet {

    private static final long EMPTY = -1L;
    private long[] slots = new long[16];
    private int size;

    /** Adds {@code key} (0 or more); true if it was not there. */
    boolean add(long key) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = mix(key) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        size++;
        return true;
    }

    boolean contains(long key) {
        int mask = slots.length - 1;
        int i = mix(key) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.fill(slots, EMPTY);
        int mask = slots.length - 1;
        for (long k : old) {
            if (k != EMPTY) {
                int i = mix(k) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = k;
            }
        }
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    {
        Arrays.fill(slots, EMPTY);
    }
}
