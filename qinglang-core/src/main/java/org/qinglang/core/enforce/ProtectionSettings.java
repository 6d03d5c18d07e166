package org.qinglang.core.enforce;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One account's one-click protection (一键防护): whose comments, DMs, reposts and mentions are screened, what
 * happens to each, and from when until when. Built once when the person turns protection on; every
 * decision is then a table lookup ({@link OneClickProtection#decide}).
 *
 * <p>{@link #oneClick} is the one click: strangers (and new followers) have their comments held for the
 * person to let through, and their DMs, reposts and mentions refused — comments are held rather than
 * refused so that support from strangers is not lost, only kept back until the person chooses; DMs,
 * reposts and mentions are how a pile-on reaches and spreads, so they are refused.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProtectionSettings {

    private static final ProtectionSettings OFF = new ProtectionSettings(ProtectionAudience.STRANGERS,
            new EnumMap<>(ProtectedAction.class), ProtectionPeriod.UNTIL_OFF, Instant.MIN, false);

    private final ProtectionAudience audience;
    private final Map<ProtectedAction, ProtectionDecision> treatments;
    private final ProtectionPeriod period;
    private final Instant since;
    private final Instant until;
    private final boolean on;
    /** Two bits per (relation, action): {@link ProtectionDecision#ordinal()}. */
    final long table;

    private ProtectionSettings(ProtectionAudience audience, Map<ProtectedAction, ProtectionDecision> treatments,
                               ProtectionPeriod period, Instant since, boolean on) {
        this.audience = audience;
        EnumMap<ProtectedAction, ProtectionDecision> t = new EnumMap<>(ProtectedAction.class);
        for (ProtectedAction a : ProtectedAction.values()) {
            t.put(a, treatments.getOrDefault(a, ProtectionDecision.ALLOW));
        }
        this.treatments = t;
        this.period = period;
        this.since = since;
        this.until = period.length().map(since::plus).orElse(Instant.MAX);
        this.on = on;
        long bits = 0;
        for (ActorRelation r : ActorRelation.values()) {
            for (ProtectedAction a : ProtectedAction.values()) {
                ProtectionDecision d = on && audience.screens(r) ? t.get(a) : ProtectionDecision.ALLOW;
                bits |= (long) d.ordinal() << shift(r, a);
            }
        }
        this.table = bits;
    }

    static int shift(ActorRelation r, ProtectedAction a) {
        return (r.ordinal() * 4 + a.ordinal()) * 2;
    }

    /** Protection off: everything is allowed. */
    public static ProtectionSettings off() {
        return OFF;
    }

    /**
     * The one click: strangers' comments held, their DMs, reposts and mentions refused, for {@code period}
     * from {@code now}.
     */
    public static ProtectionSettings oneClick(ProtectionPeriod period, Instant now) {
        return builder(ProtectionAudience.STRANGERS)
                .treat(ProtectedAction.COMMENT, ProtectionDecision.HOLD)
                .treat(ProtectedAction.DM, ProtectionDecision.DENY)
                .treat(ProtectedAction.REPOST, ProtectionDecision.DENY)
                .treat(ProtectedAction.MENTION, ProtectionDecision.DENY)
                .on(period, now);
    }

    /** A builder screening {@code audience}; every action allowed until {@link Builder#treat} says otherwise. */
    public static Builder builder(ProtectionAudience audience) {
        return new Builder(audience);
    }

    /** True if protection was turned on (it may have expired since: see {@link #activeAt}). */
    public boolean on() {
        return on;
    }

    /** True if protection is on and in its period at {@code now}. */
    public boolean activeAt(Instant now) {
        return on && !now.isBefore(since) && now.isBefore(until);
    }

    /** Whose actions are screened. */
    public ProtectionAudience audience() {
        return audience;
    }

    /** What happens to a screened {@code action}. */
    public ProtectionDecision treatment(ProtectedAction action) {
        return treatments.get(action);
    }

    /** How long it was turned on for. */
    public ProtectionPeriod period() {
        return period;
    }

    /** When it was turned on; {@link Instant#MIN} for {@link #off()}. */
    public Instant since() {
        return since;
    }

    /** When it ends by itself: empty when off or on until turned off. */
    public Optional<Instant> until() {
        return on && until != Instant.MAX ? Optional.of(until) : Optional.empty();
    }

    /** The end instant, {@link Instant#MAX} for until-off, for the allocation-free check. */
    Instant untilInstant() {
        return until;
    }

    /** Builds {@link ProtectionSettings}. */
    public static final class Builder {
        private final ProtectionAudience audience;
        private final Map<ProtectedAction, ProtectionDecision> treatments = new EnumMap<>(ProtectedAction.class);

        private Builder(ProtectionAudience audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
        }

        /** What happens to a screened {@code action}. */
        public Builder treat(ProtectedAction action, ProtectionDecision decision) {
            treatments.put(Objects.requireNonNull(action, "action"), Objects.requireNonNull(decision, "decision"));
            return this;
        }

        /** The settings, turned on at {@code now} for {@code period}. */
        public ProtectionSettings on(ProtectionPeriod period, Instant now) {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(now, "now");
            return new ProtectionSettings(audience, treatments, period, now, true);
        }
    }
}
