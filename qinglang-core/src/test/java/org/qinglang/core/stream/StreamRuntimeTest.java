package org.qinglang.core.stream;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamRuntimeTest {

    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    /**
     * Counts events per target account; raises a WATCH alert at the third, sets a timer one minute after
     * each event that closes the alert if nothing came meanwhile, and ends the story on a "post" by the
     * target itself.
     */
    static final class Counter implements Detector<Counter.State> {
        static final class State {
            final String key;
            int count;
            Instant last;
            final List<Instant> seenNow = new ArrayList<>();

            State(String key) {
                this.key = key;
            }
        }

        static Optional<String> keyOfStatic(Event e) {
            return e.target().account().isEmpty() ? Optional.empty() : Optional.of(e.target().account());
        }

        @Override
        public Optional<String> keyOf(Event e) {
            return keyOfStatic(e);
        }

        @Override
        public State start(String key, Instant now) {
            return new State(key);
        }

        @Override
        public Step<State> onEvent(State s, Event e, Instant now) {
            s.seenNow.add(now);
            if (e.type() == EventType.POST) {
                return Step.end(List.of(alert(s, Alert.Level.CLOSED, now)));
            }
            s.count++;
            s.last = e.ts();
            List<Alert> out = s.count == 3 ? List.of(alert(s, Alert.Level.WATCH, now)) : List.of();
            return Step.of(s, out, List.of(e.ts().plusSeconds(60)));
        }

        @Override
        public Step<State> onTimer(State s, Instant time, Instant now) {
            if (s.count >= 3 && !s.last.plusSeconds(60).isAfter(time)) {
                return Step.of(s, List.of(alert(s, Alert.Level.CLOSED, now)), List.of());
            }
            return Step.keep(s);
        }

        @Override
        public List<Alert> onEvict(State s, Instant now) {
            return List.of(new Alert(now, Alert.Kind.PILEON, s.key, Alert.Level.CLOSED,
                    new Alert.Evidence(Map.of("evicted", 1.0), List.of()), Map.of()));
        }

        private static Alert alert(State s, Alert.Level level, Instant now) {
            return new Alert(now, Alert.Kind.PILEON, s.key, level,
                    new Alert.Evidence(Map.of("count", (double) s.count), List.of()), Map.of());
        }
    }

    private static Event comment(String id, String account, long seconds) {
        return Event.builder(id, EventType.COMMENT, T0.plusSeconds(seconds)).actor("a").target(account, "p").build();
    }

    /** Analyses its key's events every 10 minutes (one timer pending at a time), as the coordination detector does. */
    static final class Periodic implements Detector<List<Instant>> {
        final List<Instant> runs = new ArrayList<>();

        @Override
        public Optional<String> keyOf(Event e) {
            return Optional.of("all");
        }

        @Override
        public List<Instant> start(String key, Instant now) {
            return new ArrayList<>();
        }

        @Override
        public Step<List<Instant>> onEvent(List<Instant> pending, Event e, Instant now) {
            if (!pending.isEmpty()) {
                return Step.keep(pending);
            }
            pending.add(e.ts().plusSeconds(600));
            return Step.of(pending, List.of(), List.of(pending.get(0)));
        }

        @Override
        public Step<List<Instant>> onTimer(List<Instant> pending, Instant time, Instant now) {
            pending.clear();
            runs.add(time);
            return Step.of(pending, List.of(new Alert(time, Alert.Kind.COORDINATION, "all", Alert.Level.WARNING,
                    new Alert.Evidence(Map.of(), List.of()), Map.of())), List.of());
        }

        @Override
        public boolean catchUpOnce() {
            return true;
        }
    }

    @Test
    void catchingUpRunsAPeriodicAnalysisOnceAtTheEnd() {
        Periodic live = new Periodic();
        StreamRuntime<List<Instant>> asLive = new StreamRuntime<>(live, Duration.ofHours(2));
        Periodic warm = new Periodic();
        StreamRuntime<List<Instant>> catching = new StreamRuntime<>(warm, Duration.ofHours(2));
        catching.catchingUp();
        List<Alert> held = new ArrayList<>();
        for (int i = 0; i <= 60; i++) { // an hour of events, one a minute
            asLive.accept(comment("e" + i, "u-1", 60L * i));
            held.addAll(catching.accept(comment("e" + i, "u-1", 60L * i)));
        }
        assertThat(live.runs).hasSize(6); // at 10, 20, … 60 minutes
        assertThat(warm.runs).isEmpty();
        assertThat(held).isEmpty();
        List<Alert> last = catching.caughtUp();
        assertThat(warm.runs).containsExactly(T0.plusSeconds(3600)); // once, at the clock then
        assertThat(last).hasSize(1);
        // after it, timers run as live again: the next event sets one, and it fires in its turn
        catching.accept(comment("f", "u-1", 3700));
        catching.advanceTo(T0.plusSeconds(4300));
        assertThat(warm.runs).hasSize(2);
        assertThat(catching.caughtUp()).isEmpty();
    }

    @Test
    void catchingUpLeavesTheTimersOfOtherDetectorsAlone() {
        StreamRuntime<Counter.State> rt = new StreamRuntime<>(new Counter(), Duration.ofHours(1));
        rt.catchingUp();
        for (int i = 0; i < 3; i++) {
            rt.accept(comment("" + i, "u-1", i));
        }
        assertThat(rt.accept(comment("x", "u-2", 300))).extracting(Alert::level).containsExactly(Alert.Level.CLOSED);
        assertThat(rt.caughtUp()).isEmpty();
    }

    @Test
    void keysDoNotLeakIntoEachOther() {
        StreamRuntime<Counter.State> rt = new StreamRuntime<>(new Counter(), Duration.ofHours(1));
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.addAll(rt.accept(comment("a" + i, "u-1", i)));
            out.addAll(rt.accept(comment("b" + i, "u-2", i)));
        }
        assertThat(out).extracting(Alert::target).containsExactly("u-1", "u-2");
        assertThat(rt.state("u-1").orElseThrow().count).isEqualTo(3);
        assertThat(rt.state("u-2").orElseThrow().count).isEqualTo(3);
        assertThat(rt.activeKeys()).isEqualTo(2);
    }

    @Test
    void timersFireWhenEventTimeReachesThemAndNowIsTheWatermark() {
        StreamRuntime<Counter.State> rt = new StreamRuntime<>(new Counter(), Duration.ofHours(1));
        rt.accept(comment("1", "u-1", 0));
        rt.accept(comment("2", "u-1", 10));
        assertThat(rt.accept(comment("3", "u-1", 20))).extracting(Alert::level).containsExactly(Alert.Level.WATCH);
        assertThat(rt.advanceTo(T0.plusSeconds(79))).isEmpty(); // the last timer is at 80 s
        List<Alert> closed = rt.advanceTo(T0.plusSeconds(80));
        assertThat(closed).extracting(Alert::level).containsExactly(Alert.Level.CLOSED);
        assertThat(closed.get(0).ts()).isEqualTo(T0.plusSeconds(80));
        assertThat(rt.watermark()).isEqualTo(T0.plusSeconds(80));
        assertThat(rt.state("u-1").orElseThrow().seenNow)
                .containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20));
    }

    @Test
    void timersDueBeforeAnEventFireBeforeIt() {
        StreamRuntime<Counter.State> rt = new StreamRuntime<>(new Counter(), Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            rt.accept(comment("" + i, "u-1", i));
        }
        // an event on another key at 5 min brings the timer of u-1 (at 62 s) due first
        List<Alert> out = rt.accept(comment("x", "u-2", 300));
        assertThat(out).extracting(Alert::level).containsExactly(Alert.Level.CLOSED);
        assertThat(out.get(0).ts()).isEqualTo(T0.plusSeconds(62));
    }

    @Test
    void endingTheStoryClearsTheState() {
        StreamRuntime<Counter.State> rt = new StreamRuntime<>(new Counter(), Duration.ofHours(1));
        rt.accept(comment("1", "u-1", 0));
        List<Alert> out = rt.accept(Event.builder("p", EventType.POST, T0.plusSeconds(5)).actor("u-1")
                .target("u-1", "p-2").build());
        assertThat(out).extracting(Alert::level).containsExactly(Alert.Level.CLOSED);
        assertThat(rt.state("u-1")).isEmpty();
        assertThat(rt.advanceTo(T0.plusSeconds(600))).isEmpty(); // the old timer lapses with the state
        rt.accept(comment("2", "u-1", 700));
        assertThat(rt.state("u-1").orElseThrow().count).isEqualTo(1); // a fresh story
    }

    @Test
    void quietKeysAreEvictedAndActiveOnesKept() {
        StreamRuntime<Counter.State> rt = new StreamRuntime<>(new Counter(), Duration.ofMinutes(10));
        rt.accept(comment("1", "quiet", 0));
        rt.accept(comment("2", "busy", 0));
        for (int m = 1; m <= 15; m++) {
            List<Alert> out = rt.accept(comment("b" + m, "busy", m * 60L));
            boolean quietEvicted = out.stream().anyMatch(a -> a.target().equals("quiet")
                    && a.evidence().figures().containsKey("evicted"));
            assertThat(quietEvicted).as("quiet evicted at minute %d", m).isEqualTo(m == 10);
            assertThat(rt.state("quiet").isPresent()).isEqualTo(m < 10);
        }
        assertThat(rt.state("quiet")).isEmpty();
        assertThat(rt.state("busy")).isPresent();
        List<Alert> end = rt.advanceTo(Instant.MAX);
        assertThat(end).extracting(Alert::target).contains("busy");
        assertThat(rt.activeKeys()).isZero();
    }

    @Test
    void evictionGivesTheDetectorItsLastWord() {
        StreamRuntime<Counter.State> rt = new StreamRuntime<>(new Counter(), Duration.ofMinutes(10));
        rt.accept(comment("1", "u-1", 0));
        List<Alert> out = rt.advanceTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.evidence().figures()).containsEntry("evicted", 1.0);
            assertThat(a.ts()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        });
    }

    @Test
    void lateEventsAreProcessedAtTheWatermarkAndLatenessHoldsItBack() {
        StreamRuntime<Counter.State> rt = new StreamRuntime<>(new Counter(), Counter::keyOfStatic,
                Duration.ofHours(1), Duration.ofSeconds(30));
        rt.accept(comment("1", "u-1", 100));
        assertThat(rt.watermark()).isEqualTo(T0.plusSeconds(70));
        rt.accept(comment("2", "u-1", 90)); // out of order, within the lateness: the clock does not move back
        assertThat(rt.watermark()).isEqualTo(T0.plusSeconds(70));
        assertThat(rt.state("u-1").orElseThrow().count).isEqualTo(2);
    }

    @Test
    void eventsWithoutAKeyAreIgnored() {
        StreamRuntime<Counter.State> rt = new StreamRuntime<>(new Counter(), Duration.ofHours(1));
        assertThat(rt.accept(Event.builder("1", EventType.LIKE, T0).target("", "p-1").build())).isEmpty();
        assertThat(rt.activeKeys()).isZero();
        assertThat(rt.watermark()).isEqualTo(T0);
    }

    @Test
    void badSettingsAreExplained() {
        assertThatThrownBy(() -> new StreamRuntime<>(new Counter(), Duration.ZERO))
                .hasMessage("idleTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> new StreamRuntime<>(new Counter(), Counter::keyOfStatic, Duration.ofMinutes(1),
                Duration.ofSeconds(-1))).hasMessage("lateness must be zero or more, was PT-1S");
    }
}
