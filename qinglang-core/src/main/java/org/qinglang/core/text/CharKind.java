package org.qinglang.core.text;

/**
 * What a character is to a matcher, after folding. Constants rather than an enum because the matcher
 * reads them once per character from a {@code byte[]} table.
 */
public final class CharKind {
    /** Han ideograph: content, has pinyin, the unit of Chinese terms. */
    public static final byte CJK = 0;
    /** Latin letter a–z after folding: content, and possibly pinyin or initials. */
    public static final byte LATIN = 1;
    /** Digit 0–9 after folding: content, or noise when it separates Han characters. */
    public static final byte DIGIT = 2;
    /** Any other letter (kana, hangul, Greek, Cyrillic that is not a look-alike …): content. */
    public static final byte OTHER = 3;
    /** Punctuation, symbols, spaces, emoji: skipped inside a match, within a bounded gap. */
    public static final byte NOISE = 4;
    /** Sentence end (。！？!? newline …): ends a match unless repeated as filler (麻。。。痹). */
    public static final byte BREAK = 5;
    /** Invisible (zero-width, bidi controls, variation selectors, combining marks): removed outright. */
    public static final byte DROP = 6;

    private CharKind() {
    }

    /** True for the kinds that can be part of a term. */
    public static boolean isContent(byte kind) {
        return kind <= OTHER;
    }
}
