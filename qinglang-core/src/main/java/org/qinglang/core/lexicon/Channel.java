package org.qinglang.core.lexicon;

import java.util.Locale;

/** How a hit was found: the evasion that it undid. Reported on every {@link Hit}. */
public enum Channel {
    /** The term as written, character for character. */
    EXACT,
    /** The term after folding width, case, script, variants, look-alikes, invisible characters and noise. */
    FOLDED,
    /** The same sound with other characters or in Latin letters (谐音, pinyin). */
    PINYIN,
    /** The pinyin initials in Latin letters (nmsl). */
    INITIALS,
    /** Split characters (拆字: 弓长 for 张). */
    SPLIT,
    /** A listed code word (暗语) of the entry. */
    ALIAS;

    /** The name used in files and JSON: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The channel named {@code id} (case-insensitive). */
    public static Channel fromId(String id) {
        for (Channel c : values()) {
            if (c.id().equalsIgnoreCase(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown channel '" + id
                + "': use exact, folded, pinyin, initials, split or alias");
    }

    /** True for the channels that undo an evasion and so can be wrong: all but exact and alias. */
    public boolean isFuzzy() {
        return this != EXACT && this != ALIAS;
    }
}
