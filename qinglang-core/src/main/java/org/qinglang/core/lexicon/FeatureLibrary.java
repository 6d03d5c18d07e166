package org.qinglang.core.lexicon;

import org.qinglang.core.text.CharKind;
import org.qinglang.core.text.Folding;
import org.qinglang.core.text.PinyinTable;
import org.qinglang.core.text.SplitTable;
import org.qinglang.core.text.WordList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled feature library: finds every entry in a text on every channel it allows, in one pass.
 * A term that begins or ends with a Latin letter matches whole Latin words only (ass is not in grass).
 *
 * <p>Two automata walk the text side by side. The <em>character</em> automaton reads folded characters
 * and holds each entry's folded term (reported as {@code exact} when the raw text equals the term,
 * {@code folded} otherwise), its aliases, its split forms and its exemptions. Inside a match it skips
 * noise (punctuation, spaces, emoji; and letters or digits between Han characters) for up to
 * {@value #MAX_GAP} characters at a time, but only where no pattern could use the skipped character, so
 * skipping never loses an exact hit. The <em>sound</em> automaton reads pinyin near-sound classes: one per
 * Han character, and Latin letter runs segmented into syllables. Latin runs are also looked up as pinyin
 * initials.
 *
 * <p>A fuzzy hit that is itself an ordinary word or cuts through one is dropped (see {@link WordList}), as
 * is an exact hit of a two-character term that cuts through ordinary words; a hit inside one of its
 * entry's exemptions is dropped; the same entry at the same place is reported once, on its most direct
 * channel. Hits come sorted by start, then end.
 *
 * <p>Immutable and thread-safe: build it once ({@link #compile}) and share it; to change the library,
 * compile a new one and swap it in ({@link LiveLibrary}).
 */
public final class FeatureLibrary {

    /** The most noise characters skipped in a row inside one match. */
    public static final int MAX_GAP = 4;

    private static final int KIND_BASE = 0;
    private static final int KIND_ALIAS = 1;
    private static final int KIND_SPLIT = 2;
    private static final int KIND_EXEMPT = 3;
    private static final int KIND_SOUND = 4;
    private static final int KIND_INITIALS = 5;
    private static final int MAX_SPLIT_PATTERNS = 32;

    private final List<Entry> entries;
    private final Set<Channel> enabled;
    private final boolean exactOnly;
    private final String[] foldedTerms;
    private final String[][] foldedAliases;
    private final Folding folding;
    private final PinyinTable pinyin;
    private final WordList words;

    private final SymbolAutomaton chars;
    private final char[] charSymbol;
    /** Per BMP character of raw text: its kind, folded symbol and sound class packed (see {@link #codeOf}). */
    private final int[] codes;
    /** Per BMP character of raw text: the exact syllable of its fold, or 0. */
    private final short[] plains;
    private final Map<Integer, Integer> supplementarySymbol;
    private final int[][] charRefs;

    private final SymbolAutomaton sounds;
    /**
     * Per sound pattern of length L, one group of 1 + L ints per entry that reads so: the entry id shifted
     * left by one, its lowest bit set when the entry matches on the folded channel; then per syllable the
     * entry's exact syllable and folded character, as {@code plain << 16 | char}.
     */
    private final int[][] soundRefData;
    private final Map<String, int[]> initials;
    private final List<String> warnings;
    private final boolean hasExemptions;

    private FeatureLibrary(Compiler c) {
        this.entries = c.entries;
        this.enabled = c.enabled;
        this.exactOnly = c.exactOnly;
        this.foldedTerms = c.foldedTerms;
        this.foldedAliases = c.foldedAliases;
        this.folding = c.folding;
        this.pinyin = c.pinyin;
        this.words = c.words;
        this.chars = c.chars.build();
        this.charSymbol = c.charSymbol;
        this.codes = new int[0x10000];
        this.plains = new short[0x10000];
        if (!exactOnly) {
            for (int ch = 0; ch < 0x10000; ch++) {
                int f = folding.fold(ch);
                codes[ch] = codeOf(folding.kind(ch), f < 0x10000 ? charSymbol[f] : 0,
                        f < 0x10000 ? pinyin.syllableOf((char) f) : 0);
                plains[ch] = (short) (f < 0x10000 ? pinyin.plainOf((char) f) : 0);
            }
        }
        this.supplementarySymbol = Map.copyOf(c.supplementarySymbol);
        this.charRefs = c.charRefs.toArray(int[][]::new);
        this.sounds = c.soundCount > 0 ? c.sounds.build() : null;
        this.soundRefData = c.soundRefData.toArray(int[][]::new);
        this.initials = Map.copyOf(c.initials);
        this.warnings = List.copyOf(c.warnings);
        this.hasExemptions = entries.stream().anyMatch(e -> !e.exemptions().isEmpty());
    }

    /** Compiles entries with every channel the entries allow. */
    public static FeatureLibrary compile(Collection<Entry> entries) {
        return compile(entries, EnumSet.allOf(Channel.class));
    }

    /**
     * Compiles entries, matching only on the {@code enabled} channels (each entry still only on its own).
     * With only {@link Channel#EXACT} enabled the library is a plain exact matcher: no folding, no noise
     * skipping, no vetoes.
     */
    public static FeatureLibrary compile(Collection<Entry> entries, Set<Channel> enabled) {
        return new FeatureLibrary(new Compiler(List.copyOf(entries), enabled));
    }

    /** The entries, in the order given. */
    public List<Entry> entries() {
        return entries;
    }

    /** The channels this library matches on. */
    public Set<Channel> enabledChannels() {
        return enabled;
    }

    /** What compiling found worth saying: entries that some channel could not use, and why. */
    public List<String> warnings() {
        return warnings;
    }

    /** Approximate heap held by the compiled automata and tables, in bytes (shared tables excluded). */
    public long compiledBytes() {
        long b = chars.bytes() + 2L * charSymbol.length;
        for (int[] r : charRefs) {
            b += 16 + 4L * r.length;
        }
        if (sounds != null) {
            b += sounds.bytes();
            for (int[] r : soundRefData) {
                b += 16 + 4L * r.length;
            }
        }
        return b;
    }

    /** Finds every entry in {@code text}. Never throws on any input; an empty text has no hits. */
    public List<Hit> scan(CharSequence text) {
        if (text.length() == 0) {
            return List.of();
        }
        String s = text.toString();
        Candidates found = new Candidates();
        if (exactOnly) {
            walkExact(s, found);
        } else {
            walk(s, found);
        }
        return found.size == 0 ? List.of() : resolve(s, found);
    }

    /** True if {@code text} has at least one hit. */
    public boolean matches(CharSequence text) {
        return !scan(text).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------
    // the walks

    private void walkExact(String s, Candidates found) {
        SymbolAutomaton a = chars;
        char[] symbolOf = charSymbol;
        int n = s.length();
        int state = SymbolAutomaton.ROOT;
        for (int i = 0; i < n; i++) {
            state = a.next(state, symbolOf[s.charAt(i)]);
            if (a.hasOutput(state)) {
                emit(a, state, i + 1, found);
            }
        }
    }

    private void walk(String s, Candidates found) {
        final SymbolAutomaton a = chars;
        final SymbolAutomaton snd = sounds;
        final char[] symbolOf = charSymbol;
        final Folding fold = folding;
        final int n = s.length();
        int[] charStart = new int[n + 1];
        int consumed = 0;
        int state = SymbolAutomaton.ROOT;
        int gap = 0;
        byte lastKind = CharKind.NOISE;

        int[] soundStart = snd == null ? null : new int[n + 1];
        int[] soundPlain = snd == null ? null : new int[n + 1];
        found.soundPlain = soundPlain;
        int soundCount = 0;
        int soundState = SymbolAutomaton.ROOT;
        int soundGap = 0;
        Latin latin = new Latin();
        boolean prevLatin = false;

        final int[] codes = this.codes;
        final short[] plains = this.plains;
        for (int i = 0; i < n; ) {
            int cp = s.charAt(i);
            int len = 1;
            byte kind;
            int sym;
            int syl;
            int plain;
            if (!Character.isSurrogate((char) cp)) {
                int code = codes[cp];
                kind = (byte) (code & 7);
                sym = (code >>> 3) & 0xFFFF;
                syl = code >>> 19;
                plain = plains[cp];
            } else {
                if (Character.isHighSurrogate((char) cp) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint((char) cp, s.charAt(i + 1));
                    len = 2;
                }
                kind = fold.kind(cp);
                int f = fold.fold(cp);
                sym = f < 0x10000 ? symbolOf[f] : supplementarySymbol.getOrDefault(f, 0);
                syl = f < 0x10000 ? pinyin.syllableOf((char) f) : 0;
                plain = f < 0x10000 ? pinyin.plainOf((char) f) : 0;
            }
            if (kind == CharKind.DROP) {
                i += len;
                continue;
            }
            if (kind == CharKind.BREAK && isRepeated(s, i, len, cp)) {
                kind = CharKind.NOISE;
            }
            char leet = 0;
            if ((kind == CharKind.DIGIT || cp == '@' || cp == '$') && prevLatin
                    && (leet = leetLetter(cp)) != 0 && letterAfterLeet(s, i + 1)) {
                // digits or signs inside a Latin word stand for letters: b1tch, b17ch, sh4bi
                int code = codes[leet];
                kind = CharKind.LATIN;
                sym = (code >>> 3) & 0xFFFF;
            } else {
                leet = 0;
            }
            prevLatin = kind == CharKind.LATIN;

            // the character automaton
            boolean skip = false;
            if (kind == CharKind.NOISE || kind == CharKind.BREAK) {
                if (kind == CharKind.NOISE && state != SymbolAutomaton.ROOT && gap < MAX_GAP) {
                    gap++;
                    skip = true;
                } else {
                    state = SymbolAutomaton.ROOT;
                    gap = 0;
                    skip = true;
                }
            }
            if (!skip) {
                int next = a.next(state, sym);
                if (next == SymbolAutomaton.ROOT && state != SymbolAutomaton.ROOT && gap < MAX_GAP
                        && lastKind == CharKind.CJK && (kind == CharKind.LATIN || kind == CharKind.DIGIT)) {
                    gap++;
                } else {
                    state = next;
                    gap = 0;
                    lastKind = kind;
                    charStart[consumed++] = i;
                    if (a.hasOutput(state)) {
                        emit(a, state, charStart, consumed, i + len, found);
                    }
                }
            }

            // the sound automaton and initials
            if (snd != null || !initials.isEmpty()) {
                if (kind == CharKind.LATIN) {
                    latin.add(leet != 0 ? leet : (char) fold.fold(cp), i, i + len);
                } else {
                    if (latin.length > 0) {
                        long r = flushLatin(latin, snd, soundState, soundGap, soundStart, soundCount, found);
                        soundState = (int) (r >>> 32);
                        soundCount = (int) r & 0x7FFFFFFF;
                        soundGap = soundState == SymbolAutomaton.ROOT ? 0 : latin.gapAfter;
                    }
                    if (kind == CharKind.CJK && snd != null) {
                        soundState = snd.next(soundState, syl);
                        soundGap = 0;
                        soundPlain[soundCount] = plain << 16 | fold.fold(cp) & 0xFFFF;
                        soundStart[soundCount++] = i;
                        if (snd.hasOutput(soundState)) {
                            emitSound(soundState, soundStart, soundPlain, soundCount, i + len, found);
                        }
                        latin.noteOther();
                    } else if ((kind == CharKind.NOISE || kind == CharKind.DIGIT)
                            && soundState != SymbolAutomaton.ROOT && soundGap < MAX_GAP) {
                        soundGap++;
                        latin.noteNoise();
                    } else {
                        soundState = SymbolAutomaton.ROOT;
                        soundGap = 0;
                        if (kind == CharKind.NOISE) {
                            latin.noteNoise();
                        } else {
                            latin.noteOther();
                        }
                    }
                }
            }
            i += len;
        }
        if (latin.length > 0) {
            flushLatin(latin, snd, soundState, soundGap, soundStart, soundCount, found);
        }
        latin.noteOther();
        checkSpelled(latin, found);
    }

    /** True if, after any more leet digits or signs, the text goes on with a Latin letter at {@code i}. */
    private boolean letterAfterLeet(String s, int i) {
        while (i < s.length() && leetLetter(s.charAt(i)) != 0) {
            i++;
        }
        return i < s.length() && (codes[s.charAt(i)] & 7) == CharKind.LATIN;
    }

    /** The letter a digit or sign stands for inside a Latin word (leet), or 0. */
    private static char leetLetter(int c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            case '9' -> 'g';
            default -> 0;
        };
    }

    /** Packs kind (3 bits), symbol (16 bits) and sound class (9 bits) into one int. */
    private static int codeOf(byte kind, int symbol, int syllable) {
        if (syllable >= 1 << 9) {
            throw new IllegalStateException("more than 511 sound classes");
        }
        return kind | symbol << 3 | syllable << 19;
    }

    private static boolean isRepeated(String s, int i, int len, int cp) {
        return (i + len < s.length() && s.charAt(i + len) == cp) || (i > 0 && s.charAt(i - 1) == cp);
    }

    /** Adds the character patterns ending in {@code state}, for a walk that consumed every character. */
    private static void emit(SymbolAutomaton a, int state, int end, Candidates found) {
        for (int o = a.firstOutputState(state); o >= 0; o = a.nextOutputState(o)) {
            for (int k = a.outputHead(o); a.output(k) >= 0; k++) {
                int p = a.output(k);
                found.add(p, end - a.patternLength(p), end, 0);
            }
        }
    }

    private static void emit(SymbolAutomaton a, int state, int[] starts, int consumed, int end, Candidates found) {
        for (int o = a.firstOutputState(state); o >= 0; o = a.nextOutputState(o)) {
            for (int k = a.outputHead(o); a.output(k) >= 0; k++) {
                int p = a.output(k);
                found.add(p, starts[consumed - a.patternLength(p)], end, 0);
            }
        }
    }

    /**
     * Adds the sound matches ending in {@code state} whose Han characters have the entry's exact syllables
     * (near sounds count only where the text spells them in Latin letters, where {@code keys} is 0). A match
     * whose characters are the entry's own folded characters is left to the character automaton.
     */
    private void emitSound(int state, int[] starts, int[] keys, int consumed, int end, Candidates found) {
        SymbolAutomaton a = sounds;
        for (int o = a.firstOutputState(state); o >= 0; o = a.nextOutputState(o)) {
            for (int k = a.outputHead(o); a.output(k) >= 0; k++) {
                int p = a.output(k);
                int length = a.patternLength(p);
                int from = consumed - length;
                if (length == 2 && commonPair(keys[from], keys[from + 1])) {
                    continue;
                }
                int[] data = soundRefData[p];
                for (int g = 0; g < data.length; g += 1 + length) {
                    int differs = soundMatch(keys, from, data, g + 1, length);
                    if (differs > 0 || differs == 0 && (data[g] & 1) == 0) {
                        found.add(~(data[g] >>> 1), starts[from], end, KIND_SOUND);
                    }
                }
            }
        }
    }

    /** True if both keys are Han characters among the common ones: a phrase, not a two-syllable evasion. */
    private boolean commonPair(int a, int b) {
        return a != 0 && b != 0 && words.isCommonCharacter((char) a) && words.isCommonCharacter((char) b);
    }

    /**
     * Compares the text's syllables with an entry's: -1 if a Han character has another exact syllable,
     * 0 if every character is the entry's own, 1 if the sound matches with other characters or letters.
     */
    private static int soundMatch(int[] keys, int from, int[] entryKeys, int at, int length) {
        int differs = 0;
        for (int k = 0; k < length; k++) {
            int t = keys[from + k];
            int e = entryKeys[at + k];
            if (t == 0 || e == 0) {
                differs = 1;
            } else if (t != e) {
                if ((e >>> 16) != 0 && (t >>> 16) != (e >>> 16)) {
                    return -1;
                }
                differs = 1;
            }
        }
        return differs;
    }

    /** Letters of the current Latin run, and the single letters spelled out with noise between (n m s l). */
    private static final class Latin {
        char[] letters = new char[16];
        int[] start = new int[16];
        int[] end = new int[16];
        int length;
        int gapAfter;
        final StringBuilder spelled = new StringBuilder();
        int spelledStart;
        int spelledEnd;
        int noiseSinceSpelled;

        void add(char c, int from, int to) {
            if (length == letters.length) {
                letters = Arrays.copyOf(letters, length * 2);
                start = Arrays.copyOf(start, length * 2);
                end = Arrays.copyOf(end, length * 2);
            }
            letters[length] = c;
            start[length] = from;
            end[length] = to;
            length++;
        }

        void noteNoise() {
            noiseSinceSpelled++;
        }

        void noteOther() {
            noiseSinceSpelled = Integer.MAX_VALUE / 2;
        }
    }

    /** Feeds a finished Latin run to the sound automaton; returns (state << 32 | count). */
    private long flushLatin(Latin latin, SymbolAutomaton snd, int soundState, int soundGap, int[] soundStart,
                            int soundCount, Candidates found) {
        int n = latin.length;
        if (!initials.isEmpty()) {
            int[] refs = initials.get(new String(latin.letters, 0, n));
            if (refs != null) {
                found.addInitials(refs, latin.start[0], latin.end[n - 1]);
            }
            if (n == 1 && latin.spelled.length() > 0 && latin.noiseSinceSpelled <= 1) {
                latin.spelled.append(latin.letters[0]);
                latin.spelledEnd = latin.end[0];
            } else {
                checkSpelled(latin, found);
                if (n == 1) {
                    latin.spelled.append(latin.letters[0]);
                    latin.spelledStart = latin.start[0];
                    latin.spelledEnd = latin.end[0];
                }
            }
            latin.noiseSinceSpelled = 0;
        }
        latin.length = 0;
        latin.gapAfter = 0;
        if (snd == null) {
            return 0;
        }
        int[] seg = pinyin.segment(latin.letters, 0, n);
        if (seg == null) {
            if (n <= 2 && soundState != SymbolAutomaton.ROOT && soundGap + n <= MAX_GAP) {
                latin.gapAfter = soundGap + n;
                return ((long) soundState << 32) | soundCount;
            }
            return soundCount;
        }
        // every segmentation of the run is tried (xian, or xi an; nin ao, or ni nao), so that an ambiguous
        // run still matches; the walk then goes on from the preferred segmentation
        boolean[] canFinish = new boolean[n + 1];
        canFinish[n] = true;
        for (int i = n - 1; i >= 0; i--) {
            for (int len = 1; len <= Math.min(PinyinTable.MAX_SYLLABLE_LETTERS, n - i) && !canFinish[i]; len++) {
                canFinish[i] = canFinish[i + len] && pinyin.idOf(new String(latin.letters, i, len)) != 0;
            }
        }
        explore(latin, 0, n, canFinish, soundState, soundStart, found.soundPlain, soundCount, found,
                new java.util.HashSet<>(), new int[] {LATTICE_BUDGET});
        for (int k = 0; k < seg.length; k += 3) {
            soundState = snd.next(soundState, seg[k]);
            found.soundPlain[soundCount] = 0;
            soundStart[soundCount++] = latin.start[seg[k + 1]];
        }
        return ((long) soundState << 32) | soundCount;
    }

    private static final int LATTICE_BUDGET = 256;

    /** Walks the sound automaton down every segmentation of {@code latin[pos, n)}, emitting what matches. */
    private void explore(Latin latin, int pos, int n, boolean[] canFinish, int state, int[] starts, int[] plains,
                         int count, Candidates found, java.util.Set<Long> seen, int[] budget) {
        if (pos == n || budget[0]-- <= 0 || !seen.add(((long) pos << 32) | state)) {
            return;
        }
        for (int len = Math.min(PinyinTable.MAX_SYLLABLE_LETTERS, n - pos); len >= 1; len--) {
            if (!canFinish[pos + len]) {
                continue;
            }
            int id = pinyin.idOf(new String(latin.letters, pos, len));
            if (id == 0) {
                continue;
            }
            int next = sounds.next(state, id);
            starts[count] = latin.start[pos];
            plains[count] = 0;
            if (sounds.hasOutput(next)) {
                emitSound(next, starts, plains, count + 1, latin.end[pos + len - 1], found);
            }
            explore(latin, pos + len, n, canFinish, next, starts, plains, count + 1, found, seen, budget);
        }
    }

    private void checkSpelled(Latin latin, Candidates found) {
        if (latin.spelled.length() >= 2 && !initials.isEmpty()) {
            int[] refs = initials.get(latin.spelled.toString());
            if (refs != null) {
                found.addInitials(refs, latin.spelledStart, latin.spelledEnd);
            }
        }
        latin.spelled.setLength(0);
    }

    // ------------------------------------------------------------------------------------------------
    // from candidates to hits

    /**
     * Matches found by the walks, as flat int quadruples: (character pattern id, start, end, 0), or
     * (~entry id, start, end, kind) for a sound or initials match already checked against its entry.
     */
    private static final class Candidates {
        int[] data = new int[64];
        int size;
        /** Per symbol of the sound walk: a Han character's exact syllable and fold, 0 for Latin letters. */
        int[] soundPlain;

        void add(int pattern, int start, int end, int aux) {
            if (size * 4 + 4 > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            int k = size * 4;
            data[k] = pattern;
            data[k + 1] = start;
            data[k + 2] = end;
            data[k + 3] = aux;
            size++;
        }

        void addInitials(int[] entries, int start, int end) {
            for (int e : entries) {
                add(~e, start, end, KIND_INITIALS);
            }
        }
    }

    private List<Hit> resolve(String s, Candidates found) {
        Resolution r = new Resolution(s, hasExemptions ? exemptSpans(found) : null);
        int[] data = found.data;
        for (int c = 0; c < found.size; c++) {
            int code = data[c * 4];
            int start = data[c * 4 + 1];
            int end = data[c * 4 + 2];
            if (code >= 0) {
                for (int ref : charRefs[code]) {
                    if ((ref & 7) != KIND_EXEMPT) {
                        addHit(r, ref >>> 3, ref & 7, start, end);
                    }
                }
            } else {
                addHit(r, ~code, data[c * 4 + 3], start, end);
            }
        }
        List<Hit> hits = r.hits;
        if (hits.size() < 2) {
            return hits;
        }
        sortSmall(hits);
        // the same entry at the same place once, on its most direct channel (sorted first)
        List<Hit> out = new ArrayList<>(hits.size());
        Hit last = null;
        for (Hit h : hits) {
            if (last == null || last.start() != h.start() || last.end() != h.end() || !last.term().equals(h.term())) {
                out.add(h);
                last = h;
            }
        }
        return out;
    }

    /** What one resolution needs: the text, its folded Han characters (made when first asked), the hits. */
    private final class Resolution {
        final String text;
        final Map<Integer, List<int[]>> exemptSpans;
        final List<Hit> hits = new ArrayList<>();
        private char[] han;

        Resolution(String text, Map<Integer, List<int[]>> exemptSpans) {
            this.text = text;
            this.exemptSpans = exemptSpans;
        }

        /** Per raw index: the folded Han character there, or 0 for anything else (and surrogates). */
        char[] han() {
            if (han == null) {
                han = new char[text.length()];
                for (int i = 0; i < han.length; i++) {
                    char c = text.charAt(i);
                    han[i] = folding.kind(c) == CharKind.CJK ? (char) folding.fold(c) : 0;
                }
            }
            return han;
        }
    }

    private static void sortSmall(List<Hit> hits) {
        if (hits.size() > 16) {
            hits.sort(HIT_ORDER);
            return;
        }
        for (int i = 1; i < hits.size(); i++) {
            Hit h = hits.get(i);
            int j = i - 1;
            while (j >= 0 && HIT_ORDER.compare(hits.get(j), h) > 0) {
                hits.set(j + 1, hits.get(j));
                j--;
            }
            hits.set(j + 1, h);
        }
    }

    private void addHit(Resolution r, int entryId, int kind, int start, int end) {
        Entry e = entries.get(entryId);
        Channel channel = channelOf(entryId, e, kind, r.text, start, end);
        if (channel == null || insideLatinWord(r.text, start, end) || exempted(r.exemptSpans, entryId, start, end)
                || vetoed(r, entryId, channel, start, end)) {
            return;
        }
        r.hits.add(new Hit(e.term(), e.category(), e.severity(), channel, start, end, r.text.substring(start, end)));
    }

    private Map<Integer, List<int[]>> exemptSpans(Candidates found) {
        Map<Integer, List<int[]>> spans = null;
        for (int c = 0; c < found.size; c++) {
            int code = found.data[c * 4];
            if (code < 0) {
                continue;
            }
            for (int ref : charRefs[code]) {
                if ((ref & 7) == KIND_EXEMPT) {
                    if (spans == null) {
                        spans = new HashMap<>();
                    }
                    spans.computeIfAbsent(ref >>> 3, k -> new ArrayList<>())
                            .add(new int[] {found.data[c * 4 + 1], found.data[c * 4 + 2]});
                }
            }
        }
        return spans;
    }

    /** Hits by start, end, term, then most direct channel first. */
    private static final Comparator<Hit> HIT_ORDER = (x, y) -> {
        if (x.start() != y.start()) {
            return Integer.compare(x.start(), y.start());
        }
        if (x.end() != y.end()) {
            return Integer.compare(x.end(), y.end());
        }
        int t = x.term().compareTo(y.term());
        return t != 0 ? t : Integer.compare(rank(x.channel()), rank(y.channel()));
    };

    /** How direct a channel is: exact, then alias, folded, split, pinyin, initials. */
    private static int rank(Channel c) {
        return switch (c) {
            case EXACT -> 0;
            case ALIAS -> 1;
            case FOLDED -> 2;
            case SPLIT -> 3;
            case PINYIN -> 4;
            case INITIALS -> 5;
        };
    }

    private Channel channelOf(int entryId, Entry e, int kind, String s, int start, int end) {
        switch (kind) {
            case KIND_BASE -> {
                if (end - start == e.term().length() && s.regionMatches(start, e.term(), 0, e.term().length())) {
                    return Channel.EXACT;
                }
                // a fold of one character is an ordinary character (屄 folds to 逼, which 逼迫 uses)
                boolean oneCharacter = foldedTerms[entryId].codePointCount(0, foldedTerms[entryId].length()) == 1;
                return e.has(Channel.FOLDED) && enabled.contains(Channel.FOLDED) && !oneCharacter ? Channel.FOLDED : null;
            }
            case KIND_ALIAS -> {
                return Channel.ALIAS;
            }
            case KIND_SPLIT -> {
                return Channel.SPLIT;
            }
            case KIND_SOUND -> {
                return Channel.PINYIN;
            }
            case KIND_INITIALS -> {
                return Channel.INITIALS;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * True if a match that begins or ends with a Latin letter is glued to more Latin letters, as ass in
     * grass: Latin terms match whole words only.
     */
    private boolean insideLatinWord(String s, int start, int end) {
        return !exactOnly && (start > 0 && isLatin(s, start) && isLatin(s, start - 1)
                || end < s.length() && isLatin(s, end - 1) && isLatin(s, end));
    }

    private boolean isLatin(String s, int i) {
        char c = s.charAt(i);
        return folding.kind(c) == CharKind.LATIN;
    }

    private static boolean exempted(Map<Integer, List<int[]>> spans, int entry, int start, int end) {
        if (spans == null) {
            return false;
        }
        List<int[]> l = spans.get(entry);
        if (l != null) {
            for (int[] x : l) {
                if (x[0] <= start && end <= x[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True if ordinary words explain the hit away. A guess (a sound or split hit) of a two-character term
     * goes if it is itself an ordinary word (飞舞 for 废物) or cuts through one (拖拉机 for 垃圾); two
     * syllables written in common characters (你是 for 历史) never become a candidate at all. Any other exact, folded or guessed hit goes only if
     * every Han character of it belongs to an ordinary word that reaches out of the hit (路口交通 for 口交),
     * so that 傻逼真是的 keeps 傻逼 although 逼真 is a word. Words are runs of Han characters; words that
     * contain the entry's own term or alias never count.
     */
    private boolean vetoed(Resolution r, int entry, Channel channel, int start, int end) {
        if (exactOnly) {
            return false;
        }
        boolean guess = channel == Channel.PINYIN || channel == Channel.SPLIT;
        if (!guess && channel != Channel.EXACT && channel != Channel.FOLDED) {
            return false;
        }
        if (!guess && (end - start != 2 || foldedTerms[entry].length() != 2)) {
            return false;
        }
        char[] han = r.han();
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
        if (guess && foldedTerms[entry].length() <= 2) {
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
            for (int b = Math.max(a + 2, a < start ? start + 1 : end + 1); b <= Math.min(n, a + longest); b++) {
                if (isOtherWord(han, a, b, entry)) {
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

    /** True if {@code han[from, to)} is all Han and an ordinary word that is not about the entry. */
    private boolean isOtherWord(char[] han, int from, int to, int entry) {
        int len = to - from;
        if (len < 2 || len > WordList.MAX_WORD_LENGTH || !words.mayStartWord(han[from], han[from + 1])) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (han[i] == 0) {
                return false;
            }
        }
        return words.contains(han, from, to) && !containsOwnTerm(new String(han, from, len), entry);
    }

    private boolean containsOwnTerm(String word, int entry) {
        if (word.contains(foldedTerms[entry])) {
            return true;
        }
        for (String alias : foldedAliases[entry]) {
            if (word.contains(alias)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------
    // compiling

    private static final class Compiler {
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

        Compiler(List<Entry> entries, Set<Channel> enabled) {
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
                    for (int k = 0; k < v.length(); k++) {
                        int cp = v.charAt(k);
                        if (charSymbol[cp] == 0) {
                            throw new IllegalStateException("no symbol for split character " + v.charAt(k));
                        }
                    }
                    addChars(v, entry, KIND_SPLIT);
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
}
