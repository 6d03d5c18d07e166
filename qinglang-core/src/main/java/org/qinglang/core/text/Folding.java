package org.qinglang.core.text;

import com.hankcs.hanlp.HanLP;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * The character folds, as two lookup tables over the Basic Multilingual Plane: what each character
 * folds to, and what {@link CharKind} the result is. Folds apply per code point, in this order:
 * <ol>
 *   <li>width and compatibility forms (NFKC, when it gives one character): ｆｕｃｋ, Ⓕ, ⼥ → f, f, 女;</li>
 *   <li>case: F → f;</li>
 *   <li>traditional to simplified (HanLP's table): 媽 → 妈;</li>
 *   <li>the curated variant table {@code variants.txt}: 火星文 and variant characters (伱 → 你, 屄 → 逼)
 *       and Latin look-alikes from other scripts (Cyrillic а, Greek ο → a, o);</li>
 *   <li>rare look-alikes (形近字): a character that ordinary text almost never uses folds to the most
 *       common character of its look-alike group in {@code same_stroke.txt} (茏 → 龙), never one common
 *       character to another, so that ordinary words stay apart.</li>
 * </ol>
 * Characters outside the BMP are folded on the fly: mathematical and enclosed alphanumerics (𝐟𝐮𝐜𝐤, 🄰) through
 * NFKC, the negative circled and squared capitals (🅐, 🅰), which NFKC leaves alone, to a–z; Han extensions as
 * themselves, everything else (emoji) as noise.
 *
 * <p>Immutable and thread-safe; {@link #standard()} is built once, on first use.
 */
public final class Folding {

    private static final int RARE_CHAR_MAX_FREQUENCY = 200;
    private static final int RARE_CHAR_RATIO = 50;

    private final char[] fold;
    private final byte[] kind;

    private Folding(char[] fold, byte[] kind) {
        this.fold = fold;
        this.kind = kind;
    }

    /** The standard folding, built on first use (about a quarter of a second). */
    public static Folding standard() {
        return Holder.STANDARD;
    }

    /** The folded code point of {@code cp}; for a {@link CharKind#DROP} character, the character itself. */
    public int fold(int cp) {
        if (cp < 0x10000) {
            return fold[cp];
        }
        return foldSupplementary(cp);
    }

    /** The {@link CharKind} of {@code cp} after folding. */
    public byte kind(int cp) {
        if (cp < 0x10000) {
            return kind[cp];
        }
        return kindSupplementary(cp);
    }

    /** Folds a whole string, dropping invisible characters; offsets are not kept. */
    public String foldString(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            if (kind(cp) != CharKind.DROP) {
                out.appendCodePoint(fold(cp));
            }
        }
        return out.toString();
    }

    private int foldSupplementary(int cp) {
        // negative circled and negative squared capitals (🅐, 🅰) have no compatibility decomposition: a–z by hand
        if (cp >= 0x1F150 && cp <= 0x1F169) {
            return 'a' + (cp - 0x1F150);
        }
        if (cp >= 0x1F170 && cp <= 0x1F189) {
            return 'a' + (cp - 0x1F170);
        }
        if (isAlphanumericBlock(cp)) {
            String n = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
            if (n.length() == 1) {
                return fold[n.charAt(0)];
            }
        }
        return cp;
    }

    private byte kindSupplementary(int cp) {
        if (isAlphanumericBlock(cp)) {
            int f = foldSupplementary(cp);
            if (f < 0x10000) {
                return kind[f];
            }
        }
        if (Character.isIdeographic(cp)) {
            return CharKind.CJK;
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT || (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0xE0000 && cp <= 0xE007F)) {
            return CharKind.DROP;
        }
        return Character.isLetter(cp) ? CharKind.OTHER : CharKind.NOISE;
    }

    private static boolean isAlphanumericBlock(int cp) {
        return (cp >= 0x1D400 && cp <= 0x1D7FF) || (cp >= 0x1F100 && cp <= 0x1F1FF);
    }

    private static final class Holder {
        static final Folding STANDARD = build();
    }

    private static Folding build() {
        char[] fold = new char[0x10000];
        byte[] kind = new byte[0x10000];
        Map<Character, Character> variants = readPairs("variants.txt");
        for (int c = 0; c < 0x10000; c++) {
            char f = (char) c;
            if (!Character.isSurrogate(f)) {
                String n = Normalizer.normalize(String.valueOf(f), Normalizer.Form.NFKC);
                if (n.length() == 1) {
                    f = n.charAt(0);
                }
                f = Character.toLowerCase(f);
                f = variants.getOrDefault(f, f);
            }
            fold[c] = f;
        }
        simplify(fold);
        // a variant may land on a traditional character, and t2s may land on a variant: settle both
        for (int c = 0; c < 0x10000; c++) {
            fold[c] = variants.getOrDefault(fold[c], fold[c]);
        }
        foldRareLookAlikes(fold);
        for (int c = 0; c < 0x10000; c++) {
            kind[c] = classify((char) c, fold[c]);
        }
        return new Folding(fold, kind);
    }

    private static void simplify(char[] fold) {
        for (int c = 0x3400; c < 0x10000; c++) {
            char f = fold[c];
            if (Character.isIdeographic(f)) {
                String s = HanLP.convertToSimplifiedChinese(String.valueOf(f));
                if (s.length() == 1) {
                    fold[c] = s.charAt(0);
                }
            }
        }
    }

    private static void foldRareLookAlikes(char[] fold) {
        Map<Character, Long> freq = WordList.standard().characterFrequencies();
        Map<Character, Character> toCommon = new HashMap<>();
        try (BufferedReader r = open("same_stroke.txt")) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] group = line.trim().split("\\s+");
                char common = 0;
                long best = -1;
                for (String g : group) {
                    if (g.length() == 1 && freq.getOrDefault(g.charAt(0), 0L) > best) {
                        common = g.charAt(0);
                        best = freq.getOrDefault(common, 0L);
                    }
                }
                for (String g : group) {
                    if (g.length() != 1 || g.charAt(0) == common) {
                        continue;
                    }
                    long f = freq.getOrDefault(g.charAt(0), 0L);
                    if (f <= RARE_CHAR_MAX_FREQUENCY && f * RARE_CHAR_RATIO < best) {
                        toCommon.putIfAbsent(g.charAt(0), common);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int c = 0; c < 0x10000; c++) {
            Character common = toCommon.get(fold[c]);
            if (common != null) {
                fold[c] = common;
            }
        }
    }

    private static byte classify(char original, char folded) {
        int type = Character.getType(original);
        if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || (original >= 0xFE00 && original <= 0xFE0F) || original == 0x034F || original == 0x115F
                || original == 0x1160 || original == 0x3164 || original == 0xFFA0) {
            return CharKind.DROP;
        }
        if (folded >= 'a' && folded <= 'z') {
            return CharKind.LATIN;
        }
        if (folded >= '0' && folded <= '9') {
            return CharKind.DIGIT;
        }
        if (isBreak(folded)) {
            return CharKind.BREAK;
        }
        if (Character.isSurrogate(folded)) {
            return CharKind.NOISE;
        }
        if (Character.isIdeographic(folded) || Character.UnicodeScript.of(folded) == Character.UnicodeScript.HAN
                && Character.isLetter(folded)) {
            return CharKind.CJK;
        }
        if (Character.isLetter(folded)) {
            return CharKind.OTHER;
        }
        return CharKind.NOISE;
    }

    private static boolean isBreak(char c) {
        return switch (c) {
            case '。', '！', '？', '!', '?', '；', ';', '\n', '\r', '\u2028', '\u2029', '‼', '⁉', '︒' -> true;
            default -> false;
        };
    }

    /** Reads {@code from to} pairs (one per line, {@code #} comments) from a resource of this package. */
    static Map<Character, Character> readPairs(String resource) {
        Map<Character, Character> pairs = new HashMap<>();
        try (BufferedReader r = open(resource)) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\\s+");
                if (p.length >= 2 && p[0].length() == 1 && p[1].length() == 1) {
                    pairs.put(p[0].charAt(0), p[1].charAt(0));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }

    static BufferedReader open(String resource) {
        InputStream in = Folding.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource " + resource + " is missing from the qinglang-core jar");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
