package org.qinglang.app.protection;

import java.time.Instant;
import java.util.Optional;

/**
 * A prominent prompt (显著提示) offering an account protection, raised by a pile-on alert.
 *
 * @param id         its id
 * @param account    the account under attack
 * @param alertKind  the alert's kind ({@code pileon})
 * @param alertLevel the alert's level when the prompt was raised ({@code warning} or {@code severe})
 * @param alertTs    the alert's event time
 * @param createdAt  when the prompt was recorded
 * @param answeredAt when the person answered, if they have
 * @param taken      whether they took the offer, once answered
 */
public record Prompt(long id, String account, String alertKind, String alertLevel, Instant alertTs, Instant createdAt,
                     Optional<Instant> answeredAt, Optional<Boolean> taken) {
}
