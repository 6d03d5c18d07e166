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
    private final Map<Integer, Integer> supplementarySymbol;
    private final int[][] charRefs;

    private final SymbolAutomaton sounds;
    private final int[][] soundRefs;
    private final Map<String, int[]> initials;
    private final List<String> warnings;

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
        this.supplementarySymbol = Map.copyOf(c.supplementarySymbol);
        this.charRefs = c.charRefs.toArray(int[][]::new);
        this.sounds = c.soundCount > 0 ? c.sounds.build() : null;
        this.soundRefs = c.soundRefs.toArray(int[][]::new);
        this.initials = Map.copyOf(c.initials);
        this.warnings = List.copyOf(c.warnings);
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
            for (int[] r : soundRefs) {
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
            char c = s.charAt(i);
            state = a.next(state, symbolOf[c]);
            if (a.hasOutput(state)) {
                for (int o = a.firstOutputState(state); o >= 0; o = a.nextOutputState(o)) {
                    for (int k = a.outputHead(o); a.output(k) >= 0; k++) {
                        int p = a.output(k);
                        found.add(p, i + 1 - a.patternLength(p), i + 1, false);
                    }
                }
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
        int soundCount = 0;
        int soundState = SymbolAutomaton.ROOT;
        int soundGap = 0;
        Latin latin = new Latin(n);

        for (int i = 0; i < n; ) {
            int cp = s.charAt(i);
            int len = 1;
            if (Character.isHighSurrogate((char) cp) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint((char) cp, s.charAt(i + 1));
                len = 2;
            }
            byte kind = fold.kind(cp);
            if (kind == CharKind.DROP) {
                i += len;
                continue;
            }
            int f = fold.fold(cp);
            if (kind == CharKind.BREAK && isRepeated(s, i, len, cp)) {
                kind = CharKind.NOISE;
            }

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
                int sym = f < 0x10000 ? symbolOf[f] : supplementarySymbol.getOrDefault(f, 0);
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
                        emit(a, state, charStart, consumed, i + len, found, false);
                    }
                }
            }

            // the sound automaton and initials
            if (snd != null || !initials.isEmpty()) {
                if (kind == CharKind.LATIN) {
                    latin.add((char) f, i, i + len);
                } else {
                    if (latin.length > 0) {
                        long r = flushLatin(latin, snd, soundState, soundGap, soundStart, soundCount, found);
                        soundState = (int) (r >>> 32);
                        soundCount = (int) r & 0x7FFFFFFF;
                        soundGap = soundState == SymbolAutomaton.ROOT ? 0 : latin.gapAfter;
                    }
                    if (kind == CharKind.CJK && snd != null) {
                        int syl = f < 0x10000 ? pinyin.syllableOf((char) f) : 0;
                        soundState = snd.next(soundState, syl);
                        soundGap = 0;
                        soundStart[soundCount++] = i;
                        if (snd.hasOutput(soundState)) {
                            emit(snd, soundState, soundStart, soundCount, i + len, found, true);
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

    private static boolean isRepeated(String s, int i, int len, int cp) {
        return (i + len < s.length() && s.charAt(i + len) == cp) || (i > 0 && s.charAt(i - 1) == cp);
    }

    private static void emit(SymbolAutomaton a, int state, int[] starts, int consumed, int end, Candidates found,
                             boolean sound) {
        for (int o = a.firstOutputState(state); o >= 0; o = a.nextOutputState(o)) {
            for (int k = a.outputHead(o); a.output(k) >= 0; k++) {
                int p = a.output(k);
                found.add(p, starts[consumed - a.patternLength(p)], end, sound);
            }
        }
    }

    /** Letters of the current Latin run, and the single letters spelled out with noise between (n m s l). */
    private static final class Latin {
        final char[] letters;
        final int[] start;
        final int[] end;
        int length;
        int gapAfter;
        final StringBuilder spelled = new StringBuilder();
        int spelledStart;
        int spelledEnd;
        int noiseSinceSpelled;

        Latin(int n) {
            letters = new char[n];
            start = new int[n];
            end = new int[n];
        }

        void add(char c, int from, int to) {
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
        for (int k = 0; k < seg.length; k += 3) {
            soundState = snd.next(soundState, seg[k]);
            soundStart[soundCount++] = latin.start[seg[k + 1]];
            if (snd.hasOutput(soundState)) {
                emit(snd, soundState, soundStart, soundCount, latin.end[seg[k + 2] - 1], found, true);
            }
        }
        return ((long) soundState << 32) | soundCount;
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

    /** Pattern matches found by the walks, as flat int triples. */
    private static final class Candidates {
        int[] data = new int[48];
        int size;

        void add(int pattern, int start, int end, boolean sound) {
            if (size * 3 + 3 > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size * 3] = sound ? ~pattern : pattern;
            data[size * 3 + 1] = start;
            data[size * 3 + 2] = end;
            size++;
        }

        void addInitials(int[] entries, int start, int end) {
            for (int e : entries) {
                add(Integer.MIN_VALUE + e, start, end, false);
            }
        }
    }

    private List<Hit> resolve(String s, Candidates found) {
        List<int[]> raw = new ArrayList<>(found.size);
        Map<Integer, List<int[]>> exemptSpans = null;
        for (int c = 0; c < found.size; c++) {
            int code = found.data[c * 3];
            int start = found.data[c * 3 + 1];
            int end = found.data[c * 3 + 2];
            if (code <= Integer.MIN_VALUE + entries.size() && code >= Integer.MIN_VALUE) {
                raw.add(new int[] {code - Integer.MIN_VALUE, KIND_INITIALS, start, end});
                continue;
            }
            int[] refs = code < 0 ? soundRefs[~code] : charRefs[code];
            for (int ref : refs) {
                int entry = ref >>> 3;
                int kind = ref & 7;
                if (kind == KIND_EXEMPT) {
                    if (exemptSpans == null) {
                        exemptSpans = new HashMap<>();
                    }
                    exemptSpans.computeIfAbsent(entry, k -> new ArrayList<>()).add(new int[] {start, end});
                } else {
                    raw.add(new int[] {entry, kind, start, end});
                }
            }
        }
        List<Hit> hits = new ArrayList<>(raw.size());
        for (int[] r : raw) {
            int entryId = r[0];
            int start = r[2];
            int end = r[3];
            Entry e = entries.get(entryId);
            Channel channel = channelOf(e, r[1], s, start, end);
            if (channel == null || exempted(exemptSpans, entryId, start, end)
                    || vetoed(s, entryId, channel, start, end)) {
                continue;
            }
            hits.add(new Hit(e.term(), e.category(), e.severity(), channel, start, end, s.substring(start, end)));
        }
        hits.sort(Comparator.comparingInt(Hit::start).thenComparingInt(Hit::end).thenComparing(Hit::term)
                .thenComparingInt(h -> rank(h.channel())));
        // the same entry at the same place once, on its most direct channel (sorted first)
        List<Hit> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            Hit last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last == null || last.start() != h.start() || last.end() != h.end() || !last.term().equals(h.term())) {
                out.add(h);
            }
        }
        return out;
    }

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

    private Channel channelOf(Entry e, int kind, String s, int start, int end) {
        switch (kind) {
            case KIND_BASE -> {
                if (s.regionMatches(start, e.term(), 0, e.term().length()) && end - start == e.term().length()) {
                    return Channel.EXACT;
                }
                return e.has(Channel.FOLDED) && enabled.contains(Channel.FOLDED) ? Channel.FOLDED : null;
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
     * True if ordinary words explain the hit away. A sound or split hit (a guess) goes if an ordinary
     * word coincides with it (飞舞 for 废物) or cuts through one of its edges (拖拉机 for 垃圾). An exact or
     * folded hit goes only if every one of its characters belongs to an ordinary word that reaches out of
     * the hit (路口交通 for 口交), so that 傻逼真是的 keeps 傻逼 although 逼真 is a word. Words that contain
     * the entry's own term or alias never count.
     */
    private boolean vetoed(String s, int entry, Channel channel, int start, int end) {
        boolean guess = channel == Channel.PINYIN || channel == Channel.SPLIT;
        if (exactOnly || !guess && channel != Channel.EXACT && channel != Channel.FOLDED) {
            return false;
        }
        int reach = WordList.MAX_WORD_LENGTH - 1;
        int from = start;
        for (int k = 0; k < reach && from > 0; k++) {
            from = s.offsetByCodePoints(from, -1);
        }
        int to = end;
        for (int k = 0; k < reach && to < s.length(); k++) {
            to = s.offsetByCodePoints(to, 1);
        }
        // the Han characters around the hit, folded, with their raw offsets; 0 marks a word boundary
        char[] w = new char[to - from];
        int[] ws = new int[to - from];
        int[] we = new int[to - from];
        int n = 0;
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            byte kind = folding.kind(cp);
            if (kind == CharKind.CJK && cp < 0x10000) {
                w[n] = (char) folding.fold(cp);
                ws[n] = i;
                we[n] = i + len;
                n++;
            } else if (kind != CharKind.DROP && (i < start || i >= end)) {
                w[n] = 0;
                ws[n] = i;
                we[n] = i + len;
                n++;
            }
            i += len;
        }
        boolean[] claimed = new boolean[n];
        for (int a = 0; a < n; a++) {
            if (w[a] == 0) {
                continue;
            }
            for (int b = a + 2; b <= Math.min(n, a + WordList.MAX_WORD_LENGTH); b++) {
                if (w[b - 1] == 0) {
                    break;
                }
                int rs = ws[a];
                int re = we[b - 1];
                if (re <= start || rs >= end) {
                    continue;
                }
                boolean crossing = rs < start || re > end;
                boolean coinciding = rs == start && re == end;
                if (!crossing && !(guess && coinciding)) {
                    continue;
                }
                if (!words.contains(w, a, b) || containsOwnTerm(new String(w, a, b - a), entry)) {
                    continue;
                }
                if (guess) {
                    return true;
                }
                for (int k = a; k < b; k++) {
                    claimed[k] = true;
                }
            }
        }
        if (guess) {
            return false;
        }
        boolean any = false;
        for (int k = 0; k < n; k++) {
            if (ws[k] >= start && we[k] <= end && w[k] != 0) {
                if (!claimed[k]) {
                    return false;
                }
                any = true;
            }
        }
        return any;
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
        final List<int[]> soundRefs = new ArrayList<>();
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
                for (String alias : aliases) {
                    addSounds(alias, id);
                }
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
            if (byPhrase == null && byChar == null) {
                return;
            }
            if (byPhrase != null && byPhrase.length >= 2) {
                addSound(byPhrase, entry);
            }
            if (byChar != null && byChar.length >= 2 && !Arrays.equals(byChar, byPhrase)) {
                addSound(byChar, entry);
            }
        }

        private void addSound(int[] syllables, int entry) {
            String key = Arrays.toString(syllables);
            Integer p = soundPatternIds.get(key);
            if (p == null) {
                p = sounds.add(syllables);
                soundPatternIds.put(key, p);
                soundRefs.add(new int[0]);
                soundCount++;
            }
            int ref = (entry << 3) | KIND_SOUND;
            int[] refs = soundRefs.get(p);
            for (int r : refs) {
                if (r == ref) {
                    return;
                }
            }
            soundRefs.set(p, append(refs, ref));
        }

        private static int[] append(int[] a, int v) {
            int[] b = Arrays.copyOf(a, a.length + 1);
            b[a.length] = v;
            return b;
        }
    }
}
