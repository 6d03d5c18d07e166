package org.qinglang.core.enforce;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The rules of appeal (申诉规则): whether an appeal is in time, who may decide it, and what overturning a
 * sanction undoes.
 *
 * <ul>
 *   <li><b>In time:</b> filed at or after the decision and before {@code decidedAt + window}; at the
 *       instant the window closes it is late. Default window: 30 days.</li>
 *   <li><b>Who decides:</b> someone other than the original decider, with a role that grants
 *       {@link Permission#DECIDE_APPEAL} (a senior reviewer). A decision made without a person may be
 *       reviewed by any such person.</li>
 *   <li><b>Answer:</b> due {@code answerWithin} after filing; default 7 days.</li>
 *   <li><b>Overturned:</b> the content comes back, a restriction still in force is lifted, a closed
 *       account reopens, a police referral is withdrawn by telling the police, the strike is removed, and
 *       the user is told ({@link Reversal}).</li>
 * </ul>
 *
 * @param window       how long after a decision an appeal may be filed; 1 day to 10 years
 * @param answerWithin how long after filing the appeal must be answered; 1 hour to 1 year
 */
public record AppealPolicy(Duration window, Duration answerWithin) {

    /** A 30-day window, answered within 7 days. */
    public static final AppealPolicy DEFAULT = new AppealPolicy(Duration.ofDays(30), Duration.ofDays(7));

    public AppealPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(answerWithin, "answerWithin");
        if (window.compareTo(Duration.ofDays(1)) < 0 || window.compareTo(Duration.ofDays(3660)) > 0) {
            throw new IllegalArgumentException("the appeal window must be from 1 day to 3660 days, was " + window);
        }
        if (answerWithin.compareTo(Duration.ofHours(1)) < 0 || answerWithin.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("answerWithin must be from 1 hour to 366 days, was " + answerWithin);
        }
    }

    /** The last instant (exclusive) to appeal a decision made at {@code decidedAt}. */
    public Instant deadline(Instant decidedAt) {
        return decidedAt.plus(window);
    }

    /** When the answer to {@code appeal} is due. */
    public Instant answerBy(Appeal appeal) {
        return appeal.filedAt().plus(answerWithin);
    }

    /** Whether {@code appeal} was filed in time. */
    public AppealCheck inTime(Appeal appeal) {
        if (appeal.filedAt().isBefore(appeal.decidedAt())) {
            return AppealCheck.refused("too-early", "申诉时间早于处理决定时间，无法受理。",
                    "The appeal is dated before the decision it appeals.");
        }
        if (!appeal.filedAt().isBefore(deadline(appeal.decidedAt()))) {
            return AppealCheck.refused("late", "已超过申诉期限（处理决定后" + Texts.span(window, Locale.CHINESE)
                            + "内），无法受理。",
                    "The appeal is late: appeals must be filed within "
                            + Texts.span(window, Locale.ENGLISH) + " of the decision.");
        }
        return AppealCheck.ok();
    }

    /** Whether {@code reviewer} may decide {@code appeal}. */
    public AppealCheck mayDecide(Appeal appeal, Reviewer reviewer) {
        if (reviewer.id().equals(appeal.originalDecider())) {
            return AppealCheck.refused("same-decider", "申诉须由原处理人以外的人员复核。",
                    "An appeal must be decided by someone other than the original decider.");
        }
        if (!reviewer.may(Permission.DECIDE_APPEAL)) {
            return AppealCheck.refused("not-permitted", "仅高级审核员可以复核申诉。",
                    "Only a senior reviewer may decide an appeal.");
        }
        return AppealCheck.ok();
    }

    /**
     * The reversal of {@code sanction} when {@code reviewer} overturns it on {@code appeal} at {@code now}.
     *
     * @throws IllegalArgumentException with the reason, if the appeal was not in time or the reviewer may not
     *         decide it
     */
    public Reversal overturn(Appeal appeal, Sanction sanction, Reviewer reviewer, Instant now) {
        for (AppealCheck c : List.of(inTime(appeal), mayDecide(appeal, reviewer))) {
            if (!c.allowed()) {
                throw new IllegalArgumentException(c.code() + ": " + c.en());
            }
        }
        boolean inForce = sanction.endsAt().map(now::isBefore).orElse(true);
        List<Reversal.Undo> undo = new ArrayList<>();
        switch (sanction.action()) {
            case WARN -> undo.add(Reversal.Undo.WITHDRAW_WARNING);
            case FOLD_CONTENT -> undo.add(Reversal.Undo.UNFOLD_CONTENT);
            case REMOVE_CONTENT -> undo.add(Reversal.Undo.RESTORE_CONTENT);
            case MUTE -> {
                if (inForce) {
                    undo.add(Reversal.Undo.LIFT_MUTE);
                }
            }
            case SUSPEND_DMS -> {
                if (inForce) {
                    undo.add(Reversal.Undo.RESTORE_DMS);
                }
            }
            case CLOSE_ACCOUNT -> undo.add(Reversal.Undo.REOPEN_ACCOUNT);
            case REFER_TO_POLICE -> {
                undo.add(Reversal.Undo.REOPEN_ACCOUNT);
                undo.add(Reversal.Undo.NOTIFY_POLICE);
            }
        }
        undo.add(Reversal.Undo.REMOVE_STRIKE);
        undo.add(Reversal.Undo.NOTIFY_USER);
        return new Reversal(appeal.decisionId(), appeal.account(), sanction.action(), undo, appeal.decisionId(),
                reviewer.id(), now);
    }
}
