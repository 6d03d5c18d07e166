package org.qinglang.core.verdict;

import java.util.Locale;

/** What the platform should do with a text: let it pass, send it to a person, or block it. */
public enum Suggestion {
    PASS, REVIEW, BLOCK;

    /** The name used in JSON: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The more severe of two suggestions. */
    public Suggestion max(Suggestion other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
