package org.qinglang.core.enforce;

import java.time.Instant;
import java.util.Objects;

/**
 * An appeal (申诉) against a decision.
 *
 * @param decisionId      the decision appealed
 * @param account         the account that appeals
 * @param originalDecider the staff id of who made the decision, or {@link #AUTOMATED} if no person did
 * @param decidedAt       when the decision was made
 * @param filedAt         when the appeal was filed
 */
public record Appeal(String decisionId, String account, String originalDecider, Instant decidedAt, Instant filedAt) {

    /** The decider of a decision made without a person. */
    public static final String AUTOMATED = "automated";

    public Appeal {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(originalDecider, "originalDecider");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(filedAt, "filedAt");
    }
}
