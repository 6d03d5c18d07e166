package org.qinglang.core.enforce;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A sanction (处罚) the ladder decides: what is done, from when, until when, and why.
 *
 * @param action    what is done
 * @param step      the ladder step it comes from (0 = the lowest)
 * @param duration  how long it lasts, for a timed action with a duration; empty for a one-off action
 *                  (warning, content actions, referral) and for a permanent one
 * @param startsAt  when it takes effect
 * @param endsAt    when it ends: {@code startsAt + duration}, empty when {@code duration} is
 * @param reasoning how the ladder got there
 */
public record Sanction(SanctionAction action, int step, Optional<Duration> duration, Instant startsAt,
                       Optional<Instant> endsAt, Reasoning reasoning) {

    public Sanction {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(reasoning, "reasoning");
        if (step < 0) {
            throw new IllegalArgumentException("step must be 0 or more, was " + step);
        }
        if (!endsAt.equals(duration.map(startsAt::plus))) {
            throw new IllegalArgumentException("endsAt must be startsAt + duration, was " + endsAt + " for "
                    + startsAt + " + " + duration);
        }
    }

    /** True for an account restriction with no end: a permanent mute, a closed account. */
    public boolean permanent() {
        return action.restrictsAccount() && duration.isEmpty();
    }

    /** The action with its duration in words: 禁言7天 / muted for 7 days, 永久禁言 / muted permanently. */
    public String describe(Locale locale) {
        boolean en = Texts.english(locale);
        if (duration.isPresent()) {
            String span = Texts.span(duration.get(), locale);
            return en ? action.label(locale) + " for " + span : action.label(locale) + span;
        }
        if (action.timed()) {
            return en ? action.label(locale) + " permanently" : "永久" + action.label(locale);
        }
        return action.label(locale);
    }

    /**
     * How the ladder reached a step.
     *
     * @param activeStrikes  strikes that still count (not expired)
     * @param expiredStrikes strikes that no longer count
     * @param historyPoints  the weight of the active strikes
     * @param offencePoints  the weight of this offence
     * @param role           the offender's part
     * @param roleSteps      the steps added for the role
     * @param tolerated      true if this is a first minor offence let off with a warning (容错)
     * @param grave          true if the offence is a suspected crime and went to the top of the ladder
     * @param capped         true if the ladder's top (for offences that are not grave) stopped the climb
     */
    public record Reasoning(int activeStrikes, int expiredStrikes, int historyPoints, int offencePoints,
                            OffenderRole role, int roleSteps, boolean tolerated, boolean grave, boolean capped) {
        public Reasoning {
            Objects.requireNonNull(role, "role");
        }

        /** The reasoning in one or two sentences, for the reviewer and the statement of reasons. */
        public String explain(Locale locale) {
            boolean en = Texts.english(locale);
            if (grave) {
                return en ? "The offence is suspected to be a crime: the top of the ladder."
                        : "涉嫌违法犯罪，直接适用最高处置。";
            }
            if (tolerated) {
                return en ? "A first minor offence with no strike in force: a warning only (tolerance)."
                        : "首次轻微违规且无有效违规记录，仅予警告（容错）。";
            }
            StringBuilder sb = new StringBuilder();
            if (en) {
                sb.append(activeStrikes).append(" strike(s) in force (").append(historyPoints)
                        .append(" points) plus this offence (").append(offencePoints).append(" points)");
                if (roleSteps > 0) {
                    sb.append("; ").append(role.label(locale)).append(" in a pile-on: ").append(roleSteps)
                            .append(" step(s) up");
                }
                if (capped) {
                    sb.append("; held at the top of the ladder");
                }
                return sb.append('.').toString();
            }
            sb.append("有效违规记录").append(activeStrikes).append("次（").append(historyPoints)
                    .append("分），本次违规").append(offencePoints).append("分");
            if (roleSteps > 0) {
                sb.append("；在网暴中为").append(role.label(locale)).append("，加重").append(roleSteps).append("级");
            }
            if (capped) {
                sb.append("；已达处罚阶梯上限");
            }
            return sb.append('。').toString();
        }
    }
}
