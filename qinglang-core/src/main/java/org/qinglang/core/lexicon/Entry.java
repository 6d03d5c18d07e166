package org.qinglang.core.lexicon;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the feature library: a term with its category, severity, the channels on which it is
 * matched, its code words (aliases, 暗语), the longer phrases in which it is innocent (exemptions), and
 * the note that says why it was added (its entry standard).
 *
 * @param term       the term as written in the library; never blank
 * @param category   such as 辱骂, 网暴, 色情, 刷单; {@code custom} for a plain word list
 * @param severity   how serious a hit is
 * @param channels   the channels that apply; always contains {@link Channel#EXACT}
 * @param aliases    code words that mean the same entry
 * @param exemptions phrases containing the term in which a hit is not reported
 * @param note       why the entry is in the library; may be empty
 */
public record Entry(String term, String category, Severity severity, Set<Channel> channels, List<String> aliases,
                    List<String> exemptions, String note) {

    /** The channels of an entry that does not say: exact, folded and pinyin. */
    public static final Set<Channel> DEFAULT_CHANNELS = Set.copyOf(EnumSet.of(Channel.EXACT, Channel.FOLDED,
            Channel.PINYIN));

    /** The category of a plain word list. */
    public static final String DEFAULT_CATEGORY = "custom";

    public Entry {
        Objects.requireNonNull(term, "term");
        if (term.isBlank()) {
            throw new IllegalArgumentException("an entry's term must not be blank");
        }
        category = category == null || category.isBlank() ? DEFAULT_CATEGORY : category.strip();
        severity = severity == null ? Severity.MEDIUM : severity;
        EnumSet<Channel> c = channels == null || channels.isEmpty() ? EnumSet.copyOf(DEFAULT_CHANNELS)
                : EnumSet.copyOf(channels);
        c.add(Channel.EXACT);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        if (!aliases.isEmpty()) {
            c.add(Channel.ALIAS);
        }
        channels = Set.copyOf(c);
        exemptions = exemptions == null ? List.of() : List.copyOf(exemptions);
        note = note == null ? "" : note.strip();
    }

    /** An entry of a plain word list: category custom, severity medium, default channels. */
    public static Entry of(String term) {
        return new Entry(term, null, null, null, null, null, null);
    }

    /** True if this entry is matched on {@code channel}. */
    public boolean has(Channel channel) {
        return channels.contains(channel);
    }
}
