package org.qinglang.core.classify;

import org.qinglang.core.lexicon.Channel;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.Hit;
import org.qinglang.core.lexicon.LibraryFile;
import org.qinglang.core.text.Folding;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The features of the fast model, for one text: its character n-grams hashed into {@code 2^hashBits}
 * buckets, and, optionally, whether the shipped feature library hits it in each category and on each
 * channel.
 *
 * <p>The text is first folded ({@link Folding#standard()}: width, case, traditional to simplified,
 * variants, look-alikes; invisible characters dropped). Every run of 1 to {@code maxN} code points is
 * hashed with a fixed 64-bit mix (the same on every JVM) into a bucket; a bucket counts once however often
 * it occurs, and the n-gram part is scaled to unit length. Library features come after the buckets: one
 * per category (in the order stored in the model) and one per {@link Channel}, each 1 when the library
 * hits the raw text there, else absent.
 *
 * <p>Immutable and thread-safe.
 */
public final class FastFeatures {

    /** Fewest and most hash bits allowed. */
    public static final int MIN_BITS = 10;
    public static final int MAX_BITS = 24;
    /** Longest n-gram allowed. */
    public static final int MAX_N = 5;

    private final int hashBits;
    private final int maxN;
    private final List<String> categories;
    private final Map<String, Integer> categoryIndex;
    private final FeatureLibrary library;

    /**
     * Features with {@code hashBits} hash bits, n-grams of 1 to {@code maxN} code points, and one library
     * feature per listed category and per channel (no library features when {@code categories} is empty).
     */
    public FastFeatures(int hashBits, int maxN, List<String> categories) {
        if (hashBits < MIN_BITS || hashBits > MAX_BITS) {
            throw new IllegalArgumentException("hashBits must be in [" + MIN_BITS + ", " + MAX_BITS + "], was "
                    + hashBits);
        }
        if (maxN < 1 || maxN > MAX_N) {
            throw new IllegalArgumentException("maxN must be in [1, " + MAX_N + "], was " + maxN);
        }
        this.hashBits = hashBits;
        this.maxN = maxN;
        this.categories = List.copyOf(categories);
        Map<String, Integer> idx = new HashMap<>();
        for (String c : this.categories) {
            if (idx.putIfAbsent(c, idx.size()) != null) {
                throw new IllegalArgumentException("category '" + c + "' is listed twice");
            }
        }
        this.categoryIndex = Map.copyOf(idx);
        this.library = this.categories.isEmpty() ? null : ShippedLibrary.LIBRARY;
    }

    /** Features with library hits on every category of the shipped library. */
    public static FastFeatures withLibrary(int hashBits, int maxN) {
        return new FastFeatures(hashBits, maxN, ShippedLibrary.CATEGORIES);
    }

    /** Features of n-grams only. */
    public static FastFeatures ngramsOnly(int hashBits, int maxN) {
        return new FastFeatures(hashBits, maxN, List.of());
    }

    public int hashBits() {
        return hashBits;
    }

    public int maxN() {
        return maxN;
    }

    /** The library categories that have a feature, in feature order; empty when library features are off. */
    public List<String> categories() {
        return categories;
    }

    /** True if the feature-library hits are features. */
    public boolean usesLibrary() {
        return library != null;
    }

    /** How many features there are: the buckets, then the categories, then the channels. */
    public int dimension() {
        return (1 << hashBits) + (library == null ? 0 : categories.size() + Channel.values().length);
    }

    /** A sparse feature vector: indices ascending, zero-based, below {@link #dimension()}. */
    public record Vector(int[] index, float[] value) {
        public Vector {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(value, "value");
            if (index.length != value.length) {
                throw new IllegalArgumentException("index and value lengths differ");
            }
        }
    }

    /** The feature vector of {@code text}. */
    public Vector extract(String text) {
        String folded = Folding.standard().foldString(text);
        int[] cps = folded.codePoints().toArray();
        int n = cps.length;
        int[] buckets = new int[n * maxN + categories.size() + Channel.values().length];
        int count = 0;
        int shift = 64 - hashBits;
        for (int i = 0; i < n; i++) {
            long h = 0x2545F4914F6CDD1DL;
            for (int len = 1; len <= maxN && i + len <= n; len++) {
                h = (h ^ cps[i + len - 1]) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 31;
                buckets[count++] = (int) (mix(h + len) >>> shift);
            }
        }
        Arrays.sort(buckets, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || buckets[distinct - 1] != buckets[i]) {
                buckets[distinct++] = buckets[i];
            }
        }
        int total = distinct;
        if (library != null && !text.isEmpty()) {
            boolean[] on = new boolean[categories.size() + Channel.values().length];
            for (Hit hit : library.scan(text)) {
                Integer c = categoryIndex.get(hit.category());
                if (c != null) {
                    on[c] = true;
                }
                on[categories.size() + hit.channel().ordinal()] = true;
            }
            int base = 1 << hashBits;
            for (int i = 0; i < on.length; i++) {
                if (on[i]) {
                    buckets[total++] = base + i;
                }
            }
        }
        int[] index = Arrays.copyOf(buckets, total);
        float[] value = new float[total];
        float unit = distinct == 0 ? 0f : (float) (1.0 / Math.sqrt(distinct));
        Arrays.fill(value, 0, distinct, unit);
        Arrays.fill(value, distinct, total, 1f);
        return new Vector(index, value);
    }

    /** Murmur3's 64-bit finaliser. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB93FE53E2CA3L;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastFeatures f && f.hashBits == hashBits && f.maxN == maxN
                && f.categories.equals(categories);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hashBits, maxN, categories);
    }

    @Override
    public String toString() {
        return "FastFeatures[hashBits=" + hashBits + ", maxN=" + maxN + ", library="
                + (library == null ? "off" : categories) + "]";
    }

    /** The shipped feature library, compiled once on first use, and its categories in sorted order. */
    private static final class ShippedLibrary {
        static final FeatureLibrary LIBRARY = FeatureLibrary.compile(LibraryFile.defaultLibrary().entries());
        static final List<String> CATEGORIES = List.copyOf(new TreeSet<>(
                LIBRARY.entries().stream().map(e -> e.category()).toList()));
    }
}
