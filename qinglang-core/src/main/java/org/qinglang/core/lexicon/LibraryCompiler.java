package org.qinglang.core.lexicon;

import org.qinglang.core.text.CharKind;
import org.qinglang.core.text.Folding;
import org.qinglang.core.text.PinyinTable;
import org.qinglang.core.text.SplitTable;
import org.qinglang.core.text.WordList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.qinglang.core.lexicon.FeatureLibrary.KIND_ALIAS;
import static org.qinglang.core.lexicon.FeatureLibrary.KIND_BASE;
import static org.qinglang.core.lexicon.FeatureLibrary.KIND_EXEMPT;
import static org.qinglang.core.lexicon.FeatureLibrary.KIND_SPLIT;

/**
 * Turns entries into the patterns of a {@link FeatureLibrary}: symbols for the folded characters (most
 * frequent first), the character automaton with each entry's folded term, aliases, split forms and
 * exemptions, the sound automaton with each entry's readings, and the initials table. Used once per
 * compile, then dropped.
 */
final class LibraryCompiler {

    /** The most split forms compiled for one entry. */
    private static final int MAX_SPLIT_PATTERNS = 32;

    final List<Entry> entries;
    final Set<Channel> enabled;
    final boolean exactOnly;
    final Folding folding = Folding.standard();
    final PinyinTable pinyin;
    final WordList words;
    final String[] foldedTerms;
    final String[][] foldedAliases;
    final SymbolAutomaton.Builder chars = new SymbolAutomaton.Builder();
    final char[] charSymbol = new char[0x10000];
    final Map<Integer, Integer> supplementarySymbol = new HashMap<>();
    final List<int[]> charRefs = new ArrayList<>();
    final Map<String, Integer> charPatternIds = new HashMap<>();
    final SymbolAutomaton.Builder sounds = new SymbolAutomaton.Builder();
    final List<int[]> soundRefData = new ArrayList<>();
    final Map<String, Integer> soundPatternIds = new HashMap<>();
    int soundCount;
    final Map<String, int[]> initials = new HashMap<>();
    final List<String> warnings = new ArrayList<>();

    LibraryCompiler(List<Entry> entries, Set<Channel> enabled) {
        this.entries = entries;
        this.enabled = Set.copyOf(enabled.isEmpty() ? EnumSet.of(Channel.EXACT) : enabled);
        this.exactOnly = this.enabled.equals(Set.of(Channel.EXACT));
        this.pinyin = exactOnly ? null : PinyinTable.standard();
        this.words = exactOnly ? null : WordList.standard();
        this.foldedTerms = new String[entries.size()];
        this.foldedAliases = new String[entries.size()][];
        List<String> allPatterns = new ArrayList<>();
        for (Entry e : entries) {
            allPatterns.add(e.term());
            allPatterns.addAll(e.aliases());
            allPatterns.addAll(e.exemptions());
        }
        assignSymbols(allPatterns);
        for (int i = 0; i < entries.size(); i++) {
            add(i, entries.get(i));
        }
    }

    /** Gives the most frequent characters the smallest symbols, which keeps the double array dense. */
    private void assignSymbols(List<String> patterns) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String p : patterns) {
            String f = exactOnly ? p : folding.foldString(p);
            (exactOnly ? f.chars() : f.codePoints()).forEach(cp -> counts.merge(cp, 1, Integer::sum));
            if (!exactOnly) {
                for (char c : f.toCharArray()) {
                    for (String split : SplitTable.standard().splitsOf(c)) {
                        split.chars().forEach(x -> counts.merge(folding.fold(x), 1, Integer::sum));
                    }
                }
            }
        }
        List<Map.Entry<Integer, Integer>> order = new ArrayList<>(counts.entrySet());
        order.sort(Map.Entry.<Integer, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        int next = 1;
        for (Map.Entry<Integer, Integer> c : order) {
            int cp = c.getKey();
            if (cp < 0x10000) {
                charSymbol[cp] = (char) next++;
            } else {
                supplementarySymbol.put(cp, next++);
            }
            if (next == 0xFFFF) {
                throw new IllegalStateException("a library may use at most 65,534 distinct characters");
            }
        }
    }

    private void add(int id, Entry e) {
        String term = e.term();
        if (exactOnly) {
            foldedTerms[id] = term;
            foldedAliases[id] = new String[0];
            addChars(term, id, KIND_BASE);
            for (String x : e.exemptions()) { // an exemption holds in an exact-only library too (三黄片 is no 黄片)
                addChars(x, id, KIND_EXEMPT);
            }
            return;
        }
        String folded = content(term);
        foldedTerms[id] = folded;
        if (folded.isEmpty()) {
            warnings.add("'" + term + "' has no letters or characters after folding and is matched nowhere");
            foldedAliases[id] = new String[0];
            return;
        }
        addChars(folded, id, KIND_BASE);
        List<String> aliases = new ArrayList<>();
        if (enabled.contains(Channel.ALIAS)) {
            for (String alias : e.aliases()) {
                String fa = content(alias);
                if (!fa.isEmpty()) {
                    aliases.add(fa);
                    addChars(fa, id, KIND_ALIAS);
                }
            }
        }
        foldedAliases[id] = aliases.toArray(String[]::new);
        for (String x : e.exemptions()) {
            String fx = content(x);
            if (!fx.isEmpty()) {
                addChars(fx, id, KIND_EXEMPT);
            }
        }
        if (e.has(Channel.SPLIT) && enabled.contains(Channel.SPLIT)) {
            addSplits(folded, id);
        }
        if (e.has(Channel.PINYIN) && enabled.contains(Channel.PINYIN)) {
            addSounds(folded, id);
        }
        if (e.has(Channel.INITIALS) && enabled.contains(Channel.INITIALS)) {
            String ini = pinyin.initials(folded);
            if (ini == null || ini.length() < 2) {
                warnings.add("'" + term + "' has no pinyin initials of two or more letters; initials off");
            } else {
                int[] prev = initials.getOrDefault(ini, new int[0]);
                int[] next = Arrays.copyOf(prev, prev.length + 1);
                next[prev.length] = id;
                initials.put(ini, next);
            }
        }
    }

    /** The folded term with noise, breaks and invisible characters taken out. */
    private String content(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (CharKind.isContent(folding.kind(cp))) {
                out.appendCodePoint(folding.fold(cp));
            }
        }
        return out.toString();
    }

    private void addChars(String pattern, int entry, int kind) {
        int[] symbols = (exactOnly ? pattern.chars() : pattern.codePoints()).map(cp -> cp < 0x10000 ? charSymbol[cp]
                : supplementarySymbol.getOrDefault(cp, 0)).toArray();
        for (int sym : symbols) {
            if (sym == 0) {
                throw new IllegalStateException("no symbol for a character of '" + pattern + "'");
            }
        }
        Integer p = charPatternIds.get(pattern);
        if (p == null) {
            p = chars.add(symbols);
            charPatternIds.put(pattern, p);
            charRefs.add(new int[0]);
        }
        charRefs.set(p, append(charRefs.get(p), (entry << 3) | kind));
    }

    private void addSplits(String folded, int entry) {
        List<String> variants = new ArrayList<>();
        variants.add("");
        boolean any = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            List<String> ways = SplitTable.standard().splitsOf(c);
            List<String> next = new ArrayList<>();
            for (String v : variants) {
                next.add(v + c);
                for (String way : ways) {
                    if (next.size() < MAX_SPLIT_PATTERNS * 4) {
                        next.add(v + folding.foldString(way));
                    }
                }
            }
            any |= !ways.isEmpty();
            variants = next;
        }
        if (!any) {
            warnings.add("'" + entries.get(entry).term() + "' has no character that splits; split off");
            return;
        }
        int added = 0;
        for (String v : variants) {
            if (!v.equals(folded) && added < MAX_SPLIT_PATTERNS) {
                addChars(v, entry, KIND_SPLIT); // checks every code point has a symbol (by code point, not char)
                added++;
            }
        }
    }

    private void addSounds(String folded, int entry) {
        if (folded.codePointCount(0, folded.length()) < 2) {
            return;
        }
        int[] byPhrase = pinyin.phraseSyllables(folded);
        int[] byChar = pinyin.characterSyllables(folded);
        if (byPhrase != null && byPhrase.length >= 2) {
            // a Latin run in the term makes the syllables longer than the characters: no exact check then
            int[] plain = byPhrase.length == folded.length() ? pinyin.phrasePlain(folded) : new int[byPhrase.length];
            addSound(byPhrase, plain, entry);
        }
        if (byChar != null && byChar.length >= 2 && !Arrays.equals(byChar, byPhrase)) {
            int[] plain = new int[folded.length()];
            for (int i = 0; i < plain.length; i++) {
                plain[i] = pinyin.plainOf(folded.charAt(i));
            }
            addSound(byChar, plain, entry);
        }
    }

    private void addSound(int[] syllables, int[] plain, int entry) {
        String key = Arrays.toString(syllables);
        Integer p = soundPatternIds.get(key);
        if (p == null) {
            p = sounds.add(syllables);
            soundPatternIds.put(key, p);
            soundRefData.add(new int[0]);
            soundCount++;
        }
        String folded = foldedTerms[entry];
        int[] group = new int[1 + syllables.length];
        group[0] = entry << 1 | (entries.get(entry).has(Channel.FOLDED) && enabled.contains(Channel.FOLDED) ? 1 : 0);
        boolean oneCharPerSyllable = folded.length() == syllables.length;
        for (int k = 0; k < syllables.length; k++) {
            group[1 + k] = oneCharPerSyllable ? plain[k] << 16 | folded.charAt(k) : 0;
        }
        int[] data = soundRefData.get(p);
        for (int g = 0; g < data.length; g += group.length) {
            if (Arrays.equals(data, g, g + group.length, group, 0, group.length)) {
                return;
            }
        }
        int[] more = Arrays.copyOf(data, data.length + group.length);
        System.arraycopy(group, 0, more, data.length, group.length);
        soundRefData.set(p, more);
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }
}
