package org.qinglang.core.coord;

import java.util.Arrays;

/** Counts per non-negative long key, open addressing (linear probing, load at most 1/2). Not thread-safe. */
final class LongIntCounter {

    private static final long EMPTY = -1L;
    private long[] keys;
    private int[] counts;
    private int size;

    LongIntCounter() {
        keys = new long[16];
        counts = new int[16];
        Arrays.fill(keys, EMPTY);
    }

    void increment(long key) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            keys[i] = key;
            size++;
        }
        counts[i]++;
    }

    int size() {
        return size;
    }

    /** Calls {@code visitor} once per key with its count, in no particular order. */
    void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                visitor.visit(keys[i], counts[i]);
            }
        }
    }

    interface Visitor {
        void visit(long key, int count);
    }

    private void grow() {
        long[] ok = keys;
        int[] oc = counts;
        keys = new long[ok.length * 2];
        counts = new int[ok.length * 2];
        Arrays.fill(keys, EMPTY);
        int mask = keys.length - 1;
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != EMPTY) {
                int i = mix(ok[j]) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = ok[j];
                counts[i] = oc[j];
            }
        }
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
