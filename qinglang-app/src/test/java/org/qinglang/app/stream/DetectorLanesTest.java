package org.qinglang.app.stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Detector;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.EventType;
import org.qinglang.core.stream.Step;
import org.qinglang.core.verdict.RiskLevel;
import org.qinglang.core.verdict.Suggestion;
import org.qinglang.core.verdict.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host's lanes: a detector at work (a coordination analysis takes seconds) does not hold up the thread that hands
 * batches over, batches go through in the order handed, the verdicts handed with a batch reach the detector on its
 * lane, and a full lane makes the handing thread wait rather than drop anything.
 */
class DetectorLanesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    /** Waits for {@link #release} at an event with text "wait"; keeps every event id and whether it had a verdict. */
    static final class Slow implements Detector<int[]> {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch waiting = new CountDownLatch(1);
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<Boolean> judged = new CopyOnWriteArrayList<>();
        JudgedVerdicts verdicts;

        @Override
        public Optional<String> keyOf(Event event) {
            return Optional.of("k");
        }

        @Override
        public int[] start(String key, Instant now) {
            return new int[1];
        }

        @Override
        public Step<int[]> onEvent(int[] state, Event event, Instant now) {
            if (event.text().equals("wait")) {
                waiting.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.add(event.id());
            judged.add(verdicts.of(event.id()).isPresent());
            return Step.of(state, List.of(new Alert(event.ts(), Alert.Kind.PILEON, "k", Alert.Level.WATCH,
                    new Alert.Evidence(Map.of(), List.of()), Map.of())), List.of());
        }
    }

    private final Slow slow = new Slow();
    private final List<Alert> delivered = new CopyOnWriteArrayList<>();
    private DetectorHost host;

    private DetectorHost host() {
        JudgedVerdicts judged = new JudgedVerdicts();
        slow.verdicts = judged;
        host = TestHosts.of(slow, delivered::add, judged, Duration.ZERO);
        return host;
    }

    @AfterEach
    void stop() {
        slow.release.countDown();
        if (host != null) {
            host.stop();
        }
    }

    private static List<Event> batch(String id, String text) {
        return List.of(Event.builder(id, EventType.COMMENT, T0).actor("u").target("v", "").text(text).build());
    }

    @Test
    void aBusyDetectorDoesNotHoldUpTheHandingThread() throws Exception {
        DetectorHost h = host();
        h.accept(batch("e-1", "wait"), Map.of());
        assertThat(slow.waiting.await(10, TimeUnit.SECONDS)).isTrue();
        long before = System.nanoTime();
        h.accept(batch("e-2", "next"), Map.of());
        h.accept(batch("e-3", "and next"), Map.of());
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThat(slow.seen).isEmpty();
        assertThat(delivered).isEmpty();

        slow.release.countDown();
        h.settle();
        assertThat(slow.seen).containsExactly("e-1", "e-2", "e-3");
        assertThat(delivered).hasSize(3);
    }

    @Test
    void aFullLaneMakesTheHandingThreadWaitAndDropsNothing() throws Exception {
        DetectorHost h = host();
        h.accept(batch("e-0", "wait"), Map.of());
        assertThat(slow.waiting.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= DetectorHost.QUEUED; i++) {
            h.accept(batch("e-" + i, "x"), Map.of());
        }
        Thread late = new Thread(() -> h.accept(batch("e-late", "x"), Map.of()));
        late.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (late.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(late.getState()).as("waits for room in the full lane").isEqualTo(Thread.State.WAITING);
        assertThat(slow.seen).isEmpty();

        slow.release.countDown();
        late.join(10_000);
        assertThat(late.isAlive()).isFalse();
        h.settle();
        assertThat(slow.seen).hasSize(DetectorHost.QUEUED + 2).endsWith("e-late");
    }

    @Test
    void afterStopABatchIsRefusedQuietlyAndCounted() {
        DetectorHost h = host();
        h.stop();
        h.accept(batch("e-1", "x"), Map.of()); // the batch is committed: nothing may throw at its sender
        assertThat(slow.seen).isEmpty();
    }

    @Test
    void theVerdictsHandedWithABatchReachTheDetectorOnItsLane() {
        DetectorHost h = host();
        Verdict given = new Verdict(Suggestion.BLOCK, RiskLevel.HIGH, List.of(), true);
        h.accept(batch("e-1", "x"), Map.of("e-1", given));
        h.accept(batch("e-2", "x"), Map.of());
        h.settle();
        assertThat(slow.judged).containsExactly(true, false);
    }
}
