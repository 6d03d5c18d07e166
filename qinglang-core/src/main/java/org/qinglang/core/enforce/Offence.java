package org.qinglang.core.enforce;

import java.util.Objects;

/**
 * The offence (违规行为) a decision is about, as the ladder and the statement of reasons need it.
 *
 * @param severity how serious it is
 * @param category what kind of harm it is
 */
public record Offence(OffenceSeverity severity, ReportCategory category) {
    public Offence {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
    }
}
