package org.qinglang.core.enforce;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qinglang.core.enforce.Reversal.Undo.LIFT_MUTE;
import static org.qinglang.core.enforce.Reversal.Undo.NOTIFY_POLICE;
import static org.qinglang.core.enforce.Reversal.Undo.NOTIFY_USER;
import static org.qinglang.core.enforce.Reversal.Undo.REMOVE_STRIKE;
import static org.qinglang.core.enforce.Reversal.Undo.REOPEN_ACCOUNT;
import static org.qinglang.core.enforce.Reversal.Undo.RESTORE_CONTENT;

class AppealPolicyTest {

    private static final Instant DECIDED = Instant.parse("2026-12-01T12:00:00Z");
    private static final AppealPolicy POLICY = AppealPolicy.DEFAULT;
    private static final Reviewer ALICE = new Reviewer("alice", Set.of(StaffRole.SENIOR_REVIEWER));
    private static final Reviewer BOB = new Reviewer("bob", Set.of(StaffRole.SENIOR_REVIEWER));
    private static final Reviewer CAROL = new Reviewer("carol", Set.of(StaffRole.REVIEWER, StaffRole.AUDITOR));

    private static Appeal appeal(String decider, Duration after) {
        return new Appeal("d-1", "u-7", decider, DECIDED, DECIDED.plus(after));
    }

    private static Sanction sanction(OffenceSeverity severity, OffenderRole role) {
        return SanctionLadder.defaults().next(List.of(), new Offence(severity, ReportCategory.CYBERVIOLENCE), role, DECIDED);
    }

    @Test
    void anAppealMustComeWithinTheWindow() {
        assertThat(POLICY.inTime(appeal("alice", Duration.ZERO)).allowed()).isTrue();
        assertThat(POLICY.inTime(appeal("alice", Duration.ofDays(30).minusNanos(1))).allowed()).isTrue();
        AppealCheck late = POLICY.inTime(appeal("alice", Duration.ofDays(30)));
        assertThat(late.allowed()).isFalse();
        assertThat(late.code()).isEqualTo("late");
        assertThat(late.reason(Locale.CHINESE)).isEqualTo("已超过申诉期限（处理决定后30天内），无法受理。");
        assertThat(late.reason(Locale.ENGLISH)).isEqualTo("The appeal is late: appeals must be filed within 30 days of the decision.");
        assertThat(POLICY.inTime(appeal("alice", Duration.ofSeconds(-1))).code()).isEqualTo("too-early");
        assertThat(POLICY.deadline(DECIDED)).isEqualTo(DECIDED.plus(Duration.ofDays(30)));
        assertThat(POLICY.answerBy(appeal("alice", Duration.ofDays(2)))).isEqualTo(DECIDED.plus(Duration.ofDays(9)));
        assertThat(new AppealPolicy(Duration.ofDays(180), Duration.ofDays(7)).inTime(appeal("alice", Duration.ofDays(100))).allowed())
                .isTrue();
        assertThatThrownBy(() -> new AppealPolicy(Duration.ofHours(2), Duration.ofDays(7)))
                .hasMessage("the appeal window must be from 1 day to 3660 days, was PT2H");
    }

    @Test
    void onlyASeniorReviewerOtherThanTheDeciderMayDecide() {
        AppealCheck same = POLICY.mayDecide(appeal("alice", Duration.ofDays(1)), ALICE);
        assertThat(same.allowed()).isFalse();
        assertThat(same.code()).isEqualTo("same-decider");
        assertThat(same.zh()).isEqualTo("申诉须由原处理人以外的人员复核。");
        assertThat(POLICY.mayDecide(appeal("alice", Duration.ofDays(1)), BOB).allowed()).isTrue();
        assertThat(POLICY.mayDecide(appeal("alice", Duration.ofDays(1)), CAROL).code()).isEqualTo("not-permitted");
        assertThat(POLICY.mayDecide(appeal(Appeal.AUTOMATED, Duration.ofDays(1)), ALICE).allowed()).isTrue();
        assertThat(POLICY.mayDecide(appeal("alice", Duration.ofDays(1)), new Reviewer("dave", Set.of())).code())
                .isEqualTo("not-permitted");
    }

    @Test
    void overturningUndoesWhatIsStillInForce() {
        Sanction mute7 = sanction(OffenceSeverity.SERIOUS, OffenderRole.REPEAT_POSTER);
        assertThat(mute7.describe(Locale.CHINESE)).isEqualTo("禁言7天");
        Reversal during = POLICY.overturn(appeal("alice", Duration.ofDays(1)), mute7, BOB, DECIDED.plus(Duration.ofDays(3)));
        assertThat(during.undo()).containsExactly(LIFT_MUTE, REMOVE_STRIKE, NOTIFY_USER);
        assertThat(during.strikeToRemove()).isEqualTo("d-1");
        assertThat(during.decidedBy()).isEqualTo("bob");
        assertThat(during.at()).isEqualTo(DECIDED.plus(Duration.ofDays(3)));
        // decided when the mute had already run out (exactly at its end): nothing to lift
        Reversal after = POLICY.overturn(appeal("alice", Duration.ofDays(1)), mute7, BOB, DECIDED.plus(Duration.ofDays(7)));
        assertThat(after.undo()).containsExactly(REMOVE_STRIKE, NOTIFY_USER);

        Sanction removed = sanction(OffenceSeverity.MODERATE, OffenderRole.PARTICIPANT);
        assertThat(POLICY.overturn(appeal("alice", Duration.ofDays(1)), removed, BOB, DECIDED.plus(Duration.ofDays(40))).undo())
                .containsExactly(RESTORE_CONTENT, REMOVE_STRIKE, NOTIFY_USER);
        Sanction referred = sanction(OffenceSeverity.GRAVE, OffenderRole.PARTICIPANT);
        assertThat(POLICY.overturn(appeal("alice", Duration.ofDays(1)), referred, BOB, DECIDED.plus(Duration.ofDays(2))).undo())
                .containsExactly(REOPEN_ACCOUNT, NOTIFY_POLICE, REMOVE_STRIKE, NOTIFY_USER);
    }

    @Test
    void overturningIsRefusedToTheSameReviewerAndWhenLate() {
        Sanction s = sanction(OffenceSeverity.MODERATE, OffenderRole.PARTICIPANT);
        assertThatThrownBy(() -> POLICY.overturn(appeal("alice", Duration.ofDays(1)), s, ALICE, DECIDED.plus(Duration.ofDays(2))))
                .hasMessage("same-decider: An appeal must be decided by someone other than the original decider.");
        assertThatThrownBy(() -> POLICY.overturn(appeal("alice", Duration.ofDays(31)), s, BOB, DECIDED.plus(Duration.ofDays(32))))
                .hasMessageStartingWith("late: The appeal is late");
    }

    @Test
    void rolesGrantWhatTheTableSays() {
        assertThat(StaffRole.REVIEWER.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.DECIDE);
        assertThat(StaffRole.SENIOR_REVIEWER.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.DECIDE,
                Permission.DECIDE_SEVERE, Permission.BATCH_DECIDE, Permission.DECIDE_APPEAL, Permission.REASSIGN);
        assertThat(StaffRole.COMPLIANCE_OFFICER.permissions()).containsExactlyInAnyOrder(Permission.READ,
                Permission.REFER_TO_POLICE, Permission.CONFIGURE_POLICY);
        assertThat(StaffRole.AUDITOR.permissions()).containsExactly(Permission.READ);
        assertThat(StaffRole.ADMIN.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.MANAGE_STAFF);
        for (StaffRole r : StaffRole.values()) {
            assertThat(r.may(Permission.DECIDE) && r.may(Permission.CONFIGURE_POLICY)).as(r.id()).isFalse();
            assertThat(StaffRole.fromId(r.id())).isEqualTo(r);
        }
        assertThatThrownBy(() -> StaffRole.fromId("boss")).hasMessageStartingWith("unknown staff role 'boss'");

        SanctionLadder l = SanctionLadder.defaults();
        assertThat(Permission.toApply(sanction(OffenceSeverity.SERIOUS, OffenderRole.INCITER))).isEqualTo(Permission.DECIDE);
        Sanction permanent = l.next(List.of(new Strike("d", OffenceSeverity.SERIOUS, DECIDED), new Strike("e", OffenceSeverity.SERIOUS,
                DECIDED), new Strike("f", OffenceSeverity.SERIOUS, DECIDED)), new Offence(OffenceSeverity.SERIOUS,
                ReportCategory.CYBERVIOLENCE), OffenderRole.PARTICIPANT, DECIDED);
        assertThat(permanent.permanent()).isTrue();
        assertThat(Permission.toApply(permanent)).isEqualTo(Permission.DECIDE_SEVERE);
        assertThat(Permission.toApply(sanction(OffenceSeverity.GRAVE, OffenderRole.PARTICIPANT))).isEqualTo(Permission.REFER_TO_POLICE);
    }
}
