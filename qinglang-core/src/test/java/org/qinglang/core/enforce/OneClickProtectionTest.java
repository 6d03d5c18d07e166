package org.qinglang.core.enforce;

import org.junit.jupiter.api.Test;
import org.qinglang.core.verdict.Context;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qinglang.core.enforce.ProtectionDecision.ALLOW;
import static org.qinglang.core.enforce.ProtectionDecision.DENY;
import static org.qinglang.core.enforce.ProtectionDecision.HOLD;

class OneClickProtectionTest {

    private static final Instant ON = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant DURING = ON.plus(Duration.ofHours(1));

    /**
     * Who each audience screens; columns in {@link ActorRelation} order: self, mutual, follower, new follower,
     * followed, stranger.
     */
    private static final String[] SCREENED = {
            "STRANGERS       - - - x - x",
            "NON_FOLLOWERS   - - - x x x",
            "ALL_BUT_MUTUAL  - - x x x x"};

    @Test
    void everyAudienceRelationAndAction() {
        int checked = 0;
        for (String row : SCREENED) {
            String[] f = row.trim().split("\\s+");
            ProtectionAudience audience = ProtectionAudience.valueOf(f[0]);
            // one treatment of each kind, and one action left alone
            ProtectionSettings s = ProtectionSettings.builder(audience)
                    .treat(ProtectedAction.COMMENT, HOLD)
                    .treat(ProtectedAction.DM, DENY)
                    .treat(ProtectedAction.MENTION, HOLD)
                    .on(ProtectionPeriod.DAYS_7, ON);
            ProtectionDecision[] whenScreened = {HOLD, DENY, ALLOW, HOLD};   // comment, dm, repost, mention
            for (ActorRelation r : ActorRelation.values()) {
                boolean screened = f[1 + r.ordinal()].equals("x");
                for (ProtectedAction a : ProtectedAction.values()) {
                    ProtectionDecision expected = screened ? whenScreened[a.ordinal()] : ALLOW;
                    assertThat(OneClickProtection.decide(s, r, a, DURING)).as(audience + " " + r + " " + a).isEqualTo(expected);
                    assertThat(audience.screens(r)).isEqualTo(screened);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(3 * 6 * 4);
    }

    @Test
    void theOneClickHoldsCommentsAndRefusesTheRestFromStrangers() {
        ProtectionSettings s = ProtectionSettings.oneClick(ProtectionPeriod.DAYS_3, ON);
        assertThat(OneClickProtection.decide(s, ActorRelation.STRANGER, ProtectedAction.COMMENT, DURING)).isEqualTo(HOLD);
        assertThat(OneClickProtection.decide(s, ActorRelation.STRANGER, ProtectedAction.DM, DURING)).isEqualTo(DENY);
        assertThat(OneClickProtection.decide(s, ActorRelation.NEW_FOLLOWER, ProtectedAction.REPOST, DURING)).isEqualTo(DENY);
        assertThat(OneClickProtection.decide(s, ActorRelation.STRANGER, ProtectedAction.MENTION, DURING)).isEqualTo(DENY);
        assertThat(OneClickProtection.decide(s, ActorRelation.FOLLOWER, ProtectedAction.DM, DURING)).isEqualTo(ALLOW);
        assertThat(OneClickProtection.decide(s, ActorRelation.MUTUAL, ProtectedAction.DM, DURING)).isEqualTo(ALLOW);
        // an unknown relation is treated as a stranger
        assertThat(OneClickProtection.decide(s, ActorRelation.of(Context.Relation.UNKNOWN), ProtectedAction.DM, DURING))
                .isEqualTo(DENY);
        assertThat(ActorRelation.of(Context.Relation.FOLLOWER)).isEqualTo(ActorRelation.FOLLOWER);
    }

    @Test
    void protectionEndsExactlyAtItsPeriod() {
        for (ProtectionPeriod p : new ProtectionPeriod[]{ProtectionPeriod.DAYS_3, ProtectionPeriod.DAYS_7, ProtectionPeriod.DAYS_30}) {
            ProtectionSettings s = ProtectionSettings.oneClick(p, ON);
            Instant end = ON.plus(p.length().orElseThrow());
            assertThat(s.until()).contains(end);
            assertThat(OneClickProtection.decide(s, ActorRelation.STRANGER, ProtectedAction.DM, end.minusNanos(1))).isEqualTo(DENY);
            assertThat(OneClickProtection.decide(s, ActorRelation.STRANGER, ProtectedAction.DM, end)).isEqualTo(ALLOW);
            assertThat(s.activeAt(end.minusNanos(1))).isTrue();
            assertThat(s.activeAt(end)).isFalse();
        }
        assertThat(ProtectionPeriod.DAYS_3.length()).contains(Duration.ofDays(3));
        ProtectionSettings forever = ProtectionSettings.oneClick(ProtectionPeriod.UNTIL_OFF, ON);
        assertThat(forever.until()).isEmpty();
        assertThat(OneClickProtection.decide(forever, ActorRelation.STRANGER, ProtectedAction.DM, ON.plus(Duration.ofDays(3650))))
                .isEqualTo(DENY);
        // not before it was turned on, and nothing when off
        assertThat(OneClickProtection.decide(forever, ActorRelation.STRANGER, ProtectedAction.DM, ON.minusNanos(1))).isEqualTo(ALLOW);
        assertThat(OneClickProtection.decide(forever, ActorRelation.STRANGER, ProtectedAction.DM, ON)).isEqualTo(DENY);
        for (ActorRelation r : ActorRelation.values()) {
            for (ProtectedAction a : ProtectedAction.values()) {
                assertThat(OneClickProtection.decide(ProtectionSettings.off(), r, a, DURING)).isEqualTo(ALLOW);
            }
        }
        assertThat(ProtectionSettings.off().until()).isEmpty();
    }

    @Test
    void remindersComeADayBeforeTheEndOrEveryThirtyDays() {
        OneClickProtection p = OneClickProtection.DEFAULT;
        ProtectionSettings three = ProtectionSettings.oneClick(ProtectionPeriod.DAYS_3, ON);
        assertThat(p.nextReminder(three, ON)).contains(ON.plus(Duration.ofDays(2)));
        assertThat(p.nextReminder(three, ON.plus(Duration.ofDays(2)).minusNanos(1))).contains(ON.plus(Duration.ofDays(2)));
        assertThat(p.nextReminder(three, ON.plus(Duration.ofDays(2)))).isEmpty();
        ProtectionSettings thirty = ProtectionSettings.oneClick(ProtectionPeriod.DAYS_30, ON);
        assertThat(p.nextReminder(thirty, ON)).contains(ON.plus(Duration.ofDays(29)));
        // a lead longer than the period reminds at the start, which has passed
        OneClickProtection early = new OneClickProtection(Duration.ofDays(7), Duration.ofDays(30));
        assertThat(early.nextReminder(three, ON.minusSeconds(1))).contains(ON);
        assertThat(early.nextReminder(three, ON)).isEmpty();

        ProtectionSettings forever = ProtectionSettings.oneClick(ProtectionPeriod.UNTIL_OFF, ON);
        assertThat(p.nextReminder(forever, ON)).contains(ON.plus(Duration.ofDays(30)));
        assertThat(p.nextReminder(forever, ON.plus(Duration.ofDays(30)))).contains(ON.plus(Duration.ofDays(60)));
        assertThat(p.nextReminder(forever, ON.plus(Duration.ofDays(45)))).contains(ON.plus(Duration.ofDays(60)));
        assertThat(p.nextReminder(ProtectionSettings.off(), ON)).isEmpty();
        assertThatThrownBy(() -> new OneClickProtection(Duration.ofDays(8), Duration.ofDays(30)))
                .hasMessage("lead must be from 1 minute to 7 days, was PT192H");
    }

    @Test
    void decideAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ProtectionSettings s = ProtectionSettings.oneClick(ProtectionPeriod.DAYS_7, ON);
        ActorRelation[] rels = ActorRelation.values();
        ProtectedAction[] acts = ProtectedAction.values();
        int sink = 0;
        for (int i = 0; i < 200_000; i++) {   // warm up
            sink += OneClickProtection.decide(s, rels[i % rels.length], acts[i % acts.length], DURING).ordinal();
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) {
            sink += OneClickProtection.decide(s, rels[i % rels.length], acts[i % acts.length], DURING).ordinal();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by a million decisions").isLessThan(4096);
    }
}
