package org.qinglang.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Ordinary Chinese words, from the dictionary that ships inside jieba-analysis ({@code dict.txt}, about
 * 349,000 words with corpus frequencies). A fuzzy hit that coincides with an ordinary word (女子 for a
 * split 好, 飞舞 for 废物 by sound) or cuts through one (路口交通 for 口交, 拖拉机 for 垃圾 by sound) is
 * almost always innocent, so the matcher asks this list before it reports one.
 *
 * <p>Only words of two to {@value #MAX_WORD_LENGTH} Han characters used at least
 * {@value #MIN_FREQUENCY} times in jieba's corpus count as ordinary: rarer entries of that dictionary
 * include internet slang that is itself an evasion (沙比, 煞笔). Words are kept as 32-bit fingerprints in an
 * open-addressing table small enough to stay in cache (512 KB); a false "is a word" needs a fingerprint
 * collision, about one lookup in four billion.
 *
 * <p>Immutable and thread-safe.
 */
public final class WordList {

    /** The longest word kept, in characters. */
    public static final int MAX_WORD_LENGTH = 6;
    /** The least corpus frequency of a word that counts as ordinary. */
    public static final int MIN_FREQUENCY = 20;

    private final int[] table;
    private final int mask;
    /** One bit per hashed pair of first two characters of some word: most pairs start no word. */
    private final long[] starts;
    /**
     * One bit per hashed pair of last two characters of some word of three or more: a lookup whose end
     * pair has no bit is answered without hashing the word or probing the table (the veto asks mostly
     * about spans that are no word).
     */
    private final long[] ends;
    private final int size;
    private final Map<Character, Long> characterFrequencies;
    private final BitSet common = new BitSet(0x10000);

    private WordList(int[] table, long[] starts, long[] ends, int size, Map<Character, Long> characterFrequencies) {
        this.table = table;
        this.starts = starts;
        this.ends = ends;
        this.mask = table.length - 1;
        this.size = size;
        this.characterFrequencies = characterFrequencies;
        characterFrequencies.entrySet().stream()
                .filter(e -> Character.isIdeographic(e.getKey()))
                .sorted(Map.Entry.<Character, Long>comparingByValue().reversed())
                .limit(COMMON_CHARACTERS)
                .forEach(e -> common.set(e.getKey()));
    }

    /** jieba's word list, loaded on first use. */
    public static WordList standard() {
        return Holder.STANDARD;
    }

    /** How many ordinary words there are. */
    public int size() {
        return size;
    }

    /** True if {@code text[from, to)} is an ordinary word. */
    public boolean contains(char[] text, int from, int to) {
        int len = to - from;
        if (len < 2 || len > MAX_WORD_LENGTH) {
            return false;
        }
        if (len > 2) {
            int e = pairHash(text[to - 2], text[to - 1]);
            if ((ends[e >>> 6] & (1L << e)) == 0) {
                return false;
            }
        }
        long h = hash(text, from, to);
        int fingerprint = fingerprint(h);
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            int t = table[i];
            if (t == 0) {
                return false;
            }
            if (t == fingerprint) {
                return true;
            }
        }
    }

    /** False if no ordinary word starts with {@code c1 c2}; true if one may. */
    public boolean mayStartWord(char c1, char c2) {
        int h = pairHash(c1, c2);
        return (starts[h >>> 6] & (1L << h)) != 0;
    }

    private static int pairHash(char c1, char c2) {
        return ((c1 * 0x9E3779B1) ^ (c2 * 0x85EBCA77)) >>> (32 - STARTS_BITS);
    }

    private static final int STARTS_BITS = 20;

    /** True if {@code word} is an ordinary word. */
    public boolean contains(String word) {
        char[] c = word.toCharArray();
        return contains(c, 0, c.length);
    }

    /** How many of the most frequent characters count as common ({@link #isCommonCharacter}). */
    public static final int COMMON_CHARACTERS = 300;

    /**
     * True for the {@value #COMMON_CHARACTERS} most frequent characters of the dictionary (是, 你, 在 …):
     * a sound-alike made only of these is almost always an ordinary phrase (你是 for 历史), not an evasion.
     */
    public boolean isCommonCharacter(char c) {
        return common.get(c);
    }

    /** How often each character occurs in the whole dictionary, weighted by word frequency. */
    public Map<Character, Long> characterFrequencies() {
        return characterFrequencies;
    }

    private static int fingerprint(long h) {
        int f = (int) (h >>> 32);
        return f == 0 ? 1 : f;
    }

    static long hash(char[] text, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= text[i];
            h *= 0x100000001b3L;
        }
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        return h == 0 ? 1 : h;
    }

    private static final class Holder {
        static final WordList STANDARD = load();
    }

    private static WordList load() {
        InputStream in = WordList.class.getResourceAsStream("/dict.txt");
        if (in == null) {
            throw new IllegalStateException("jieba's dict.txt is missing from the class path (com.huaban:jieba-analysis)");
        }
        int[] table = new int[1 << 17];
        long[] starts = new long[(1 << STARTS_BITS) / 64];
        long[] ends = new long[(1 << STARTS_BITS) / 64];
        int mask = table.length - 1;
        int size = 0;
        Map<Character, Long> chars = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                int a = line.indexOf(' ');
                if (a <= 0) {
                    continue;
                }
                int b = line.indexOf(' ', a + 1);
                long freq;
                try {
                    freq = Long.parseLong(b < 0 ? line.substring(a + 1) : line.substring(a + 1, b));
                } catch (NumberFormatException e) {
                    continue;
                }
                String word = line.substring(0, a);
                for (int i = 0; i < word.length(); i++) {
                    chars.merge(word.charAt(i), freq, Long::sum);
                }
                if (freq < MIN_FREQUENCY || word.length() < 2 || word.length() > MAX_WORD_LENGTH || !allHan(word)) {
                    continue;
                }
                char[] c = word.toCharArray();
                int ph = pairHash(c[0], c[1]);
                starts[ph >>> 6] |= 1L << ph;
                if (c.length > 2) {
                    int eh = pairHash(c[c.length - 2], c[c.length - 1]);
                    ends[eh >>> 6] |= 1L << eh;
                }
                long h = hash(c, 0, c.length);
                int fingerprint = fingerprint(h);
                int i = (int) h & mask;
                while (table[i] != 0 && table[i] != fingerprint) {
                    i = (i + 1) & mask;
                }
                if (table[i] == 0) {
                    if (size >= table.length * 3 / 4) {
                        throw new IllegalStateException("the ordinary-word table is full: raise its size");
                    }
                    table[i] = fingerprint;
                    size++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WordList(table, starts, ends, size, Map.copyOf(chars));
    }

    private static boolean allHan(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isIdeographic(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
