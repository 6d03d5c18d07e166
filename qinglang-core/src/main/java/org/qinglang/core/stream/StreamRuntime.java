package org.qinglang.core.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

/**
 * The in-process host of one {@link Detector} (进程内运行时): a map of states by key, timers, and an event-time
 * clock. Time is the watermark: the latest event time seen minus the allowed lateness, or any later time
 * handed to {@link #advanceTo} (a server with no events for a while advances it from its wall clock; a test
 * advances it explicitly). Nothing here reads the wall clock.
 *
 * <p>On each event: the watermark moves forward to the event's time (less the lateness); timers due by then
 * fire in time order (keys evicted then too, see below); then the event goes to its key's detector with
 * {@code now} = the watermark. A key that has had no event for {@code idleTimeout} of event time is evicted:
 * the detector's {@link Detector#onEvict} gives its last alerts and the state and its timers are dropped,
 * so memory follows the keys that are active, not every key ever seen.
 *
 * <p>Not thread-safe: one runtime per thread (partition the keys across runtimes to use more cores).
 *
 * @param <S> the detector's state per key
 */
public final class StreamRuntime<S> {

    private final Detector<S> detector;
    private final Function<Event, Optional<String>> keys;
    private final Duration idleTimeout;
    private final Duration lateness;

    private final Map<String, Keyed<S>> states = new HashMap<>();
    private final PriorityQueue<Due> queue = new PriorityQueue<>();
    private Instant watermark = Instant.MIN;
    private long seq;
    /** While catching up with a detector that allows it: the keys whose timers came due, in the order they did. */
    private Set<String> heldTimers;

    private static final class Keyed<S> {
        S state;
        Instant lastEvent;
        final Set<Instant> timers = new HashSet<>();

        Keyed(S state, Instant lastEvent) {
            this.state = state;
            this.lastEvent = lastEvent;
        }
    }

    /** A timer (or an idle check, {@code idle} true) for a key, ordered by time then by when it was set. */
    private record Due(Instant time, long seq, String key, boolean idle) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = time.compareTo(o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /**
     * A runtime keyed by the detector's own {@link Detector#keyOf}, evicting keys quiet for
     * {@code idleTimeout}, with no lateness allowed (events are expected in time order; a late one is still
     * processed, at the current watermark).
     */
    public StreamRuntime(Detector<S> detector, Duration idleTimeout) {
        this(detector, detector::keyOf, idleTimeout, Duration.ZERO);
    }

    /**
     * @param detector    the detector to host
     * @param keys        the key of each event (empty: the event is ignored)
     * @param idleTimeout how long a key may go without events before it is evicted; positive
     * @param lateness    how far behind the latest event time the watermark stays, so that events out of order
     *                    by up to this much are still ahead of the clock; zero or more
     */
    public StreamRuntime(Detector<S> detector, Function<Event, Optional<String>> keys, Duration idleTimeout,
                         Duration lateness) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.lateness = Objects.requireNonNull(lateness, "lateness");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        if (lateness.isNegative()) {
            throw new IllegalArgumentException("lateness must be zero or more, was " + lateness);
        }
    }

    /** Processes one event; returns the alerts it (and any timers it brought due) raised, in order. */
    public List<Alert> accept(Event event) {
        List<Alert> out = new ArrayList<>();
        Instant candidate = event.ts().minus(lateness);
        if (candidate.isAfter(watermark)) {
            fireUntil(candidate, out);
        }
        Optional<String> key = keys.apply(event);
        if (key.isEmpty()) {
            return out;
        }
        String k = key.get();
        Keyed<S> keyed = states.get(k);
        Instant now = watermark;
        if (keyed == null) {
            keyed = new Keyed<>(detector.start(k, now), event.ts());
            states.put(k, keyed);
            scheduleIdle(k, keyed);
        } else if (event.ts().isAfter(keyed.lastEvent)) {
            keyed.lastEvent = event.ts();
        }
        apply(k, keyed, detector.onEvent(keyed.state, event, now), out);
        return out;
    }

    /**
     * Moves the clock to {@code time} (if it is later than the watermark), firing the timers and evictions
     * due by then. {@code Instant.MAX} fires everything and evicts every key: the end of a finite input.
     */
    public List<Alert> advanceTo(Instant time) {
        List<Alert> out = new ArrayList<>();
        if (time.isAfter(watermark)) {
            fireUntil(time, out);
        }
        return out;
    }

    /** The current event-time clock; {@link Instant#MIN} before the first event. */
    public Instant watermark() {
        return watermark;
    }

    /**
     * Starts reading stored events back (a warm start): until {@link #caughtUp}, events go in through {@link #accept}
     * as usual, but if the detector allows it ({@link Detector#catchUpOnce}) its timers that come due are held, each
     * key's to run once at the end. Idle keys are evicted as usual. Does nothing for other detectors.
     */
    public void catchingUp() {
        if (detector.catchUpOnce() && heldTimers == null) {
            heldTimers = new LinkedHashSet<>();
        }
    }

    /**
     * Ends reading back: each key whose timers were held has its timer run once, at the clock now (the watermark);
     * the detector decides what that run covers ({@link Detector#catchUpOnce}). Returns the alerts of those runs.
     */
    public List<Alert> caughtUp() {
        List<Alert> out = new ArrayList<>();
        if (heldTimers == null) {
            return out;
        }
        Set<String> held = heldTimers;
        heldTimers = null;
        for (String key : held) {
            Keyed<S> keyed = states.get(key);
            if (keyed != null) { // not evicted since
                apply(key, keyed, detector.onTimer(keyed.state, watermark, watermark), out);
            }
        }
        return out;
    }

    /** How many keys have state now. */
    public int activeKeys() {
        return states.size();
    }

    /** The state of {@code key}, if it has one (for tests and inspection; do not change it). */
    public Optional<S> state(String key) {
        Keyed<S> k = states.get(key);
        return k == null ? Optional.empty() : Optional.of(k.state);
    }

    private void fireUntil(Instant time, List<Alert> out) {
        while (!queue.isEmpty() && !queue.peek().time().isAfter(time)) {
            Due due = queue.poll();
            watermark = max(watermark, due.time());
            Keyed<S> keyed = states.get(due.key());
            if (keyed == null) {
                continue;
            }
            if (due.idle()) {
                Instant evictAt = keyed.lastEvent.plus(idleTimeout);
                if (evictAt.isAfter(due.time())) {
                    queue.add(new Due(evictAt, seq++, due.key(), true)); // it has had events since
                } else {
                    out.addAll(detector.onEvict(keyed.state, watermark));
                    states.remove(due.key());
                    if (heldTimers != null) {
                        heldTimers.remove(due.key()); // a new state of the key has timers of its own
                    }
                }
            } else if (keyed.timers.remove(due.time())) {
                if (heldTimers != null) {
                    heldTimers.add(due.key());
                    continue;
                }
                apply(due.key(), keyed, detector.onTimer(keyed.state, due.time(), watermark), out);
            }
        }
        watermark = max(watermark, time);
    }

    private void apply(String key, Keyed<S> keyed, Step<S> step, List<Alert> out) {
        out.addAll(step.alerts());
        if (step.state().isEmpty()) {
            states.remove(key); // its timers and idle check find no state and lapse
            return;
        }
        keyed.state = step.state().get();
        for (Instant t : step.timers()) {
            if (keyed.timers.add(t)) {
                queue.add(new Due(t, seq++, key, false));
            }
        }
    }

    private void scheduleIdle(String key, Keyed<S> keyed) {
        queue.add(new Due(keyed.lastEvent.plus(idleTimeout), seq++, key, true));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
