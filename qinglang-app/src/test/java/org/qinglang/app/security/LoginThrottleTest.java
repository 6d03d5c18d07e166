package org.qinglang.app.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Five failures in a row lock a user name and address pair, each further one twice as long, at most 15 minutes. */
class LoginThrottleTest {

    /** A clock the test moves on. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void locksAfterFiveFailuresDoublingUpToFifteenMinutesAndASuccessClearsIt() {
        Hand clock = new Hand();
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            t.failed("Alice", "10.0.0.1");
            assertThat(t.lockedFor("alice", "10.0.0.1")).as("after %d failures", i).isEmpty();
        }
        t.failed("alice", "10.0.0.1");
        assertThat(t.lockedFor("alice", "10.0.0.1")).contains(Duration.ofMinutes(1));
        assertThat(t.lockedFor("alice", "10.0.0.2")).as("another address").isEmpty();
        assertThat(t.lockedFor("bob", "10.0.0.1")).as("another user name").isEmpty();

        clock.now = clock.now.plusSeconds(59);
        assertThat(t.lockedFor("alice", "10.0.0.1")).contains(Duration.ofSeconds(1));
        clock.now = clock.now.plusSeconds(1);
        assertThat(t.lockedFor("alice", "10.0.0.1")).isEmpty();
        t.failed("alice", "10.0.0.1");
        assertThat(t.lockedFor("alice", "10.0.0.1")).contains(Duration.ofMinutes(2));
        for (int i = 0; i < 20; i++) {
            t.failed("alice", "10.0.0.1");
        }
        assertThat(t.lockedFor("alice", "10.0.0.1")).contains(LoginThrottle.MAX_LOCK);

        t.succeeded("alice", "10.0.0.1");
        assertThat(t.lockedFor("alice", "10.0.0.1")).isEmpty();
        t.failed("alice", "10.0.0.1");
        assertThat(t.lockedFor("alice", "10.0.0.1")).as("the count starts again").isEmpty();
    }

    @Test
    void remembersAtMostItsBoundOfPairs() {
        LoginThrottle t = new LoginThrottle(new Hand());
        for (int f = 0; f < LoginThrottle.FREE_FAILURES; f++) {
            t.failed("first", "a");
        }
        assertThat(t.lockedFor("first", "a")).isPresent();
        for (int i = 0; i < LoginThrottle.MAX_KEYS; i++) {
            t.failed("u" + i, "a");
        }
        assertThat(t.lockedFor("first", "a")).as("the least recently seen pair is dropped").isEmpty();
    }
}
