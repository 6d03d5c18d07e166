package org.qinglang.core.stream;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stateful detector, written as a pure function of (its keyed state, one event, the time) → (new state,
 * alerts, timers). It holds no clock and no state of its own between calls: the host keeps one state per
 * key and hands it in, so the same class runs in the in-process {@link StreamRuntime} and in a thin Flink
 * {@code KeyedProcessFunction}.
 *
 * <p>Contract for hosts: calls for one key are never concurrent; {@code now} never goes back; a state is
 * only ever handed to the calls of the key it was created for. A detector may change the state object it
 * is handed and return it (cheaper than copying), so a host that must keep the old state (a snapshot) copies
 * it first.
 *
 * @param <S> the state kept per key
 */
public interface Detector<S> {

    /** The key of an event (the target account for a pile-on), or empty if this detector ignores it. */
    Optional<String> keyOf(Event event);

    /** A fresh state for {@code key}, first seen at {@code now}. */
    S start(String key, Instant now);

    /**
     * One event for the key of {@code state}. {@code now} is the host's event-time clock (the watermark),
     * at or after the events already seen; {@code event.ts()} may be a little earlier when events arrive out
     * of order.
     */
    Step<S> onEvent(S state, Event event, Instant now);

    /** A timer set by an earlier {@link Step} has come due: {@code now} has reached {@code time}. */
    default Step<S> onTimer(S state, Instant time, Instant now) {
        return Step.keep(state);
    }

    /**
     * True if, while a host reads stored events back ({@link StreamRuntime#catchingUp}, a server's warm start), the
     * timers of this detector that come due may run once per key at the end, at the clock then, instead of one by
     * one in time order: for a detector whose timer analyses its whole window afresh, so that each run supersedes
     * the one before and reading a day back costs one analysis, not one per period. Such a detector's
     * {@link #onTimer} may then be called at a time none of its timers named, and should cover what it would have
     * covered at its last timer by then, leaving what came after to a timer of its own (the host holds back the
     * alerts of that run as already raised). Default false: every timer runs in time order, as when the events first
     * came.
     */
    default boolean catchUpOnce() {
        return false;
    }

    /**
     * The host is evicting the key because it has been quiet too long: the last alerts to emit (closing an
     * open alert, say). The state is dropped afterwards.
     */
    default List<Alert> onEvict(S state, Instant now) {
        return List.of();
    }
}
