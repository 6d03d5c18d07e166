package org.qinglang.core.lexicon;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho–Corasick automaton over small positive int symbols, stored as a double array: the children of
 * state {@code s} live at {@code base[s] + symbol}, and {@code check[t] == s} says that slot {@code t} is
 * a child of {@code s}. State ids are slot numbers; the root is 0. Symbol 0 means "no pattern has this"
 * and always leads back to the root.
 *
 * <p>The walk is stepwise ({@link #next}) rather than a scan over a whole string, so the caller can
 * skip noise between symbols and keep its own map from symbols back to raw offsets.
 *
 * <p>Immutable after {@link Builder#build()}; thread-safe.
 */
final class SymbolAutomaton {

    static final int ROOT = 0;

    /**
     * Per state {@code t}, four ints side by side so that one cache line serves a step: {@code st[4t]} base,
     * {@code st[4t+1]} check, {@code st[4t+2]} fail, {@code st[4t+3]} the first index of the patterns ending
     * in {@code t} or {@link #OUTPUT_BY_LINK} if only states on its fail chain have some, or -1.
     */
    private final int[] st;
    /** The root's transitions as a direct table: most failure chains end there. */
    private final int[] rootNext;
    /** For each state: the nearest state on the fail chain with outputs, or -1. */
    private final int[] outputLink;
    /**
     * Runs of pattern ids, each run ended by -1 and preceded by the length of its patterns (all patterns
     * that end in one state have its depth as their length).
     */
    private final int[] outputs;
    private final int[] patternLength;

    private static final int OUTPUT_BY_LINK = -2;
    /**
     * Set in a state's fail slot, with the row edges, when its fail state is a child of the root (whose
     * complete transitions are a row of the table).
     */
    private static final int FAIL_TO_ROW = 1 << 30;
    /** The largest table of depth-one edges built, in bits (1 MB). */
    private static final int MAX_ROW_BITS = 1 << 23;

    /**
     * Which children of the root have a child of their own for which symbol: bit {@code row * stride + c}
     * for the child of the root reached by symbol {@code row} and symbol {@code c}, when the alphabet is
     * small enough (the sound automaton's is, some 320 sound classes: 13 KB); null otherwise. Most failure
     * chains end in a child of the root, and such a state's fail is the root, so its complete transition
     * is its real child if the bit is set and otherwise the root's transition: a step from it reads a bit
     * and a small table that stay in cache, instead of a random slot of the big array (the character
     * automaton's alphabet is too large for the table; a hashed filter in its place measured slower).
     */
    private final long[] rowEdges;
    private final int stride;
    private final int rootBase;

    /**
     * Bits of a <em>coded</em> state ({@link #start}, {@link #step}): the state id with what a walk asks
     * of it next carried along, so that the common step never loads the state's slot of the big array.
     * {@code ROW} marks a child of the root (whose step is by {@link #rowEdges}), {@code OUT} a state with
     * output on its fail chain ({@link #hasOutput}). State ids stay below {@code OUT}.
     */
    static final int CODED_ROW = 1 << 29;
    static final int CODED_OUT = 1 << 28;
    private static final int STATE_MASK = CODED_OUT - 1;
    /** Per symbol: the root's transition as a coded state. */
    private final int[] rootCoded;

    private SymbolAutomaton(int[] base, int[] check, int[] fail, int[] outputHead, int[] outputLink, int[] outputs,
                            int[] patternLength) {
        this.st = new int[base.length * 4];
        int maxSymbol = 0;
        int alphabet = 0;
        for (int t = 0; t < base.length; t++) {
            if (check[t] >= 0) {
                alphabet = Math.max(alphabet, t - base[check[t]]);
            }
            st[4 * t] = base[t];
            st[4 * t + 1] = check[t];
            st[4 * t + 2] = fail[t];
            st[4 * t + 3] = outputHead[t] >= 0 ? outputHead[t] : outputLink[t] >= 0 ? OUTPUT_BY_LINK : -1;
            if (check[t] == ROOT && t != ROOT) {
                maxSymbol = Math.max(maxSymbol, t - base[ROOT]);
            }
        }
        this.rootNext = new int[maxSymbol + 1];
        for (int c = 1; c <= maxSymbol; c++) {
            int t = base[ROOT] + c;
            rootNext[c] = t < check.length && check[t] == ROOT ? t : ROOT;
        }
        this.outputLink = outputLink;
        this.outputs = outputs;
        this.patternLength = patternLength;
        this.rootBase = base[ROOT];
        this.stride = alphabet + 1;
        if (base.length >= STATE_MASK) {
            throw new IllegalStateException("too many states for coded steps: " + base.length);
        }
        long bits = (long) (maxSymbol + 1) * stride;
        if (bits <= MAX_ROW_BITS) {
            long[] edges = new long[(int) ((bits + 63) >>> 6)];
            for (int t = 1; t < base.length; t++) {
                int parent = check[t];
                if (parent > 0 && parent < base.length && check[parent] == ROOT) {
                    int bit = (parent - rootBase) * stride + (t - base[parent]);
                    edges[bit >>> 6] |= 1L << bit;
                }
            }
            this.rowEdges = edges;
            // a step that fails over to a child of the root goes straight to its row, without reading it
            for (int t = 1; t < base.length; t++) {
                int f = fail[t];
                if (check[t] >= 0 && f != ROOT && check[f] == ROOT) {
                    st[4 * t + 2] = f | FAIL_TO_ROW;
                }
            }
        } else {
            this.rowEdges = null;
        }
        this.rootCoded = new int[rootNext.length];
        for (int c = 1; c < rootNext.length; c++) {
            rootCoded[c] = coded(rootNext[c]);
        }
    }

    /** The state after reading {@code symbol} in state {@code s}, following failure links. */
    int next(int s, int symbol) {
        if (symbol <= 0) {
            return ROOT;
        }
        int[] st = this.st;
        if (rowEdges != null && s != ROOT && st[4 * s + 1] == ROOT) {
            return row(s, symbol);
        }
        while (s != ROOT) {
            int t = st[4 * s] + symbol;
            if (4 * t + 1 < st.length && st[4 * t + 1] == s) {
                return t;
            }
            int f = st[4 * s + 2];
            if (f >= FAIL_TO_ROW) {
                return row(f - FAIL_TO_ROW, symbol);
            }
            s = f;
        }
        return symbol < rootNext.length ? rootNext[symbol] : ROOT;
    }

    /** The step from {@code s}, a child of the root: its child if it has one, else the root's step. */
    private int row(int s, int symbol) {
        if (symbol < stride) {
            int bit = (s - rootBase) * stride + symbol;
            if ((rowEdges[bit >>> 6] & 1L << bit) != 0) {
                return st[4 * s] + symbol;
            }
        }
        return symbol < rootNext.length ? rootNext[symbol] : ROOT;
    }

    /** The coded root, where a coded walk starts. */
    static int start() {
        return ROOT;
    }

    /** State {@code s} as a coded state. */
    private int coded(int s) {
        if (s == ROOT) {
            return ROOT;
        }
        return s | (st[4 * s + 3] != -1 ? CODED_OUT : 0) | (rowEdges != null && st[4 * s + 1] == ROOT ? CODED_ROW : 0);
    }

    /**
     * {@link #next} on coded states. From the root or a child of the root (nearly every step of a walk
     * over text that is mostly not a pattern) it reads only {@link #rowEdges} and {@link #rootCoded}, both
     * small; the big array is read only to enter or leave a deeper state.
     */
    int step(int code, int symbol) {
        if (symbol <= 0) {
            return ROOT;
        }
        if ((code & CODED_ROW) != 0) {
            return rowCoded(code & STATE_MASK, symbol);
        }
        int s = code & STATE_MASK;
        int[] st = this.st;
        while (s != ROOT) {
            int t = st[4 * s] + symbol;
            if (4 * t + 1 < st.length && st[4 * t + 1] == s) {
                return coded(t);
            }
            int f = st[4 * s + 2];
            if (f >= FAIL_TO_ROW) {
                return rowCoded(f - FAIL_TO_ROW, symbol);
            }
            s = f;
        }
        return symbol < rootCoded.length ? rootCoded[symbol] : ROOT;
    }

    /**
     * {@link #row} on coded states: the row of child {@code s} is its symbol, {@code s - rootBase}; only a
     * real child costs a load of the big array (for the child's base and its own bits).
     */
    private int rowCoded(int s, int symbol) {
        if (symbol < stride) {
            int bit = (s - rootBase) * stride + symbol;
            if ((rowEdges[bit >>> 6] & 1L << bit) != 0) {
                return coded(st[4 * s] + symbol);
            }
        }
        return symbol < rootCoded.length ? rootCoded[symbol] : ROOT;
    }

    /** The state id of a coded state. */
    static int stateOf(int code) {
        return code & STATE_MASK;
    }

    /** {@link #hasOutput} of a coded state, without reading the automaton. */
    static boolean codedHasOutput(int code) {
        return (code & CODED_OUT) != 0;
    }

    /** True if some pattern ends in {@code s} or in a state on its fail chain. */
    boolean hasOutput(int s) {
        return st[4 * s + 3] != -1;
    }

    /** The first state, starting at {@code s} and following output links, with patterns ending in it; or -1. */
    int firstOutputState(int s) {
        return st[4 * s + 3] >= 0 ? s : outputLink[s];
    }

    /** The next state with outputs after {@code s} on the output chain, or -1. */
    int nextOutputState(int s) {
        return outputLink[s];
    }

    /** Index into the output runs of the patterns that end exactly in {@code s}. */
    int outputHead(int s) {
        return st[4 * s + 3];
    }

    /** The length of the patterns that end exactly in {@code s} (a state with outputs), in symbols. */
    int outputLength(int s) {
        return outputs[st[4 * s + 3] - 1];
    }

    /** The pattern id at {@code index} in the output runs, or -1 at the end of a run. */
    int output(int index) {
        return outputs[index];
    }

    /** The length of pattern {@code id}, in symbols. */
    int patternLength(int id) {
        return patternLength[id];
    }

    /** Approximate heap used by the arrays, in bytes. */
    long bytes() {
        return 4L * (st.length + rootNext.length + outputLink.length + outputs.length + patternLength.length
                + rootCoded.length + (rowEdges == null ? 0 : 2L * rowEdges.length));
    }

    /** Builds an automaton from patterns added one by one; each added pattern gets the next id. */
    static final class Builder {
        // the trie while building: edges keyed by (node << 32 | symbol), children listed per node
        private final Map<Long, Integer> edges = new HashMap<>();
        private int[] firstChild = new int[1024];
        private int[] nextSibling = new int[1024];
        private int[] symbolOf = new int[1024];
        private int[] terminalHead = new int[1024];
        private int nodes = 1;
        private int[] patternLength = new int[256];
        private int[] patternNext = new int[256];
        private int patterns;

        Builder() {
            Arrays.fill(firstChild, -1);
            Arrays.fill(terminalHead, -1);
        }

        /** Adds a pattern (all symbols ≥ 1) and returns its id. */
        int add(int[] symbols) {
            if (symbols.length == 0) {
                throw new IllegalArgumentException("a pattern must have at least one symbol");
            }
            int node = 0;
            for (int c : symbols) {
                if (c <= 0) {
                    throw new IllegalArgumentException("pattern symbols must be positive, got " + c);
                }
                long key = ((long) node << 32) | c;
                Integer child = edges.get(key);
                if (child == null) {
                    child = newNode(node, c);
                    edges.put(key, child);
                }
                node = child;
            }
            if (patterns == patternLength.length) {
                patternLength = Arrays.copyOf(patternLength, patterns * 2);
                patternNext = Arrays.copyOf(patternNext, patterns * 2);
            }
            int id = patterns++;
            patternLength[id] = symbols.length;
            patternNext[id] = terminalHead[node];
            terminalHead[node] = id;
            return id;
        }

        private int newNode(int parent, int symbol) {
            if (nodes == firstChild.length) {
                int n = nodes * 2;
                firstChild = Arrays.copyOf(firstChild, n);
                nextSibling = Arrays.copyOf(nextSibling, n);
                symbolOf = Arrays.copyOf(symbolOf, n);
                terminalHead = Arrays.copyOf(terminalHead, n);
                Arrays.fill(firstChild, nodes, n, -1);
                Arrays.fill(terminalHead, nodes, n, -1);
            }
            int id = nodes++;
            symbolOf[id] = symbol;
            nextSibling[id] = firstChild[parent];
            firstChild[parent] = id;
            return id;
        }

        SymbolAutomaton build() {
            int[] slotOf = new int[nodes];
            int capacity = Math.max(1024, nodes * 2);
            int[] base = new int[capacity];
            int[] check = new int[capacity];
            Arrays.fill(check, -1);
            BitSet used = new BitSet(capacity);
            used.set(0);
            slotOf[0] = 0;
            int searchFrom = 1;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(0);
            int[] kids = new int[64];
            while (!queue.isEmpty()) {
                int node = queue.poll();
                int k = 0;
                for (int c = firstChild[node]; c >= 0; c = nextSibling[c]) {
                    if (k == kids.length) {
                        kids = Arrays.copyOf(kids, k * 2);
                    }
                    kids[k++] = c;
                }
                if (k == 0) {
                    continue;
                }
                int minSymbol = Integer.MAX_VALUE;
                for (int i = 0; i < k; i++) {
                    minSymbol = Math.min(minSymbol, symbolOf[kids[i]]);
                }
                int pos = Math.max(searchFrom, minSymbol);
                int b;
                while (true) {
                    pos = used.nextClearBit(pos);
                    b = pos - minSymbol;
                    boolean fits = true;
                    for (int i = 0; i < k && fits; i++) {
                        fits = !used.get(b + symbolOf[kids[i]]);
                    }
                    if (fits) {
                        break;
                    }
                    pos++;
                }
                int slot = slotOf[node];
                base[slot] = b;
                for (int i = 0; i < k; i++) {
                    int t = b + symbolOf[kids[i]];
                    if (t >= check.length) {
                        int n = Math.max(t + 1, check.length * 2);
                        base = Arrays.copyOf(base, n);
                        int old = check.length;
                        check = Arrays.copyOf(check, n);
                        Arrays.fill(check, old, n, -1);
                    }
                    used.set(t);
                    check[t] = slot;
                    slotOf[kids[i]] = t;
                    queue.add(kids[i]);
                }
                // skip ahead past dense regions so that placement stays close to linear
                while (used.get(searchFrom)) {
                    searchFrom++;
                }
            }
            int size = used.length();
            base = Arrays.copyOf(base, size);
            check = Arrays.copyOf(check, size);

            int[] fail = new int[size];
            int[] outputHead = new int[size];
            int[] outputLink = new int[size];
            Arrays.fill(outputHead, -1);
            Arrays.fill(outputLink, -1);
            int[] outputs = new int[patterns + 2 * nodes];
            int o = 0;
            for (int node = 0; node < nodes; node++) {
                if (terminalHead[node] >= 0) {
                    outputs[o++] = patternLength[terminalHead[node]];
                    outputHead[slotOf[node]] = o;
                    for (int p = terminalHead[node]; p >= 0; p = patternNext[p]) {
                        outputs[o++] = p;
                    }
                    outputs[o++] = -1;
                }
            }
            outputs = Arrays.copyOf(outputs, o);

            queue.add(0);
            while (!queue.isEmpty()) {
                int node = queue.poll();
                int slot = slotOf[node];
                for (int c = firstChild[node]; c >= 0; c = nextSibling[c]) {
                    int child = slotOf[c];
                    int f = node == 0 ? ROOT : step(base, check, fail, fail[slot], symbolOf[c]);
                    fail[child] = f;
                    outputLink[child] = outputHead[f] >= 0 ? f : outputLink[f];
                    queue.add(c);
                }
            }
            return new SymbolAutomaton(base, check, fail, outputHead, outputLink, outputs,
                    Arrays.copyOf(patternLength, patterns));
        }

        /** One step on the arrays being built (fail links of shallower states are already set). */
        private static int step(int[] base, int[] check, int[] fail, int s, int symbol) {
            while (true) {
                int t = base[s] + symbol;
                if (t < check.length && check[t] == s) {
                    return t;
                }
                if (s == ROOT) {
                    return ROOT;
                }
                s = fail[s];
            }
        }
    }

    /** Convenience for tests: builds from a list of patterns. */
    static SymbolAutomaton of(List<int[]> patterns) {
        Builder b = new Builder();
        patterns.forEach(b::add);
        return b.build();
    }
}
