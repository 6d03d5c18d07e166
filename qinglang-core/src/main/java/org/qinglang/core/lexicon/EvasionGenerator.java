package org.qinglang.core.lexicon;

import com.hankcs.hanlp.HanLP;
import org.qinglang.core.text.CharKind;
import org.qinglang.core.text.Folding;
import org.qinglang.core.text.PinyinTable;
import org.qinglang.core.text.SplitTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes the evasions that people use to get a term past a filter, one class at a time, so that a
 * library's owner can see what the library would catch ({@code bin/qinglang variants TERM}) and tests
 * and benchmarks can measure recall per class. The same seed gives the same variants.
 *
 * <p>Homophones come from the same-sound table of pycorrector ({@code same_pinyin.txt}, Apache-2.0),
 * kept only where the pinyin table agrees on the sound; split forms from the chaizi table.
 *
 * <p>Immutable and thread-safe.
 */
public final class EvasionGenerator {

    /** The evasion classes, each named for the channel that should catch it. */
    public enum Evasion {
        WIDTH(Channel.FOLDED), TRADITIONAL(Channel.FOLDED), VARIANT(Channel.FOLDED), NOISE(Channel.FOLDED),
        INVISIBLE(Channel.FOLDED),
        CONFUSABLE(Channel.FOLDED), LEET(Channel.FOLDED), HOMOPHONE(Channel.PINYIN), PINYIN_LATIN(Channel.PINYIN),
        PINYIN_MIXED(Channel.PINYIN), NEAR_SOUND(Channel.PINYIN), INITIALS(Channel.INITIALS),
        SPLIT(Channel.SPLIT), ALIAS(Channel.ALIAS);

        private final Channel channel;

        Evasion(Channel channel) {
            this.channel = channel;
        }

        /** The channel that should catch this evasion. */
        public Channel channel() {
            return channel;
        }
    }

    /** One disguised form of a term. */
    public record Variant(String text, Evasion evasion) {
    }

    private static final String[] NOISE = {"1", ".", "。。。", " ", "*", "😂", "~", "、", "-", "x", "__", "…"};
    private static final String[] INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202d"};

    private final Folding folding = Folding.standard();
    private final PinyinTable pinyin = PinyinTable.standard();
    private final Map<Character, List<Character>> homophones;
    private final Map<Character, List<Character>> lookAlikes;

    private EvasionGenerator(Map<Character, List<Character>> homophones) {
        this.homophones = homophones;
        this.lookAlikes = lookAlikes(folding);
    }

    /** Per Han character: the other characters that fold to it (variants, 火星文, compatibility and rare look-alikes). */
    private static Map<Character, List<Character>> lookAlikes(Folding folding) {
        Map<Character, List<Character>> out = new HashMap<>();
        for (int c = 0; c < 0x10000; c++) {
            int f = folding.fold(c);
            if (f != c && f < 0x10000 && folding.kind(c) == CharKind.CJK && folding.kind(f) == CharKind.CJK) {
                String traditional = HanLP.convertToTraditionalChinese(String.valueOf((char) f));
                if (!traditional.equals(String.valueOf((char) c))) {
                    out.computeIfAbsent((char) f, k -> new ArrayList<>()).add((char) c);
                }
            }
        }
        return Map.copyOf(out);
    }

    /** The generator, with its tables loaded on first use. */
    public static EvasionGenerator standard() {
        return Holder.STANDARD;
    }

    /** Up to {@code perClass} variants of each evasion class that applies to the entry. */
    public List<Variant> variants(Entry entry, int perClass, long seed) {
        Random random = new Random(seed ^ entry.term().hashCode());
        List<Variant> out = new ArrayList<>();
        for (Evasion ev : Evasion.values()) {
            Set<String> seen = new LinkedHashSet<>();
            for (int attempt = 0; attempt < perClass * 4 && seen.size() < perClass; attempt++) {
                String v = make(entry, ev, random, attempt);
                if (v != null && !v.equals(entry.term())) {
                    seen.add(v);
                }
            }
            seen.forEach(v -> out.add(new Variant(v, ev)));
        }
        return out;
    }

    /** One variant of {@code entry} in class {@code ev}, or null where the class does not apply. */
    public String make(Entry entry, Evasion ev, Random random, int attempt) {
        String t = entry.term();
        boolean han = t.codePoints().allMatch(cp -> folding.kind(cp) == CharKind.CJK);
        int n = t.length();
        switch (ev) {
            case WIDTH -> {
                StringBuilder sb = new StringBuilder();
                boolean changed = false;
                for (char c : t.toCharArray()) {
                    if (c >= '!' && c <= '~') {
                        sb.append((char) (c - '!' + '！'));
                        changed = true;
                    } else {
                        sb.append(c);
                    }
                }
                return changed ? sb.toString() : null;
            }
            case TRADITIONAL -> {
                String tr = HanLP.convertToTraditionalChinese(t);
                return tr.equals(t) ? null : tr;
            }
            case VARIANT -> {
                return substitute(t, random, c -> lookAlikes.getOrDefault(c, List.of()));
            }
            case NOISE, INVISIBLE -> {
                if (n < 2) {
                    return null;
                }
                String[] pool = ev == Evasion.NOISE ? NOISE : INVISIBLE;
                StringBuilder sb = new StringBuilder().append(t.charAt(0));
                int where = 1 + random.nextInt(n - 1);
                boolean everywhere = attempt % 2 == 1;
                for (int i = 1; i < n; i++) {
                    if (everywhere || i == where) {
                        String noise = pool[random.nextInt(pool.length)];
                        if (!han && ev == Evasion.NOISE && (noise.equals("1") || noise.equals("x"))) {
                            noise = ".";
                        }
                        sb.append(noise);
                    }
                    sb.append(t.charAt(i));
                }
                return sb.toString();
            }
            case CONFUSABLE -> {
                StringBuilder sb = new StringBuilder();
                boolean changed = false;
                for (char c : t.toCharArray()) {
                    if (c >= 'a' && c <= 'z') {
                        sb.appendCodePoint(0x1D41A + (c - 'a'));
                        changed = true;
                    } else if (c >= 'A' && c <= 'Z') {
                        sb.appendCodePoint(0x1D400 + (c - 'A'));
                        changed = true;
                    } else {
                        sb.append(c);
                    }
                }
                return changed ? sb.toString() : null;
            }
            case LEET -> {
                StringBuilder sb = new StringBuilder();
                boolean changed = false;
                for (int i = 0; i < n; i++) {
                    char c = t.charAt(i);
                    char d = leetDigit(c);
                    boolean inside = i > 0 && i < n - 1 && isLatin(t.charAt(i - 1)) && isLatin(t.charAt(i + 1));
                    if (d != 0 && inside && (random.nextBoolean() || !changed)) {
                        sb.append(d);
                        changed = true;
                    } else {
                        sb.append(c);
                    }
                }
                return changed ? sb.toString() : null;
            }
            case HOMOPHONE -> {
                if (!han || n < 2 || !entry.has(Channel.PINYIN)) {
                    return null;
                }
                return substitute(t, random, c -> homophones.getOrDefault(c, List.of()));
            }
            case PINYIN_LATIN, PINYIN_MIXED, NEAR_SOUND -> {
                if (!han || n < 2 || !entry.has(Channel.PINYIN)) {
                    return null;
                }
                List<String> syl = spellings(t);
                if (syl == null) {
                    return null;
                }
                StringBuilder sb = new StringBuilder();
                if (ev == Evasion.PINYIN_LATIN) {
                    String sep = attempt % 3 == 1 ? " " : "";
                    for (int i = 0; i < n; i++) {
                        sb.append(i > 0 ? sep : "").append(attempt % 3 == 2 ? syl.get(i).toUpperCase() : syl.get(i));
                    }
                } else if (ev == Evasion.PINYIN_MIXED) {
                    int latin = random.nextInt(n);
                    for (int i = 0; i < n; i++) {
                        sb.append(i == latin ? syl.get(i) : String.valueOf(t.charAt(i)));
                    }
                } else {
                    boolean changed = false;
                    for (int i = 0; i < n; i++) {
                        String s = syl.get(i);
                        String near = nearSpelling(s);
                        if (near != null && (!changed || random.nextBoolean())) {
                            sb.append(near);
                            changed = true;
                        } else {
                            sb.append(s);
                        }
                    }
                    return changed ? sb.toString() : null;
                }
                return sb.toString();
            }
            case INITIALS -> {
                if (!entry.has(Channel.INITIALS)) {
                    return null;
                }
                String ini = pinyin.initials(t);
                if (ini == null || ini.length() < 2) {
                    return null;
                }
                return switch (attempt % 3) {
                    case 0 -> ini;
                    case 1 -> ini.toUpperCase();
                    default -> String.join(" ", ini.split(""));
                };
            }
            case SPLIT -> {
                if (!entry.has(Channel.SPLIT)) {
                    return null;
                }
                return substitute(t, random, c -> SplitTable.standard().splitsOf(c));
            }
            case ALIAS -> {
                return entry.aliases().isEmpty() ? null : entry.aliases().get(attempt % entry.aliases().size());
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Replaces some characters of {@code t} by one of their options (each with even odds, the last one
     * surely if nothing was replaced before it); null if nothing was.
     */
    private static String substitute(String t, Random random, Function<Character, List<?>> options) {
        StringBuilder sb = new StringBuilder();
        boolean changed = false;
        for (int i = 0; i < t.length(); i++) {
            List<?> choices = options.apply(t.charAt(i));
            if (!choices.isEmpty() && (random.nextBoolean() || !changed && i == t.length() - 1)) {
                sb.append(choices.get(random.nextInt(choices.size())));
                changed = true;
            } else {
                sb.append(t.charAt(i));
            }
        }
        return changed ? sb.toString() : null;
    }

    private static char leetDigit(char c) {
        return switch (Character.toLowerCase(c)) {
            case 'o' -> '0';
            case 'i' -> '1';
            case 'e' -> '3';
            case 'a' -> '4';
            case 's' -> '5';
            case 't' -> '7';
            default -> 0;
        };
    }

    private static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private List<String> spellings(String han) {
        var list = HanLP.convertToPinyinList(han);
        List<String> out = new ArrayList<>();
        for (var p : list) {
            String s = p.getPinyinWithoutTone();
            if (s.equals("none")) {
                return null;
            }
            out.add(s);
        }
        return out.size() == han.length() ? out : null;
    }

    private static String nearSpelling(String s) {
        if (s.startsWith("zh") || s.startsWith("ch") || s.startsWith("sh")) {
            return s.charAt(0) + s.substring(2);
        }
        if (s.startsWith("z") || s.startsWith("c") || s.startsWith("s")) {
            return s.charAt(0) + "h" + s.substring(1);
        }
        if (s.endsWith("ing")) {
            return s.substring(0, s.length() - 1);
        }
        if (s.endsWith("in")) {
            return s + "g";
        }
        if (s.endsWith("eng")) { // en/eng, which the near-sound row claims and the set did not hold until 2026-12-03
            return s.substring(0, s.length() - 1);
        }
        if (s.endsWith("en")) {
            return s + "g";
        }
        if (s.startsWith("l")) {
            return "n" + s.substring(1);
        }
        if (s.startsWith("n") && !s.startsWith("ng")) {
            return "l" + s.substring(1);
        }
        return null;
    }

    private static final class Holder {
        static final EvasionGenerator STANDARD = new EvasionGenerator(loadHomophones());
    }

    private static Map<Character, List<Character>> loadHomophones() {
        PinyinTable py = PinyinTable.standard();
        Map<Character, List<Character>> out = new HashMap<>();
        InputStream in = Folding.class.getResourceAsStream("same_pinyin.txt");
        if (in == null) {
            throw new IllegalStateException("same_pinyin.txt is missing from the qinglang-core jar");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 2 || f[0].length() != 1) {
                    continue;
                }
                char c = f[0].charAt(0);
                List<Character> same = new ArrayList<>();
                for (int k = 1; k < f.length; k++) {
                    for (char h : f[k].toCharArray()) {
                        if (h != c && py.plainOf(h) != 0 && py.plainOf(h) == py.plainOf(c) && !same.contains(h)) {
                            same.add(h);
                        }
                    }
                }
                if (!same.isEmpty()) {
                    out.put(c, List.copyOf(same));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }
}
