package org.qinglang.core.lexicon;

import java.util.Locale;

/** How serious a hit on an entry is; the verdict maps it to a risk level. */
public enum Severity {
    LOW, MEDIUM, HIGH;

    /** The name used in files and JSON: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity named {@code id} (case-insensitive). */
    public static Severity fromId(String id) {
        for (Severity s : values()) {
            if (s.id().equalsIgnoreCase(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + id + "': use low, medium or high");
    }
}
