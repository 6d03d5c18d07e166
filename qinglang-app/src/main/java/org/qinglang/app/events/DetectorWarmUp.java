package org.qinglang.app.events;

import org.qinglang.app.stream.DetectorHost;
import org.qinglang.core.stream.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The detectors' warm start (检测器热启动): the hosted detectors keep their state in memory only, so without this
 * every restart would begin each target's window, baseline and raised levels from nothing, and a pile-on under
 * way at a deploy would have to build up again before it is seen. At the server's start, after every bean is
 * made and before the web server takes requests (and before the clock's first tick), the events stamped within
 * {@code qinglang.stream.warm-up} of now (default {@code PT24H}, the detectors' windows; {@code PT0S}: off) are
 * read back from the event table in time order, the newest {@code qinglang.stream.warm-up-limit} of them at most
 * (default 2,000,000), and passed through every detector with their alerts held back: those alerts reached the
 * sinks (cases, prompts) when the events first came, so the detectors come back knowing the levels they had
 * raised and raise only what is new. A detector that analyses its whole window periodically (the coordination
 * detector, every 10 minutes of event time) runs that analysis once, at the end, not once per period read back
 * ({@link org.qinglang.core.stream.Detector#catchUpOnce}). Texts are judged again by the server's Moderator, as for events that come
 * without a verdict. Each event's time is cut to a minute after it was received, as when it came
 * ({@link StreamHandOff#AHEAD}).
 *
 * <p>What is not restored: a detector's memory of events older than the warm-up (a baseline forgets over days,
 * and starts again from these hours), and alerts that events committed just before a crash would have raised
 * but never handed on (their events are read back, their alerts held back like the rest). A warm start that
 * fails is logged and the server starts with what was read back until then.
 */
@Component
class DetectorWarmUp implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorWarmUp.class);
    /** Events passed to the detectors at a time. */
    private static final int CHUNK = 1_000;

    private final EventStore store;
    private final DetectorHost host;
    private final TransactionTemplate readOnly;
    private final Duration span;
    private final int limit;
    private final Clock clock;

    /** What a warm start did: events read back, alerts held back, how long it took. */
    record Done(int events, int heldBack, Duration took) {
    }

    @Autowired
    DetectorWarmUp(EventStore store, DetectorHost host, PlatformTransactionManager transactions,
                   @Value("${qinglang.stream.warm-up:PT24H}") Duration span,
                   @Value("${qinglang.stream.warm-up-limit:2000000}") int limit) {
        this(store, host, transactions, span, limit, Clock.systemUTC());
    }

    DetectorWarmUp(EventStore store, DetectorHost host, PlatformTransactionManager transactions, Duration span,
                   int limit, Clock clock) {
        if (span.isNegative()) {
            throw new IllegalArgumentException("qinglang.stream.warm-up must be zero or more, was " + span);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("qinglang.stream.warm-up-limit must be zero or more, was " + limit);
        }
        this.store = store;
        this.host = host;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.span = span;
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            warmUp().ifPresent(d -> LOG.info("warm start: {} event(s) of the last {} read back into {} detector(s) "
                    + "in {} ms, {} alert(s) held back (raised before the restart)", d.events(), span,
                    host.detectors(), d.took().toMillis(), d.heldBack()));
        } catch (RuntimeException e) {
            // the exception's class only: a message could quote a stored event
            LOG.error("warm start failed, the detectors start with what was read back before it: {}",
                    e.getClass().getName());
        }
    }

    /** Reads the recent events back into the detectors; empty when there is nothing to do (off, or no detector). */
    Optional<Done> warmUp() {
        if (span.isZero() || limit == 0 || host.detectors() == 0) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        Instant from = clock.instant().minus(span);
        List<Event> chunk = new ArrayList<>(CHUNK);
        int[] held = {0};
        host.catchingUp();
        Integer read;
        try {
            read = readOnly.execute(status -> store.recent(from, limit, (e, receivedAt) -> {
                chunk.add(StreamHandOff.toCore(e, receivedAt.toInstant().plus(StreamHandOff.AHEAD)));
                if (chunk.size() == CHUNK) {
                    held[0] += host.replay(chunk);
                    chunk.clear();
                }
            }));
            held[0] += host.replay(chunk);
        } finally {
            held[0] += host.caughtUp();
        }
        return Optional.of(new Done(read == null ? 0 : read, held[0],
                Duration.ofNanos(System.nanoTime() - started)));
    }
}
