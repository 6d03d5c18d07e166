package org.qinglang.core.text;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The phonetic view of text: every Han character's pinyin syllable, toneless and folded to a near-sound
 * class, as a small integer; the segmentation of Latin letters into pinyin syllables (shabi → sha bi);
 * and initials (你妈死了 → nmsl). Readings come from HanLP: phrase-aware for the terms of a library
 * (polyphones by phrase: 长大 → zhang da), the most common reading for a character of scanned text.
 *
 * <p>Near sounds that evasions use are one class (the same id): s/sh, z/zh, c/ch, n/l, en/eng, in/ing.
 * Ids are dense, from 1 to {@link #syllableCount()}; 0 means "no syllable".
 *
 * <p>Immutable and thread-safe; {@link #standard()} is built once, on first use.
 */
public final class PinyinTable {

    /** The longest pinyin syllable, in letters (zhuang, shuang). */
    public static final int MAX_SYLLABLE_LETTERS = 6;

    private final Map<String, Integer> idOfSpelling;
    private final Map<String, Integer> plainIdOfSpelling;
    private final String[] spellingOfId;
    private final short[] syllableOfChar;
    private final short[] plainOfChar;
    private final char[] initialOfChar;

    private PinyinTable(Map<String, Integer> idOfSpelling, Map<String, Integer> plainIdOfSpelling,
                        String[] spellingOfId, short[] syllableOfChar, short[] plainOfChar, char[] initialOfChar) {
        this.idOfSpelling = idOfSpelling;
        this.plainIdOfSpelling = plainIdOfSpelling;
        this.spellingOfId = spellingOfId;
        this.syllableOfChar = syllableOfChar;
        this.plainOfChar = plainOfChar;
        this.initialOfChar = initialOfChar;
    }

    /**
     * The exact toneless syllable of a (folded) BMP character's most common reading, as an id of its own
     * numbering (not a near-sound class), or 0. Han homophones used as evasions share the exact syllable
     * (辣鸡 for 垃圾); near sounds are typed in Latin letters (sabi).
     */
    public int plainOf(char c) {
        return plainOfChar[c];
    }

    /** The exact toneless syllables of a phrase, polyphones read by phrase; 0 where it has none. */
    public int[] phrasePlain(String phrase) {
        List<Pinyin> readings = HanLP.convertToPinyinList(phrase);
        int[] out = new int[phrase.length()];
        for (int i = 0; i < phrase.length(); i++) {
            if (i < readings.size() && readings.get(i) != Pinyin.none5) {
                out[i] = plainIdOfSpelling.getOrDefault(readings.get(i).getPinyinWithoutTone(), 0);
            }
            if (out[i] == 0) {
                out[i] = plainOf(phrase.charAt(i));
            }
        }
        return out;
    }

    /** The standard table, built from HanLP on first use. */
    public static PinyinTable standard() {
        return Holder.STANDARD;
    }

    /** How many near-sound classes there are; ids run from 1 to this. */
    public int syllableCount() {
        return spellingOfId.length - 1;
    }

    /** The near-sound class of a (folded) BMP character's most common reading, or 0. */
    public int syllableOf(char c) {
        return syllableOfChar[c];
    }

    /** The pinyin initial letter of a (folded) BMP character's most common reading, or 0. */
    public char initialOf(char c) {
        return initialOfChar[c];
    }

    /** A readable spelling of a near-sound class (its folded form, such as {@code sa} for sha and sa). */
    public String spelling(int id) {
        return spellingOfId[id];
    }

    /** The near-sound class of a pinyin spelling (sha, sa, xian), or 0 if it is not a syllable. */
    public int idOf(String spelling) {
        return idOfSpelling.getOrDefault(spelling, 0);
    }

    /**
     * The near-sound classes of a phrase, reading polyphones by phrase, with Latin letter runs segmented
     * as pinyin; null if some character has no reading or some Latin run is not pinyin.
     */
    public int[] phraseSyllables(String phrase) {
        List<Pinyin> readings = HanLP.convertToPinyinList(phrase);
        int[] out = new int[phrase.length() * 2];
        int n = 0;
        for (int i = 0; i < phrase.length(); ) {
            char c = phrase.charAt(i);
            if (c >= 'a' && c <= 'z') {
                int j = i;
                while (j < phrase.length() && phrase.charAt(j) >= 'a' && phrase.charAt(j) <= 'z') {
                    j++;
                }
                int[] seg = segment(phrase.toCharArray(), i, j);
                if (seg == null) {
                    return null;
                }
                for (int k = 0; k < seg.length; k += 3) {
                    out = ensure(out, n);
                    out[n++] = seg[k];
                }
                i = j;
                continue;
            }
            int id = 0;
            if (i < readings.size() && readings.get(i) != Pinyin.none5) {
                id = idOf(readings.get(i).getPinyinWithoutTone());
            }
            if (id == 0) {
                id = syllableOf(c);
            }
            if (id == 0) {
                return null;
            }
            out = ensure(out, n);
            out[n++] = id;
            i++;
        }
        return Arrays.copyOf(out, n);
    }

    /** The near-sound classes of a phrase read character by character with each one's common reading. */
    public int[] characterSyllables(String phrase) {
        int[] out = new int[phrase.length()];
        for (int i = 0; i < phrase.length(); i++) {
            out[i] = syllableOf(phrase.charAt(i));
            if (out[i] == 0) {
                return null;
            }
        }
        return out;
    }

    /** The initials of a Han phrase (你妈死了 → nmsl), or null if a character has no reading. */
    public String initials(String phrase) {
        List<Pinyin> readings = HanLP.convertToPinyinList(phrase);
        StringBuilder sb = new StringBuilder(phrase.length());
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            char initial = 0;
            if (i < readings.size() && readings.get(i) != Pinyin.none5) {
                initial = readings.get(i).getPinyinWithoutTone().charAt(0);
            } else if (c >= 'a' && c <= 'z') {
                initial = c;
            } else {
                initial = initialOf(c);
            }
            if (initial == 0) {
                return null;
            }
            sb.append(initial);
        }
        return sb.toString();
    }

    /**
     * Segments {@code letters[from, to)} (lower-case a–z) into pinyin syllables, fewest first and longest
     * first on a tie. Returns triples {@code (class id, start, end)} in {@code letters} offsets, or null
     * if the run is not pinyin.
     */
    public int[] segment(char[] letters, int from, int to) {
        int n = to - from;
        int[] best = new int[n + 1];
        int[] step = new int[n + 1];
        Arrays.fill(best, Integer.MAX_VALUE);
        best[n] = 0;
        for (int i = n - 1; i >= 0; i--) {
            for (int len = Math.min(MAX_SYLLABLE_LETTERS, n - i); len >= 1; len--) {
                if (best[i + len] != Integer.MAX_VALUE && best[i + len] + 1 < best[i]
                        && idOf(new String(letters, from + i, len)) != 0) {
                    best[i] = best[i + len] + 1;
                    step[i] = len;
                }
            }
        }
        if (best[0] == Integer.MAX_VALUE) {
            return null;
        }
        int[] out = new int[best[0] * 3];
        int k = 0;
        for (int i = 0; i < n; i += step[i]) {
            out[k++] = idOf(new String(letters, from + i, step[i]));
            out[k++] = from + i;
            out[k++] = from + i + step[i];
        }
        return out;
    }

    private static int[] ensure(int[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2 + 2);
    }

    /** Folds a toneless spelling to its near-sound class: s/sh, z/zh, c/ch, n/l, en/eng, in/ing. */
    static String nearSound(String s) {
        if (s.startsWith("zh") || s.startsWith("ch") || s.startsWith("sh")) {
            s = s.charAt(0) + s.substring(2);
        } else if (s.startsWith("l")) {
            s = "n" + s.substring(1);
        }
        if (s.endsWith("eng") && s.length() > 3) {
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("ing")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static final class Holder {
        static final PinyinTable STANDARD = build();
    }

    private static PinyinTable build() {
        Map<String, Integer> classes = new HashMap<>();
        List<String> spellings = new ArrayList<>();
        spellings.add("");
        Map<String, Integer> idOfSpelling = new HashMap<>();
        for (Pinyin p : Pinyin.values()) {
            String plain = p.getPinyinWithoutTone();
            if (p == Pinyin.none5 || plain.isEmpty() || idOfSpelling.containsKey(plain)) {
                continue;
            }
            String cls = nearSound(plain);
            Integer id = classes.get(cls);
            if (id == null) {
                id = spellings.size();
                classes.put(cls, id);
                spellings.add(cls);
            }
            idOfSpelling.put(plain, id);
        }
        // the folded spellings are accepted in Latin text too (sabi for shabi, nin for ling)
        for (Map.Entry<String, Integer> c : classes.entrySet()) {
            idOfSpelling.putIfAbsent(c.getKey(), c.getValue());
        }
        short[] syllable = new short[0x10000];
        short[] plainSyllable = new short[0x10000];
        Map<String, Integer> plainIds = new HashMap<>();
        for (String plain : idOfSpelling.keySet().stream().sorted().toList()) {
            plainIds.put(plain, plainIds.size() + 1);
        }
        char[] initial = new char[0x10000];
        for (int c = 0x3400; c < 0x10000; c++) {
            if (!Character.isIdeographic(c)) {
                continue;
            }
            Pinyin p = HanLP.convertToPinyinList(String.valueOf((char) c)).get(0);
            if (p == Pinyin.none5) {
                continue;
            }
            String plain = p.getPinyinWithoutTone();
            Integer id = idOfSpelling.get(plain);
            if (id != null) {
                syllable[c] = id.shortValue();
                plainSyllable[c] = plainIds.get(plain).shortValue();
                initial[c] = plain.charAt(0);
            }
        }
        return new PinyinTable(Map.copyOf(idOfSpelling), Map.copyOf(plainIds), spellings.toArray(String[]::new),
                syllable, plainSyllable, initial);
    }
}
