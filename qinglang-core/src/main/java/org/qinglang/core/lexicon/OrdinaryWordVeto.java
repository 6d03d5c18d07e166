package org.qinglang.core.lexicon;

import org.qinglang.core.text.WordList;

/**
 * The ordinary-word veto: a hit that ordinary Chinese words explain is dropped. Fuzzy channels find
 * sound-alikes and look-alikes inside innocent text (飞舞 sounds like 废物, 拖拉机 holds a 垃圾 sound, 女子
 * is a split 好), and even an exact two-character term can straddle two words (路口交通 holds 口交); jieba's
 * ordinary words ({@link WordList}) tell them apart.
 *
 * <p>Immutable and thread-safe.
 */
final class OrdinaryWordVeto {

    private final WordList words;
    private final String[] foldedTerms;
    private final String[][] foldedAliases;
    /** Per entry: the length of its folded term in chars. */
    private final int[] termLength;
    /**
     * Per entry: the first two chars of its folded term as {@code c0 << 16 | c1} (c1 is 0 for a one-char
     * term), so that the common question "does this word contain the term" is answered from one flat array
     * instead of the term's string.
     */
    private final int[] termHead;
    /** Per entry: true if it has aliases (whose strings are then compared too). */
    private final boolean[] hasAliases;

    OrdinaryWordVeto(WordList words, String[] foldedTerms, String[][] foldedAliases, int[] termLength) {
        this.words = words;
        this.foldedTerms = foldedTerms;
        this.foldedAliases = foldedAliases;
        this.termLength = termLength;
        this.termHead = new int[foldedTerms.length];
        this.hasAliases = new boolean[foldedTerms.length];
        for (int i = 0; i < foldedTerms.length; i++) {
            String t = foldedTerms[i];
            termHead[i] = t.isEmpty() ? 0 : t.charAt(0) << 16 | (t.length() > 1 ? t.charAt(1) : 0);
            hasAliases[i] = foldedAliases[i].length > 0;
        }
    }

    /**
     * True if ordinary words explain the hit away. {@code han} holds the folded Han character at each raw
     * offset of the text, 0 elsewhere.
     * <ul>
     *   <li>An exact or folded hit (asked about only when it is two characters) goes if both of its
     *       characters belong to ordinary words that reach out of it: 路口交通 for 口交; but 傻逼真是的 keeps
     *       傻逼 although 逼真 is a word.</li>
     *   <li>A guess (a sound or split hit) of a two-character term goes if it is itself an ordinary word
     *       (飞舞 for 废物) or cuts through one (拖拉机 for 垃圾). (Two syllables written in common characters,
     *       你是 for 历史, never became a candidate.)</li>
     *   <li>A longer guess goes only if every Han character of it belongs to an ordinary word that reaches
     *       out of it.</li>
     * </ul>
     * Words are runs of Han characters; words that contain the entry's own term or alias never count.
     */
    boolean vetoes(char[] han, int entry, Channel channel, int start, int end) {
        boolean guess = channel == Channel.PINYIN || channel == Channel.SPLIT;
        if (!guess) {
            return bothCharactersClaimed(han, start, channel == Channel.EXACT, entry);
        }
        int hanCount = 0;
        for (int i = start; i < end; i++) {
            hanCount += han[i] != 0 ? 1 : 0;
        }
        if (hanCount == 0) {
            return false;
        }
        if (termLength[entry] <= 2) {
            return isOtherWord(han, start, end, entry) || cutsThroughWord(han, start, end, entry);
        }
        return allClaimed(han, start, end, entry);
    }

    /**
     * For a hit of two Han characters at {@code start}: true if an ordinary word ends at its first character
     * (coming from the left) and another starts at its second (going right). A word over both characters
     * contains the term itself when the hit is exact, so it is not looked up then.
     */
    private boolean bothCharactersClaimed(char[] han, int start, boolean exact, int entry) {
        if (han[start] == 0 || han[start + 1] == 0) {
            return false;
        }
        int longest = WordList.MAX_WORD_LENGTH;
        boolean first = false;
        for (int a = start - 1; a >= Math.max(0, start - longest + 1) && han[a] != 0 && !first; a--) {
            first = isOtherWord(han, a, start + 1, entry)
                    || !exact && coversBoth(han, a, start, entry);
        }
        if (!first) {
            return false;
        }
        int n = han.length;
        for (int b = start + 3; b <= Math.min(n, start + 1 + longest); b++) {
            if (han[b - 1] == 0) {
                return false;
            }
            if (isOtherWord(han, start + 1, b, entry)) {
                return true;
            }
        }
        return false;
    }

    /** True if an ordinary word starting at {@code a} covers both characters of the hit at {@code start}. */
    private boolean coversBoth(char[] han, int a, int start, int entry) {
        for (int b = start + 2; b <= Math.min(han.length, a + WordList.MAX_WORD_LENGTH); b++) {
            if (isOtherWord(han, a, b, entry)) {
                return true;
            }
        }
        return false;
    }

    /** True if an ordinary word starts before the hit and reaches into it, or starts inside and reaches out. */
    private boolean cutsThroughWord(char[] han, int start, int end, int entry) {
        return crossingWords(han, start, end, entry, null);
    }

    /** True if every Han character of the hit belongs to an ordinary word that reaches out of the hit. */
    private boolean allClaimed(char[] han, int start, int end, int entry) {
        boolean[] claimed = new boolean[end - start];
        crossingWords(han, start, end, entry, claimed);
        for (int k = start; k < end; k++) {
            if (han[k] != 0 && !claimed[k - start]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds the ordinary words that overlap the hit and reach out of it. Without {@code claimed}, returns
     * at the first; with it, marks the hit's characters that such words cover and looks at all of them.
     */
    private boolean crossingWords(char[] han, int start, int end, int entry, boolean[] claimed) {
        int n = han.length;
        int longest = WordList.MAX_WORD_LENGTH;
        boolean any = false;
        for (int a = Math.max(0, start - longest + 1); a < end; a++) {
            if (han[a] == 0 || a + 1 >= n || han[a + 1] == 0 || !words.mayStartWord(han[a], han[a + 1])) {
                continue;
            }
            // a word is all Han: b runs to the end of the Han run from a (what isOtherWord would check)
            int run = hanRunEnd(han, a, Math.min(n, a + longest));
            for (int b = Math.max(a + 2, a < start ? start + 1 : end + 1); b <= run; b++) {
                if (words.contains(han, a, b) && !containsOwnTerm(han, a, b, entry)) {
                    if (claimed == null) {
                        return true;
                    }
                    any = true;
                    for (int k = Math.max(a, start); k < Math.min(b, end); k++) {
                        claimed[k - start] = true;
                    }
                }
            }
        }
        return any;
    }

    /** The first index from {@code from} on, at most {@code limit}, that holds no Han character. */
    private static int hanRunEnd(char[] han, int from, int limit) {
        int i = from;
        while (i < limit && han[i] != 0) {
            i++;
        }
        return i;
    }

    /** True if {@code han[from, to)} is all Han and an ordinary word that is not about the entry. */
    boolean isOtherWord(char[] han, int from, int to, int entry) {
        return isWord(han, from, to) && !containsOwnTerm(han, from, to, entry);
    }

    /** True if {@code han[from, to)} is all Han and an ordinary word (whatever entry asks). */
    boolean isWord(char[] han, int from, int to) {
        int len = to - from;
        if (len < 2 || len > WordList.MAX_WORD_LENGTH || !words.mayStartWord(han[from], han[from + 1])) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (han[i] == 0) {
                return false;
            }
        }
        return words.contains(han, from, to);
    }

    /** True if the word {@code han[from, to)} contains the entry's folded term or one of its aliases. */
    boolean containsOwnTerm(char[] han, int from, int to, int entry) {
        if (mayContainTerm(han, from, to, entry) && contains(han, from, to, foldedTerms[entry])) {
            return true;
        }
        if (!hasAliases[entry]) {
            return false;
        }
        for (String alias : foldedAliases[entry]) {
            if (contains(han, from, to, alias)) {
                return true;
            }
        }
        return false;
    }

    /**
     * False if {@code han[from, to)} cannot contain the entry's folded term: no place in it starts with the
     * term's first two chars. Exact for terms of up to two chars; a longer term is then compared in full.
     */
    private boolean mayContainTerm(char[] han, int from, int to, int entry) {
        int head = termHead[entry];
        char c0 = (char) (head >>> 16);
        char c1 = (char) head;
        int n = termLength[entry];
        if (n == 0) {
            return true;
        }
        for (int i = from; i + n <= to; i++) {
            if (han[i] == c0 && (n == 1 || han[i + 1] == c1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(char[] text, int from, int to, String needle) {
        int n = needle.length();
        for (int i = from; i + n <= to; i++) {
            int k = 0;
            while (k < n && text[i + k] == needle.charAt(k)) {
                k++;
            }
            if (k == n) {
                return true;
            }
        }
        return false;
    }
}
