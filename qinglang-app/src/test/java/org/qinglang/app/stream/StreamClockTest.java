package org.qinglang.app.stream;

import org.junit.jupiter.api.Test;
import org.qinglang.app.protection.MutableClock;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Detector;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.EventType;
import org.qinglang.core.stream.Step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler's tick moves the host's clock to the wall clock, so a timer fires with no event coming. */
class StreamClockTest {

    static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    /** Sets a timer ten minutes after each event; raises a watch alert when it fires. */
    static final class TenMinutes implements Detector<String> {
        @Override
        public Optional<String> keyOf(Event event) {
            return Optional.of(event.target().account());
        }

        @Override
        public String start(String key, Instant now) {
            return key;
        }

        @Override
        public Step<String> onEvent(String state, Event event, Instant now) {
            return Step.of(state, List.of(), List.of(event.ts().plus(Duration.ofMinutes(10))));
        }

        @Override
        public Step<String> onTimer(String state, Instant time, Instant now) {
            return Step.of(state, List.of(new Alert(time, Alert.Kind.PILEON, state, Alert.Level.WATCH,
                    new Alert.Evidence(Map.of(), List.of()), Map.of())), List.of());
        }
    }

    @Test
    void aTickFiresTheTimersDueByTheWallClock() {
        List<Alert> got = new CopyOnWriteArrayList<>();
        DetectorHost host = TestHosts.of(new TenMinutes(), got::add, new JudgedVerdicts(), Duration.ZERO);
        MutableClock clock = new MutableClock(T0);
        StreamClock ticks = new StreamClock(host, clock, Duration.ofMinutes(1));
        host.accept(List.of(Event.builder("e-1", EventType.COMMENT, T0).actor("u-1").target("u-9", "p-1").build()),
                Map.of());
        host.settle();
        assertThat(got).isEmpty();

        clock.advance(Duration.ofMinutes(10));
        assertThat(ticks.tick()).as("a minute behind the wall clock: a late event in flight is not behind it")
                .isEqualTo(T0.plus(Duration.ofMinutes(9)));
        host.settle();
        assertThat(got).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        ticks.tick();
        host.settle();
        assertThat(got).singleElement().satisfies(a -> {
            assertThat(a.target()).isEqualTo("u-9");
            assertThat(a.ts()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        });
        ticks.tick(); // fired once only
        host.settle();
        assertThat(got).hasSize(1);
        host.stop();
    }
}
