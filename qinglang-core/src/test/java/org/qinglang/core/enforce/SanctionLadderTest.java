package org.qinglang.core.enforce;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qinglang.core.enforce.OffenceSeverity.GRAVE;
import static org.qinglang.core.enforce.OffenceSeverity.MINOR;
import static org.qinglang.core.enforce.OffenceSeverity.MODERATE;
import static org.qinglang.core.enforce.OffenceSeverity.SERIOUS;
import static org.qinglang.core.enforce.OffenderRole.FIRST_POSTER;
import static org.qinglang.core.enforce.OffenderRole.INCITER;
import static org.qinglang.core.enforce.OffenderRole.PARTICIPANT;
import static org.qinglang.core.enforce.OffenderRole.REPEAT_POSTER;

class SanctionLadderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final SanctionLadder LADDER = SanctionLadder.defaults();

    private static Offence offence(OffenceSeverity s) {
        return new Offence(s, ReportCategory.CYBERVIOLENCE);
    }

    private static Strike strike(OffenceSeverity s, Duration ago) {
        return new Strike("d-" + ago.toSeconds(), s, NOW.minus(ago));
    }

    private static int step(List<Strike> history, OffenceSeverity s, OffenderRole role) {
        return LADDER.next(history, offence(s), role, NOW).step();
    }

    @Test
    void firstOffenceStepForEveryRoleAndSeverity() {
        // rows: minor, moderate, serious, grave; columns: participant, repeat poster, first poster, inciter
        int[][] expected = {
                {0, 2, 3, 3},   // 容错 warning for a participant; fold +1 / +2 for the others
                {2, 3, 4, 4},   // remove content, then mute 1d / 7d
                {3, 4, 5, 5},   // mute 1d, then 7d / 30d
                {9, 9, 9, 9}};  // a suspected crime: refer to the police
        OffenceSeverity[] severities = {MINOR, MODERATE, SERIOUS, GRAVE};
        OffenderRole[] roles = {PARTICIPANT, REPEAT_POSTER, FIRST_POSTER, INCITER};
        for (int s = 0; s < 4; s++) {
            for (int r = 0; r < 4; r++) {
                assertThat(step(List.of(), severities[s], roles[r])).as(severities[s] + " " + roles[r])
                        .isEqualTo(expected[s][r]);
            }
        }
    }

    @Test
    void aSanctionCarriesItsActionDurationAndEnd() {
        Sanction warn = LADDER.next(List.of(), offence(MINOR), PARTICIPANT, NOW);
        assertThat(warn.action()).isEqualTo(SanctionAction.WARN);
        assertThat(warn.reasoning().tolerated()).isTrue();
        assertThat(warn.duration()).isEmpty();
        assertThat(warn.endsAt()).isEmpty();
        assertThat(warn.permanent()).isFalse();

        Sanction mute = LADDER.next(List.of(), offence(SERIOUS), FIRST_POSTER, NOW);
        assertThat(mute.action()).isEqualTo(SanctionAction.MUTE);
        assertThat(mute.duration()).contains(Duration.ofDays(30));
        assertThat(mute.startsAt()).isEqualTo(NOW);
        assertThat(mute.endsAt()).contains(NOW.plus(Duration.ofDays(30)));
        assertThat(mute.describe(Locale.CHINESE)).isEqualTo("禁言30天");
        assertThat(mute.describe(Locale.ENGLISH)).isEqualTo("muted for 30 days");
        assertThat(mute.reasoning().roleSteps()).isEqualTo(2);
        assertThat(mute.reasoning().explain(Locale.CHINESE))
                .isEqualTo("有效违规记录0次（0分），本次违规4分；在网暴中为首发者，加重2级。");

        Sanction refer = LADDER.next(List.of(), offence(GRAVE), PARTICIPANT, NOW);
        assertThat(refer.action()).isEqualTo(SanctionAction.REFER_TO_POLICE);
        assertThat(refer.reasoning().grave()).isTrue();
        assertThat(refer.permanent()).isTrue();
    }

    @Test
    void strikesAddUpToPermanentMuteAndCloseButNotToThePolice() {
        List<Strike> threeSerious = List.of(strike(SERIOUS, Duration.ofDays(10)), strike(SERIOUS, Duration.ofDays(20)),
                strike(SERIOUS, Duration.ofDays(30)));
        Sanction s = LADDER.next(threeSerious, offence(SERIOUS), PARTICIPANT, NOW);   // 16 points
        assertThat(s.step()).isEqualTo(7);
        assertThat(s.describe(Locale.CHINESE)).isEqualTo("永久禁言");
        assertThat(s.permanent()).isTrue();
        assertThat(s.reasoning().historyPoints()).isEqualTo(12);
        assertThat(s.reasoning().activeStrikes()).isEqualTo(3);

        Sanction inciter = LADDER.next(threeSerious, offence(SERIOUS), INCITER, NOW);  // 7 + 2, held at 8
        assertThat(inciter.action()).isEqualTo(SanctionAction.CLOSE_ACCOUNT);
        assertThat(inciter.reasoning().capped()).isTrue();
        assertThat(inciter.reasoning().roleSteps()).isEqualTo(1);

        List<Strike> many = java.util.Collections.nCopies(50, strike(SERIOUS, Duration.ofDays(1)));
        assertThat(LADDER.next(many, offence(MINOR), PARTICIPANT, NOW).action()).isEqualTo(SanctionAction.CLOSE_ACCOUNT);
    }

    @Test
    void aRepeatedMinorOffenceGetsNoTolerance() {
        assertThat(step(List.of(strike(MINOR, Duration.ofDays(5))), MINOR, PARTICIPANT)).isEqualTo(2);
        SanctionLadder strict = SanctionLadder.builder().tolerateFirstMinor(false).build();
        assertThat(strict.next(List.of(), offence(MINOR), PARTICIPANT, NOW).action())
                .isEqualTo(SanctionAction.FOLD_CONTENT);
    }

    @Test
    void strikesExpireExactlyAtTheirWindow() {
        Instant minorAt = NOW.minus(Duration.ofDays(90));
        Strike justExpired = new Strike("d-1", MINOR, minorAt);
        Strike stillIn = new Strike("d-2", MINOR, minorAt.plusNanos(1));
        assertThat(LADDER.inForce(justExpired, NOW)).isFalse();
        assertThat(LADDER.inForce(stillIn, NOW)).isTrue();
        // expired: the first minor offence again, tolerated
        Sanction s = LADDER.next(List.of(justExpired), offence(MINOR), PARTICIPANT, NOW);
        assertThat(s.action()).isEqualTo(SanctionAction.WARN);
        assertThat(s.reasoning().expiredStrikes()).isEqualTo(1);
        assertThat(LADDER.next(List.of(stillIn), offence(MINOR), PARTICIPANT, NOW).action())
                .isEqualTo(SanctionAction.REMOVE_CONTENT);
        // moderate strikes last 180 days, serious 365
        assertThat(LADDER.inForce(strike(MODERATE, Duration.ofDays(180)), NOW)).isFalse();
        assertThat(LADDER.inForce(strike(MODERATE, Duration.ofDays(179)), NOW)).isTrue();
        assertThat(LADDER.inForce(strike(SERIOUS, Duration.ofDays(364)), NOW)).isTrue();
        assertThat(LADDER.inForce(strike(SERIOUS, Duration.ofDays(365)), NOW)).isFalse();
    }

    @Test
    void batchDecidesEveryoneInAPileOnByRole() {
        List<SanctionLadder.BatchDecision> out = LADDER.batch(List.of(
                new SanctionLadder.Subject("u-1", FIRST_POSTER, List.of()),
                new SanctionLadder.Subject("u-2", INCITER, List.of(strike(SERIOUS, Duration.ofDays(40)))),
                new SanctionLadder.Subject("u-3", REPEAT_POSTER, List.of()),
                new SanctionLadder.Subject("u-4", PARTICIPANT, List.of()),
                new SanctionLadder.Subject("u-5", PARTICIPANT, List.of(strike(MINOR, Duration.ofDays(100))))),
                offence(MODERATE), NOW);
        assertThat(out).extracting(SanctionLadder.BatchDecision::account).containsExactly("u-1", "u-2", "u-3", "u-4", "u-5");
        assertThat(out).extracting(d -> d.sanction().describe(Locale.CHINESE))
                .containsExactly("禁言7天", "暂停私信30天", "禁言1天", "删除内容", "删除内容");
    }

    @Test
    void aLadderFileReadsAndTheDefaultsRoundTrip() throws IOException {
        SanctionLadder l = SanctionLadder.parse(new StringReader("""
                step warn                 from 0
                step remove-content       from 2
                step mute 7d              from 4
                step mute forever         from 10
                step close-account        from 16
                step refer-to-police      grave
                weight   moderate 3
                expires  minor 30d
                role     inciter 1
                tolerate-first-minor no
                """), "ladder.txt");
        assertThat(l.steps()).hasSize(6);
        assertThat(l.steps().get(2)).isEqualTo(new SanctionLadder.Step(SanctionAction.MUTE, Optional.of(Duration.ofDays(7)), 4, false));
        assertThat(l.steps().get(3).duration()).isEmpty();
        assertThat(l.weight(MODERATE)).isEqualTo(3);
        assertThat(l.weight(SERIOUS)).isEqualTo(4);
        assertThat(l.expiry(MINOR)).isEqualTo(Duration.ofDays(30));
        assertThat(l.roleSteps(INCITER)).isEqualTo(1);
        assertThat(l.next(List.of(), offence(MINOR), PARTICIPANT, NOW).action()).isEqualTo(SanctionAction.WARN);
        assertThat(l.next(List.of(), offence(MODERATE), PARTICIPANT, NOW).action()).isEqualTo(SanctionAction.REMOVE_CONTENT);

        SanctionLadder again = SanctionLadder.parse(new StringReader(LADDER.format()), "defaults.txt");
        assertThat(again.steps()).isEqualTo(LADDER.steps());
        assertThat(again.format()).isEqualTo(LADDER.format());
    }

    @Test
    void badLadderFilesNameTheLineAndTheLimit() {
        assertBad("step mute from 3\n", "l.txt:1: mute needs a duration (such as 7d) or forever");
        assertBad("step warn 1d from 0\n", "l.txt:1: only mute and suspend-dms take a duration, warn does not");
        assertBad("step warn from\n", "l.txt:1: expected: step ACTION [DURATION] (from POINTS | grave)");
        assertBad("weight minor 0\n", "l.txt:1: the weight of minor must be in [1, 1000], was 0");
        assertBad("role inciter -1\n", "l.txt:1: the steps of role inciter must be in [0, 64], was -1");
        assertBad("expires minor 0d\n", "l.txt:1: expiry must be a whole number above 0 (up to 6 digits) followed by m, h or d,"
                + " such as 2h or 30d; was '0d'");
        assertBad("weight moderate 5\n", "l.txt: the weight of serious (4) must not be below that of moderate (5)");
        assertBad("expires minor 200d\n", "l.txt: the expiry of moderate (180d) must not be shorter than that of minor (200d)");
        assertBad("tolerate-first-minor maybe\n", "l.txt:1: tolerate-first-minor must be yes or no, was 'maybe'");
        assertBad("\nban u-1\n", "l.txt:2: unknown setting 'ban': use step, weight, expires, role or tolerate-first-minor");
        assertBad("step mute 7d from 0\nstep warn from 2\n",
                "l.txt: step 1 (warn) is milder than step 0 (mute): the ladder must only go up");
        assertBad("step mute 7d from 0\nstep suspend-dms 7d from 1\nstep mute 1d from 2\n",
                "l.txt: step 2 (mute) is milder than step 0 (mute): the ladder must only go up");
        assertBad("step mute forever from 0\nstep mute 1d from 2\n",
                "l.txt: step 1 (mute) is milder than step 0 (mute): the ladder must only go up");
        assertBad("step warn from 0\nstep mute 1d from 0\n", "l.txt: step 1 (mute) must start above 0 points, was 0");
        assertBad("step warn from 1\n", "l.txt: the first step must be from 0 points and not for grave offences only");
        assertBad("step warn from 0\nstep refer-to-police grave\nstep close-account from 9\n",
                "l.txt: step 2 (close-account) is milder than step 1 (refer-to-police): the ladder must only go up");
        assertBad("step warn from 0\nstep close-account grave\nstep refer-to-police from 9\n",
                "l.txt: step 2 (refer-to-police) comes after a step for grave offences only: those must be last");
    }

    private static void assertBad(String text, String message) {
        assertThatThrownBy(() -> SanctionLadder.parse(new StringReader(text), "l.txt")).hasMessage(message);
    }
}
