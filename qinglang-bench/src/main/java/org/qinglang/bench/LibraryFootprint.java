package org.qinglang.bench;

import org.openjdk.jol.info.GraphLayout;
import org.qinglang.core.lexicon.Entry;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.text.Folding;
import org.qinglang.core.text.PinyinTable;
import org.qinglang.core.text.SplitTable;
import org.qinglang.core.text.WordList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Build time and heap of a compiled feature library, all channels:
 *
 * <ul>
 *   <li>the 65k-term word list ({@link WordListFile#sensitiveWordDict()}): build time (median of 3 compiles
 *       after one warm-up compile), {@link FeatureLibrary#compiledBytes()}, and the heap the library
 *       retains, measured two ways: JOL's object graph (minus the shared folding, pinyin, split and word
 *       tables that every library uses), and used heap after repeated {@code System.gc()} with and
 *       without a reference to it;</li>
 *   <li>a 100,000-term library (the 65k terms plus generated distinct terms of 2-6 Han characters drawn from
 *       the 3,000 commonest Han characters of the corpus, fixed seed): build time, same median. The goal is
 *       under 5 s.</li>
 * </ul>
 *
 * <p>Run: {@code java -Xmx4g -Djdk.attach.allowAttachSelf=true -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.LibraryFootprint}
 * from the repository root.
 */
public final class LibraryFootprint {

    /** Size of the large synthetic library. */
    public static final int LARGE_SIZE = 100_000;
    private static final long SEED = 20_240_601L;

    private LibraryFootprint() {
    }

    /** Build timing: every run in ms and their median. */
    record BuildTime(long[] millis) {
        long median() {
            long[] s = millis.clone();
            Arrays.sort(s);
            return s[s.length / 2];
        }

        @Override
        public String toString() {
            return String.format("median %,d ms (runs %s ms, after one warm-up)", median(), Arrays.toString(millis));
        }
    }

    public static void main(String[] args) {
        // JOL cannot ask Unsafe for field offsets of records (Entry is one); let it find them another way
        System.setProperty("jol.magicFieldOffset", "true");
        List<String> terms = WordListFile.sensitiveWordDict();
        List<Entry> entries = terms.stream().map(Entry::of).toList();
        System.out.printf("lexicon: %,d terms (%s), all channels%n", terms.size(), WordListFile.SENSITIVE_WORD_DICT);

        BuildTime t65 = time(entries);
        System.out.printf("build %,d terms: %s%n", entries.size(), t65);

        FeatureLibrary lib = FeatureLibrary.compile(entries);
        System.out.printf("compiledBytes(): %,d bytes (%.1f MB)%n", lib.compiledBytes(), lib.compiledBytes() / 1e6);
        heapByJol(lib, entries);
        long gcBytes = heapByGc(entries);
        System.out.printf("retained heap by System.gc() difference: %,d bytes (%.1f MB)%n", gcBytes, gcBytes / 1e6);
        lib = null;

        List<Entry> large = new ArrayList<>(entries);
        for (String t : generatedTerms(new HashSet<>(terms), LARGE_SIZE - entries.size())) {
            large.add(Entry.of(t));
        }
        BuildTime t100 = time(large);
        System.out.printf("build %,d terms (65k + %,d generated): %s — goal < 5,000 ms: %s%n", large.size(),
                large.size() - entries.size(), t100, t100.median() < 5_000 ? "MET" : "NOT MET");
        FeatureLibrary big = FeatureLibrary.compile(large);
        System.out.printf("compiledBytes() %,d terms: %,d bytes (%.1f MB)%n", large.size(), big.compiledBytes(),
                big.compiledBytes() / 1e6);
    }

    private static BuildTime time(List<Entry> entries) {
        FeatureLibrary.compile(entries);
        long[] ms = new long[3];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            FeatureLibrary lib = FeatureLibrary.compile(entries);
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
            if (lib.entries().size() != entries.size()) {
                throw new AssertionError("library lost entries");
            }
        }
        return new BuildTime(ms);
    }

    /**
     * JOL sizes, each from one walk of the graph so that objects moved by the GC between walks cannot be
     * counted twice: library ∩ shared = |library| + |shared| − |library ∪ shared|.
     */
    private static void heapByJol(FeatureLibrary lib, List<Entry> entries) {
        Object[] shared = {Folding.standard(), PinyinTable.standard(), SplitTable.standard(), WordList.standard()};
        long whole = GraphLayout.parseInstance(lib).totalSize();
        long sharedSize = GraphLayout.parseInstance(shared).totalSize();
        Object[] both = Arrays.copyOf(shared, shared.length + 1);
        both[shared.length] = lib;
        long union = GraphLayout.parseInstance(both).totalSize();
        long inShared = whole + sharedSize - union;
        long retained = whole - inShared;
        long entriesSize = GraphLayout.parseInstance(entries).totalSize();
        System.out.printf("JOL: library graph %,d bytes, of which shared tables %,d; retained by this library "
                + "%,d bytes (%.1f MB), of which the Entry objects %,d (%.1f MB), compiled structures %,d (%.1f MB)%n",
                whole, inShared, retained, retained / 1e6, entriesSize, entriesSize / 1e6,
                retained - entriesSize, (retained - entriesSize) / 1e6);
    }

    /** Used heap with the library held minus used heap without it, the entries held in both. */
    private static long heapByGc(List<Entry> entries) {
        long before = usedAfterGc();
        FeatureLibrary lib = FeatureLibrary.compile(entries);
        long after = usedAfterGc();
        if (lib.entries().isEmpty()) {
            throw new AssertionError();
        }
        return after - before;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** {@code count} distinct new terms of 2-6 Han characters from the corpus's commonest Han characters. */
    static List<String> generatedTerms(Set<String> existing, int count) {
        char[] alphabet = commonHan(Corpus.standard(), 3_000);
        Random random = new Random(SEED);
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < count) {
            int len = 2 + random.nextInt(5);
            char[] t = new char[len];
            for (int i = 0; i < len; i++) {
                t[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(t);
            if (!existing.contains(s)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private static char[] commonHan(Corpus corpus, int n) {
        Map<Character, Integer> freq = new HashMap<>();
        for (String t : corpus.texts()) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                    freq.merge(c, 1, Integer::sum);
                }
            }
        }
        List<Character> byCount = new ArrayList<>(freq.keySet());
        byCount.sort((a, b) -> freq.get(b) - freq.get(a) != 0 ? freq.get(b) - freq.get(a) : Character.compare(a, b));
        char[] out = new char[Math.min(n, byCount.size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = byCount.get(i);
        }
        return out;
    }
}
