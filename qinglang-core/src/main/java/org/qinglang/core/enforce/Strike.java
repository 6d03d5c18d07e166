package org.qinglang.core.enforce;

import java.time.Instant;
import java.util.Objects;

/**
 * A strike (违规记录): one upheld decision against an account, as the ladder counts it. A strike whose
 * decision is overturned on appeal is removed from the history ({@link Reversal#strikeToRemove()}).
 *
 * @param decisionId the decision that gave it
 * @param severity   how serious the offence was
 * @param at         when it was decided
 */
public record Strike(String decisionId, OffenceSeverity severity, Instant at) {
    public Strike {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
    }
}
