package org.qinglang.app.stream;

import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Detector;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.Step;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test-only detector, registered in the shared test context by component scanning: counts the events on a
 * target account whose id starts with {@code hosting-}, raises a pile-on warning at the third and severe at
 * the fifth. Deterministic, unlike the real monitor (also registered), so the hosting itself can be tested exactly.
 */
@Component
class BurstDetector implements Detector<int[]> {

    @Override
    public Optional<String> keyOf(Event event) {
        String a = event.target().account();
        return a.startsWith("hosting-") ? Optional.of(a) : Optional.empty();
    }

    @Override
    public int[] start(String key, Instant now) {
        return new int[1];
    }

    @Override
    public Step<int[]> onEvent(int[] state, Event event, Instant now) {
        state[0]++;
        Alert.Level level = state[0] == 3 ? Alert.Level.WARNING : state[0] == 5 ? Alert.Level.SEVERE : null;
        if (level == null) {
            return Step.keep(state);
        }
        Alert a = new Alert(event.ts(), Alert.Kind.PILEON, event.target().account(), level,
                new Alert.Evidence(Map.of("events", (double) state[0]), List.of()), Map.of(event.actor(), Alert.Role.PARTICIPANT));
        return Step.of(state, List.of(a), List.of());
    }
}
