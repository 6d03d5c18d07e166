package org.qinglang.core.verdict;

import java.util.Locale;

/** How risky a text is, for sorting queues and dashboards. */
public enum RiskLevel {
    NONE, LOW, MEDIUM, HIGH;

    /** The name used in JSON: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
