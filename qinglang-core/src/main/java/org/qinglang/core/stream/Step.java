package org.qinglang.core.stream;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Detector} returns for one event or timer: the key's new state (or none: the story has
 * ended and the state is cleared), the alerts to emit, and the timers to set (event times at which the
 * detector wants to be called back for this key).
 *
 * @param state  the new state, or empty to clear it
 * @param alerts the alerts to emit, in order
 * @param timers the event times to be called back at; a time already set for the key is set once
 */
public record Step<S>(Optional<S> state, List<Alert> alerts, List<Instant> timers) {

    public Step {
        Objects.requireNonNull(state, "state");
        alerts = List.copyOf(alerts);
        timers = List.copyOf(timers);
    }

    /** Keep {@code state}; nothing to emit, no timer. */
    public static <S> Step<S> keep(S state) {
        return new Step<>(Optional.of(state), List.of(), List.of());
    }

    /** Keep {@code state}, emit {@code alerts}, set {@code timers}. */
    public static <S> Step<S> of(S state, List<Alert> alerts, List<Instant> timers) {
        return new Step<>(Optional.of(state), alerts, timers);
    }

    /** The story has ended: emit {@code alerts} and clear the state (its timers are deleted too). */
    public static <S> Step<S> end(List<Alert> alerts) {
        return new Step<>(Optional.empty(), alerts, List.of());
    }
}
