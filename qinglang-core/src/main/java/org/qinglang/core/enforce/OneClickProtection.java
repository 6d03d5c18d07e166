package org.qinglang.core.enforce;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One-click protection (一键防护): whether an action by someone reaches a protected account, and when to
 * remind the person that protection is about to end.
 *
 * <ul>
 *   <li><b>Decide.</b> {@link #decide} is a lookup in the settings' precomputed table: no allocation, a
 *       few nanoseconds, safe on every comment, DM, repost and mention. Outside the period (before it
 *       started, at or after its end) everything is allowed.</li>
 *   <li><b>Remind.</b> A timed protection reminds {@code lead} before it ends (default 24 hours; for a
 *       3-day protection, at 48 hours), so the person can extend it while a pile-on is still going. A
 *       protection until turned off checks in every {@code checkIn} (default 30 days) so no one stays
 *       hidden from new followers by a setting they forgot.</li>
 * </ul>
 *
 * @param lead    how long before the end to remind; 1 minute to 7 days
 * @param checkIn how often to remind while protection runs until turned off; 1 day to 366 days
 */
public record OneClickProtection(Duration lead, Duration checkIn) {

    /** Remind 24 hours before the end; check in every 30 days. */
    public static final OneClickProtection DEFAULT = new OneClickProtection(Duration.ofHours(24), Duration.ofDays(30));

    private static final ProtectionDecision[] DECISIONS = ProtectionDecision.values();

    public OneClickProtection {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(checkIn, "checkIn");
        if (lead.compareTo(Duration.ofMinutes(1)) < 0 || lead.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("lead must be from 1 minute to 7 days, was " + lead);
        }
        if (checkIn.compareTo(Duration.ofDays(1)) < 0 || checkIn.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("checkIn must be from 1 day to 366 days, was " + checkIn);
        }
    }

    /**
     * What happens to {@code action} by an actor with {@code relation} to the account protected by
     * {@code settings}, at {@code now}. Allocation-free.
     */
    public static ProtectionDecision decide(ProtectionSettings settings, ActorRelation relation,
                                            ProtectedAction action, Instant now) {
        if (now.isBefore(settings.since()) || !now.isBefore(settings.untilInstant())) {
            return ProtectionDecision.ALLOW;
        }
        return DECISIONS[(int) (settings.table >>> ProtectionSettings.shift(relation, action)) & 3];
    }

    /**
     * The next reminder strictly after {@code now}: for a timed protection, {@code until − lead} (but not
     * before it started) if that is still to come; for one until turned off, the next multiple of
     * {@code checkIn} after it started. Empty when protection is off or no reminder is left.
     */
    public Optional<Instant> nextReminder(ProtectionSettings settings, Instant now) {
        if (!settings.on()) {
            return Optional.empty();
        }
        Optional<Instant> until = settings.until();
        if (until.isPresent()) {
            Instant at = until.get().minus(lead);
            if (at.isBefore(settings.since())) {
                at = settings.since();
            }
            return at.isAfter(now) ? Optional.of(at) : Optional.empty();
        }
        if (now.isBefore(settings.since())) {
            return Optional.of(settings.since().plus(checkIn));
        }
        long periods = Duration.between(settings.since(), now).toSeconds() / checkIn.toSeconds() + 1;
        return Optional.of(settings.since().plus(checkIn.multipliedBy(periods)));
    }
}
