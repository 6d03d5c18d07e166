package org.qinglang.core.coord;

/**
 * A binary min-heap of node ids keyed by a shared {@code double[]} of priorities, with decrease-key: the
 * priority structure of greedy peeling (FRAUDAR uses a priority tree for the same job). Not thread-safe.
 */
final class IndexedMinHeap {

    private final double[] key;
    private final int[] heap;
    private final int[] pos;
    private int size;

    /** A heap over ids 0..key.length-1 that reads priorities from {@code key} (owned by the caller). */
    IndexedMinHeap(double[] key) {
        this.key = key;
        this.heap = new int[key.length];
        this.pos = new int[key.length];
        java.util.Arrays.fill(pos, -1);
    }

    void add(int id) {
        heap[size] = id;
        pos[id] = size;
        size++;
        up(size - 1);
    }

    /** Adds every id whose {@code include} flag is set, in linear time. */
    void addAll(boolean[] include) {
        for (int id = 0; id < include.length; id++) {
            if (include[id]) {
                heap[size] = id;
                pos[id] = size;
                size++;
            }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            down(i);
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int pollMin() {
        int min = heap[0];
        size--;
        pos[min] = -1;
        if (size > 0) {
            heap[0] = heap[size];
            pos[heap[0]] = 0;
            down(0);
        }
        return min;
    }

    boolean contains(int id) {
        return pos[id] >= 0;
    }

    /** Call after lowering {@code key[id]}. */
    void decreased(int id) {
        up(pos[id]);
    }

    private void up(int i) {
        int id = heap[i];
        double k = key[id];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            int pid = heap[p];
            if (key[pid] <= k) {
                break;
            }
            heap[i] = pid;
            pos[pid] = i;
            i = p;
        }
        heap[i] = id;
        pos[id] = i;
    }

    private void down(int i) {
        int id = heap[i];
        double k = key[id];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && key[heap[r]] < key[heap[c]]) {
                c = r;
            }
            if (key[heap[c]] >= k) {
                break;
            }
            heap[i] = heap[c];
            pos[heap[i]] = i;
            i = c;
        }
        heap[i] = id;
        pos[id] = i;
    }
}
