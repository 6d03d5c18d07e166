package org.qinglang.core.lexicon;

import org.qinglang.core.text.CharKind;
import org.qinglang.core.text.Folding;
import org.qinglang.core.text.PinyinTable;
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
 * skipping never loses an exact hit. Digits inside a Latin word stand for letters (b1tch). The
 * <em>sound</em> automaton reads pinyin near-sound classes: one per Han character, and Latin letter runs
 * segmented into syllables in every possible way. A sound match counts only where each Han character has
 * the entry's exact syllable (tones ignored: 辣鸡 for 垃圾); near sounds (s/sh, z/zh, c/ch, n/l, en/eng,
 * in/ing) count where the text spells them in Latin letters (sabi). Two syllables written in common
 * characters (你是 for 历史) are a phrase, not an evasion. Latin runs are also looked up as pinyin initials.
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

    static final int KIND_BASE = 0;
    static final int KIND_ALIAS = 1;
    static final int KIND_SPLIT = 2;
    static final int KIND_EXEMPT = 3;
    static final int KIND_SOUND = 4;
    static final int KIND_INITIALS = 5;

    // whether a two-char sound output is itself an ordinary word: not asked yet, no, yes
    private static final byte UNKNOWN = -1;
    private static final byte NO = 0;
    private static final byte YES = 1;

    private final List<Entry> entries;
    /** The entries as an array, for the resolution's lookups. */
    private final Entry[] entryArray;
    /** Per entry: the length of its folded term in chars (read by the vetoes without touching the term). */
    private final int[] foldedLength;
    private final Set<Channel> enabled;
    private final boolean exactOnly;
    private final String[] foldedTerms;
    private final String[][] foldedAliases;
    private final Folding folding;
    private final PinyinTable pinyin;
    private final WordList words;

    private final SymbolAutomaton chars;
    private final char[] charSymbol;
    /**
     * Per BMP character of raw text, one long so that one cache line serves both halves: in the low half its
     * kind, folded symbol and sound class packed (see {@link #codeOf}), and the {@link #IDENTITY} bit when it
     * folds to itself; in the high half the exact syllable of its fold and the fold itself, as
     * {@code plain << 16 | fold} (the key a sound match is checked with), or 0 where it has no syllable.
     */
    private final long[] codes;
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
    /** Per entry: true if its term is written as it folds (so a verbatim match of it is exact). */
    private final boolean[] canonical;
    /**
     * Per entry: true if a folded match of it is reported: the entry and the library have the channel, and
     * the term is longer than one character (a fold of one character is an ordinary character: 屄 folds
     * to 逼, which 逼迫 uses).
     */
    private final boolean[] foldedOn;
    private final OrdinaryWordVeto veto;

    private FeatureLibrary(LibraryCompiler c) {
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
        this.codes = new long[0x10000];
        if (!exactOnly) {
            for (int ch = 0; ch < 0x10000; ch++) {
                int f = folding.fold(ch);
                int code = codeOf(folding.kind(ch), f < 0x10000 ? charSymbol[f] : 0,
                        f < 0x10000 ? pinyin.syllableOf((char) f) : 0) | (f == ch ? IDENTITY : 0);
                int plain = f < 0x10000 ? pinyin.plainOf((char) f) : 0;
                int soundKey = plain == 0 ? 0 : plain << 16 | f;
                codes[ch] = (long) soundKey << 32 | (code & 0xFFFFFFFFL);
            }
        }
        this.supplementarySymbol = Map.copyOf(c.supplementarySymbol);
        this.charRefs = c.charRefs.toArray(int[][]::new);
        this.sounds = c.soundCount > 0 ? c.sounds.build() : null;
        this.soundRefData = c.soundRefData.toArray(int[][]::new);
        this.initials = Map.copyOf(c.initials);
        this.warnings = List.copyOf(c.warnings);
        this.hasExemptions = entries.stream().anyMatch(e -> !e.exemptions().isEmpty());
        this.entryArray = entries.toArray(Entry[]::new);
        this.foldedLength = new int[entries.size()];
        for (int i = 0; i < foldedLength.length; i++) {
            foldedLength[i] = foldedTerms[i].length();
        }
        this.canonical = new boolean[entries.size()];
        this.foldedOn = new boolean[entries.size()];
        for (int i = 0; i < canonical.length; i++) {
            canonical[i] = !exactOnly && entries.get(i).term().equals(foldedTerms[i]);
            foldedOn[i] = !exactOnly && entries.get(i).has(Channel.FOLDED) && enabled.contains(Channel.FOLDED)
                    && foldedTerms[i].codePointCount(0, foldedTerms[i].length()) > 1;
        }
        this.veto = exactOnly ? null : new OrdinaryWordVeto(words, foldedTerms, foldedAliases, foldedLength);
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
        return new FeatureLibrary(new LibraryCompiler(List.copyOf(entries), enabled));
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
        // a long text gets scratch of its own, so that no thread keeps megabytes after one huge scan
        Candidates found = (s.length() <= SCRATCH_MAX_TEXT ? SCRATCH.get() : new Candidates()).reset(s.length());
        if (exactOnly) {
            walkExact(s, found);
        } else {
            walk(s, found);
        }
        List<Hit> hits = found.size == 0 ? List.of() : resolve(s, found);
        found.trim();
        return hits;
    }

    /** The candidate room this thread's scratch keeps between scans, in ints (for tests). */
    static int scratchRoom() {
        return SCRATCH.get().data.length;
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
        int[] charStart = found.charStart;
        // folds[k]: how many of the first k consumed characters did not fold to themselves
        int[] folds = found.folds;
        int consumed = 0;
        int state = SymbolAutomaton.ROOT;
        int gap = 0;
        byte lastKind = CharKind.NOISE;

        int[] soundStart = found.soundStart;
        int[] soundPlain = found.soundPlain;
        int soundCount = 0;
        int soundState = SymbolAutomaton.ROOT;
        int soundGap = 0;
        Latin latin = found.latin.reset();
        boolean prevLatin = false;
        // han[i]: the folded Han character at raw offset i, or 0 (what the ordinary-word veto reads)
        char[] han = found.han;
        han[n] = 0;

        final long[] codes = this.codes;
        // the run of leet digits or signs (b1tch, sh4bi) the walk is in: its end, and whether a letter follows it
        int leetEnd = -1;
        boolean letterAfter = false;
        for (int i = 0; i < n; ) {
            int cp = s.charAt(i);
            int len = 1;
            byte kind;
            int sym;
            int syl;
            int soundKey;
            boolean identity;
            if (!Character.isSurrogate((char) cp)) {
                long both = codes[cp];
                int code = (int) both;
                identity = (code & IDENTITY) != 0;
                kind = (byte) (code & 7);
                sym = (code >>> 3) & 0xFFFF;
                syl = (code >>> 19) & 0x1FF;
                soundKey = (int) (both >>> 32);
                han[i] = kind != CharKind.CJK ? 0 : soundKey != 0 ? (char) soundKey : (char) fold.fold(cp);
            } else {
                han[i] = hanOf(s.charAt(i));
                if (Character.isHighSurrogate((char) cp) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint((char) cp, s.charAt(i + 1));
                    len = 2;
                    han[i + 1] = hanOf(s.charAt(i + 1));
                }
                kind = fold.kind(cp);
                int f = fold.fold(cp);
                identity = f == cp;
                sym = f < 0x10000 ? symbolOf[f] : supplementarySymbol.getOrDefault(f, 0);
                syl = f < 0x10000 ? pinyin.syllableOf((char) f) : 0;
                int plain = f < 0x10000 ? pinyin.plainOf((char) f) : 0;
                soundKey = plain == 0 ? 0 : plain << 16 | f & 0xFFFF;
            }
            if (kind == CharKind.DROP) {
                i += len;
                continue;
            }
            if (kind == CharKind.BREAK && isRepeated(s, i, len, cp)) {
                kind = CharKind.NOISE;
            }
            char leet = 0;
            if ((kind == CharKind.DIGIT || cp == '@' || cp == '$') && prevLatin && (leet = leetLetter(cp)) != 0) {
                if (i + 1 > leetEnd) { // where this run of leet digits or signs ends, found once per run
                    leetEnd = endOfLeet(s, i + 1);
                    letterAfter = leetEnd < n && ((int) codes[s.charAt(leetEnd)] & 7) == CharKind.LATIN;
                }
                if (!letterAfter) {
                    leet = 0;
                }
            }
            if (leet != 0) {
                // digits or signs inside a Latin word stand for letters: b1tch, b17ch, sh4bi
                int code = (int) codes[leet];
                kind = CharKind.LATIN;
                sym = (code >>> 3) & 0xFFFF;
                identity = false;
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
                    folds[consumed + 1] = folds[consumed] + (identity ? 0 : 1);
                    charStart[consumed++] = i;
                    if (a.hasOutput(state)) {
                        emit(a, state, charStart, folds, consumed, i + len, found);
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
                        soundState = snd.step(soundState, syl);
                        soundGap = 0;
                        soundPlain[soundCount] = soundKey;
                        soundStart[soundCount++] = i;
                        if (SymbolAutomaton.codedHasOutput(soundState)) {
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

    /** The folded Han character {@code c} stands for, or 0: what the veto sees at one raw offset. */
    private char hanOf(char c) {
        return folding.kind(c) == CharKind.CJK ? (char) folding.fold(c) : 0;
    }

    /** The first index from {@code i} on that is not a leet digit or sign (the end of their run). */
    private static int endOfLeet(String s, int i) {
        while (i < s.length() && leetLetter(s.charAt(i)) != 0) {
            i++;
        }
        return i;
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

    /** The bit of a character's code that says it folds to itself. */
    private static final int IDENTITY = 1 << 28;

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
            int length = a.outputLength(o);
            for (int k = a.outputHead(o); a.output(k) >= 0; k++) {
                found.add(a.output(k), end - length, end, 0);
            }
        }
    }

    /**
     * Adds the character patterns ending in {@code state}; a match is marked verbatim (aux 1) when its
     * characters are consecutive in the raw text and each folds to itself, so that the raw text is the
     * folded pattern itself.
     */
    private static void emit(SymbolAutomaton a, int state, int[] starts, int[] folds, int consumed, int end,
                             Candidates found) {
        for (int o = a.firstOutputState(state); o >= 0; o = a.nextOutputState(o)) {
            int length = a.outputLength(o);
            int start = starts[consumed - length];
            for (int k = a.outputHead(o); a.output(k) >= 0; k++) {
                int p = a.output(k);
                boolean verbatim = folds[consumed] == folds[consumed - length] && end - start == length;
                found.add(p, start, end, verbatim ? 1 : 0);
            }
        }
    }

    /**
     * Adds the sound matches ending in {@code state} whose Han characters have the entry's exact syllables
     * (near sounds count only where the text spells them in Latin letters, where {@code keys} is 0). A match
     * whose characters are the entry's own folded characters is left to the character automaton.
     */
    private void emitSound(int code, int[] starts, int[] keys, int consumed, int end, Candidates found) {
        SymbolAutomaton a = sounds;
        for (int o = a.firstOutputState(SymbolAutomaton.stateOf(code)); o >= 0; o = a.nextOutputState(o)) {
            int length = a.outputLength(o);
            int from = consumed - length;
            if (length == 2 && commonPair(keys[from], keys[from + 1])) {
                continue;
            }
            int start = starts[from];
            // two Han characters side by side that are themselves an ordinary word (飞舞 for 废物): the veto
            // would drop the hit, so it is not made (the rest of the veto needs the text after it)
            // (looked up once per output, when the first entry of two chars asks)
            byte pairIsWord = length == 2 && end == start + 2 && keys[from] != 0 && keys[from + 1] != 0
                    && words.mayStartWord(found.han[start], found.han[start + 1]) ? UNKNOWN : NO;
            for (int k = a.outputHead(o); a.output(k) >= 0; k++) {
                int[] data = soundRefData[a.output(k)];
                for (int g = 0; g < data.length; g += 1 + length) {
                    int differs = soundMatch(keys, from, data, g + 1, length);
                    if (differs > 0 || differs == 0 && (data[g] & 1) == 0) {
                        int entry = data[g] >>> 1;
                        if (pairIsWord != NO && foldedLength[entry] <= 2) {
                            if (pairIsWord == UNKNOWN) {
                                pairIsWord = veto.isWord(found.han, start, end) ? YES : NO;
                            }
                            if (pairIsWord == YES && !veto.containsOwnTerm(found.han, start, end, entry)) {
                                continue;
                            }
                        }
                        found.add(~entry, start, end, KIND_SOUND);
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

        Latin reset() {
            length = 0;
            gapAfter = 0;
            spelled.setLength(0);
            spelledStart = 0;
            spelledEnd = 0;
            noiseSinceSpelled = 0;
            return this;
        }

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
            soundState = snd.step(soundState, seg[k]);
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
            int next = sounds.step(state, id);
            starts[count] = latin.start[pos];
            plains[count] = 0;
            if (SymbolAutomaton.codedHasOutput(next)) {
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

    /** The longest text scanned with the thread's kept scratch space, in chars. */
    private static final int SCRATCH_MAX_TEXT = 1 << 16;

    /** Each thread's scratch space for one scan at a time: a scan allocates only what it returns. */
    private static final ThreadLocal<Candidates> SCRATCH = ThreadLocal.withInitial(Candidates::new);
    /** The most candidates whose room a thread's scratch keeps from one scan to the next. */
    private static final int MAX_KEPT_CANDIDATES = 1 << 14;

    /**
     * Matches found by the walks, as flat int quadruples: (character pattern id, start, end, 0), or
     * (~entry id, start, end, kind) for a sound or initials match already checked against its entry; and
     * the per-character arrays the walks and the resolution use, kept per thread and reused.
     */
    private static final class Candidates {
        int[] data = new int[64];
        int size;
        /** Per consumed character of the character walk: its raw offset. */
        int[] charStart = new int[0];
        /** Prefix counts of consumed characters that do not fold to themselves. */
        int[] folds = new int[0];
        /** Per symbol of the sound walk: its raw offset. */
        int[] soundStart = new int[0];
        /** Per symbol of the sound walk: a Han character's exact syllable and fold, 0 for Latin letters. */
        int[] soundPlain = new int[0];
        /** Per raw offset: the folded Han character there, or 0 (filled only when a veto asks). */
        char[] han = new char[0];
        final Latin latin = new Latin();

        Candidates reset(int textLength) {
            size = 0;
            if (charStart.length < textLength + 1) {
                int n = Math.max(textLength + 1, charStart.length * 2);
                charStart = new int[n];
                folds = new int[n + 1];
                soundStart = new int[n];
                soundPlain = new int[n];
                han = new char[n];
            }
            return this;
        }

        /**
         * Lets go of a candidate array grown past {@link #MAX_KEPT_CANDIDATES} by one scan: a text with hundreds of
         * thousands of candidates (哈 × 65,536 against 哈哈 … 哈哈哈哈哈哈哈) grows it, and the text bound of the
         * thread's scratch alone does not bound it, so a thread would keep megabytes after one such scan.
         */
        void trim() {
            if (data.length > MAX_KEPT_CANDIDATES * 4) {
                data = new int[64];
            }
        }

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
        Resolution r = new Resolution(s, hasExemptions ? exemptSpans(found) : null, found.han);
        int[] data = found.data;
        for (int c = 0; c < found.size; c++) {
            int code = data[c * 4];
            int start = data[c * 4 + 1];
            int end = data[c * 4 + 2];
            if (code >= 0) {
                boolean verbatim = data[c * 4 + 3] == 1;
                for (int ref : charRefs[code]) {
                    if ((ref & 7) != KIND_EXEMPT) {
                        addHit(r, ref >>> 3, ref & 7, start, end, verbatim);
                    }
                }
            } else {
                addHit(r, ~code, data[c * 4 + 3], start, end, false);
            }
        }
        List<Hit> hits = r.hits;
        if (hits.size() < 2) {
            return hits;
        }
        sortSmall(hits);
        // the same entry at the same place once, on its most direct channel (sorted first)
        int kept = 1;
        for (int i = 1; i < hits.size(); i++) {
            Hit h = hits.get(i);
            Hit last = hits.get(kept - 1);
            if (last.start() != h.start() || last.end() != h.end() || !last.term().equals(h.term())) {
                hits.set(kept++, h);
            }
        }
        return kept == hits.size() ? hits : new ArrayList<>(hits.subList(0, kept));
    }

    /** What one resolution needs: the text, its folded Han characters (made when first asked), the hits. */
    private final class Resolution {
        final String text;
        final Map<Integer, ExemptSpans> exemptSpans;
        final List<Hit> hits = new ArrayList<>();
        private final char[] scratch;

        Resolution(String text, Map<Integer, ExemptSpans> exemptSpans, char[] scratch) {
            this.text = text;
            this.exemptSpans = exemptSpans;
            this.scratch = scratch;
        }

        /**
         * Per raw index: the folded Han character there, or 0 for anything else (and surrogates), and 0 just
         * past the text's end, so that no word runs past it; the walk filled it in.
         */
        char[] han() {
            return scratch;
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

    private void addHit(Resolution r, int entryId, int kind, int start, int end, boolean verbatim) {
        Channel channel = channelOf(entryId, kind, r.text, start, end, verbatim);
        if (channel == null || insideLatinWord(r.text, start, end) || exempted(r.exemptSpans, entryId, start, end)
                || vetoed(r, entryId, channel, start, end)) {
            return;
        }
        Entry e = entryArray[entryId];
        r.hits.add(new Hit(e.term(), e.category(), e.severity(), channel, start, end, r.text.substring(start, end)));
    }

    private Map<Integer, ExemptSpans> exemptSpans(Candidates found) {
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
        if (spans == null) {
            return null;
        }
        Map<Integer, ExemptSpans> out = new HashMap<>();
        spans.forEach((entry, list) -> out.put(entry, ExemptSpans.of(list)));
        return out;
    }

    /**
     * One entry's exemption spans in a text, for a containment question asked once per hit in O(log n): the spans
     * sorted by end, and from each on the least start of it and those after it (a text full of exemptions made
     * every hit read every span).
     */
    private record ExemptSpans(int[] ends, int[] leastStartFrom) {
        static ExemptSpans of(List<int[]> spans) {
            int[][] sorted = spans.toArray(int[][]::new);
            Arrays.sort(sorted, Comparator.comparingInt(x -> x[1]));
            int[] ends = new int[sorted.length];
            int[] least = new int[sorted.length];
            int min = Integer.MAX_VALUE;
            for (int i = sorted.length - 1; i >= 0; i--) {
                ends[i] = sorted[i][1];
                min = Math.min(min, sorted[i][0]);
                least[i] = min;
            }
            return new ExemptSpans(ends, least);
        }

        /** True if some span holds [start, end): among the spans ending at or after end, one starts at or before start. */
        boolean contain(int start, int end) {
            int lo = 0;
            int hi = ends.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ends[mid] < end) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo < ends.length && leastStartFrom[lo] <= start;
        }
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

    private Channel channelOf(int entryId, int kind, String s, int start, int end, boolean verbatim) {
        switch (kind) {
            case KIND_BASE -> {
                // a verbatim match of a term written in folded form is the term itself; otherwise compare (the
                // verbatim mark counts characters against UTF-16 units, so a term with a supplementary character,
                // 𨳒 of Cantonese abuse, is compared too)
                String term = entryArray[entryId].term();
                boolean exact = canonical[entryId] && verbatim
                        || end - start == term.length() && s.regionMatches(start, term, 0, term.length());
                if (exact) {
                    return Channel.EXACT;
                }
                return foldedOn[entryId] ? Channel.FOLDED : null;
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
     * True if the hit [start, end) begins or ends inside a Latin word (ass in grass): a letter on both sides of one of
     * its ends. Letters are read as the walk reads them: by code point (𝐠𝐫𝐚𝐬𝐬), a leet digit or sign inside a word
     * as a letter (gr@ss), invisible characters skipped (gr\u200Bass).
     */
    private boolean insideLatinWord(String s, int start, int end) {
        if (exactOnly) {
            return false;
        }
        int before = visibleBefore(s, start);
        if (before >= 0 && letter(s, start) && letter(s, before)) {
            return true;
        }
        int after = visibleFrom(s, end);
        return after >= 0 && letter(s, end - Character.charCount(s.codePointBefore(end))) && letter(s, after);
    }

    /** The index of the last visible code point before {@code i} (invisible ones skipped), or -1. */
    private int visibleBefore(String s, int i) {
        while (i > 0) {
            int cp = s.codePointBefore(i);
            i -= Character.charCount(cp);
            if (folding.kind(cp) != CharKind.DROP) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first visible code point from {@code i} on (invisible ones skipped), or -1. */
    private int visibleFrom(String s, int i) {
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (folding.kind(cp) != CharKind.DROP) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /**
     * True if the code point at {@code i} reads as a Latin letter: a letter, or a leet digit or sign with a letter
     * before its run and a letter after it (as the walk reads b1tch).
     */
    private boolean letter(String s, int i) {
        int cp = s.codePointAt(i);
        if (folding.kind(cp) == CharKind.LATIN) {
            return true;
        }
        if (leetLetter(cp) == 0) {
            return false;
        }
        int b = i;
        do {
            b = visibleBefore(s, b);
        } while (b >= 0 && leetLetter(s.codePointAt(b)) != 0);
        int a = visibleFrom(s, i + 1);
        while (a >= 0 && leetLetter(s.codePointAt(a)) != 0) {
            a = visibleFrom(s, a + 1);
        }
        return b >= 0 && a >= 0 && folding.kind(s.codePointAt(b)) == CharKind.LATIN
                && folding.kind(s.codePointAt(a)) == CharKind.LATIN;
    }

    private static boolean exempted(Map<Integer, ExemptSpans> spans, int entry, int start, int end) {
        if (spans == null) {
            return false;
        }
        ExemptSpans l = spans.get(entry);
        return l != null && l.contain(start, end);
    }

    /** True if ordinary words explain the hit away ({@link OrdinaryWordVeto}). */
    private boolean vetoed(Resolution r, int entry, Channel channel, int start, int end) {
        if (exactOnly) {
            return false;
        }
        boolean guess = channel == Channel.PINYIN || channel == Channel.SPLIT;
        if (!guess && (channel != Channel.EXACT && channel != Channel.FOLDED
                || end - start != 2 || foldedLength[entry] != 2)) {
            return false;
        }
        return veto.vetoes(r.han(), entry, channel, start, end);
    }

}
