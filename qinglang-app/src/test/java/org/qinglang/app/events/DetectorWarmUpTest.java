package org.qinglang.app.events;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.qinglang.app.stream.DetectorHost;
import org.qinglang.app.stream.JudgedVerdicts;
import org.qinglang.app.stream.TestHosts;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Detector;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.EventType;
import org.qinglang.core.stream.Step;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;


import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The warm start against the real event table: events sent before a restart are read back into a new host's
 * detectors with their alerts held back, so the detectors go on where they were (the next level is raised, the
 * last one not again); events older than the warm-up are not read, and an event stamped ahead comes back at most a
 * minute after it was received.
 */
@WebTest
class DetectorWarmUpTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    EventStore store;
    @Autowired
    PlatformTransactionManager transactions;

    /** Counts the events on accounts starting {@code warm-}: a warning at the third, severe at the fifth. */
    static final class Counting implements Detector<int[]> {
        final Map<String, List<Instant>> seen = new ConcurrentHashMap<>();

        @Override
        public Optional<String> keyOf(Event event) {
            String a = event.target().account();
            return a.startsWith("warm-") ? Optional.of(a) : Optional.empty();
        }

        @Override
        public int[] start(String key, Instant now) {
            return new int[1];
        }

        @Override
        public Step<int[]> onEvent(int[] state, Event event, Instant now) {
            seen.computeIfAbsent(event.target().account(), k -> new CopyOnWriteArrayList<>()).add(event.ts());
            state[0]++;
            Alert.Level level = state[0] == 3 ? Alert.Level.WARNING : state[0] == 5 ? Alert.Level.SEVERE : null;
            if (level == null) {
                return Step.keep(state);
            }
            return Step.of(state, List.of(new Alert(event.ts(), Alert.Kind.PILEON, event.target().account(), level,
                    new Alert.Evidence(Map.of(), List.of()), Map.of())), List.of());
        }
    }

    private final Counting detector = new Counting();
    private final List<Alert> delivered = new CopyOnWriteArrayList<>();

    private final List<DetectorHost> made = new ArrayList<>();

    @AfterEach
    void stopHosts() {
        made.forEach(DetectorHost::stop);
    }

    /** A host as a restarted server makes it: new detectors, nothing in them. */
    private DetectorHost freshHost() {
        DetectorHost host = TestHosts.of(detector, delivered::add, new JudgedVerdicts(), Duration.ofMinutes(1));
        made.add(host);
        return host;
    }

    private void send(String account, String id, Instant ts) throws Exception {
        String ingest = keys.create("warm ingest", Set.of(Scope.INGEST), "test").secret();
        mvc.perform(post("/api/v1/events").header("X-Api-Key", ingest).contentType(MediaType.APPLICATION_JSON)
                .content("[{\"id\":\"" + id + "\",\"type\":\"comment\",\"ts\":\"" + ts + "\",\"actor\":\"a-" + id
                        + "\",\"target\":{\"account\":\"" + account + "\"},\"text\":\"第" + id + "条\"}]"))
                .andExpect(status().isAccepted());
    }

    @Test
    void aRestartedHostGoesOnWhereTheLastOneWas() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 4; i++) {
            send("warm-victim", "warm-v" + i, now.minus(Duration.ofHours(3)).plusSeconds(60L * i));
        }
        send("warm-old", "warm-o1", now.minus(Duration.ofHours(30)));
        send("warm-ahead", "warm-a1", now.plus(Duration.ofMinutes(50)));

        DetectorHost host = freshHost();
        DetectorWarmUp warmUp = new DetectorWarmUp(store, host, transactions, Duration.ofHours(24), 1_000_000);
        DetectorWarmUp.Done done = warmUp.warmUp().orElseThrow();

        assertThat(detector.seen.get("warm-victim")).hasSize(4);
        assertThat(detector.seen).doesNotContainKey("warm-old"); // older than the warm-up
        Instant ahead = detector.seen.get("warm-ahead").get(0);
        assertThat(ahead).isBefore(now.plus(Duration.ofMinutes(5))).isAfter(now.minus(Duration.ofMinutes(5)));
        assertThat(done.heldBack()).isGreaterThanOrEqualTo(1); // the warning, raised when the events first came
        assertThat(delivered).isEmpty();

        // the fifth event after the restart: severe, as it would have been without one
        host.accept(List.of(Event.builder("warm-v4", EventType.COMMENT, now.minus(Duration.ofHours(2)))
                .actor("a-5").target("warm-victim", "").text("第5条").build()), Map.of());
        host.settle();
        assertThat(delivered).extracting(Alert::target, Alert::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("warm-victim", Alert.Level.SEVERE));
    }

    @Test
    void offOrWithALimitOfNoneItReadsNothing() {
        assertThat(new DetectorWarmUp(store, freshHost(), transactions, Duration.ZERO, 10).warmUp()).isEmpty();
        assertThat(new DetectorWarmUp(store, freshHost(), transactions, Duration.ofHours(1), 0).warmUp()).isEmpty();
        List<Event> none = new ArrayList<>();
        assertThat(freshHost().replay(none)).isZero();
    }
}
