package org.qinglang.app.events;

import org.qinglang.app.stream.DetectorHost;
import org.qinglang.core.stream.Event;
import org.qinglang.core.verdict.Verdict;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seam to the core stream runtime (流式检测接口): every event that was committed, and only those, in batch
 * order, after the commit, mapped to the core's {@link Event} and handed to the {@link DetectorHost}, which
 * runs the registered detectors (pile-on monitor, coordination detector) on lanes of their own, without holding up
 * the request, and passes their alerts on.
 * Identifiers go on keyed-hashed, as stored. An event stamped ahead of the server's clock (ingestion allows an
 * hour) reaches the detectors at most {@link #AHEAD} ahead: their clock is event time and never goes back, so one
 * event of a fast client clock would otherwise move every target's window on by as much as an hour.
 */
@Component
class StreamHandOff {

    /** How far ahead of the server's clock an event's time may move the detectors' clock. */
    static final Duration AHEAD = Duration.ofMinutes(1);

    private final DetectorHost host;
    private final Clock clock;

    @Autowired
    StreamHandOff(DetectorHost host) {
        this(host, Clock.systemUTC());
    }

    StreamHandOff(DetectorHost host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    /**
     * Called once per batch after its transaction committed, with the events that were new and the verdicts
     * their texts got (by event id), which the detectors reuse instead of judging again.
     */
    void committed(List<IncomingEvent> events, Map<String, Verdict> verdicts) {
        if (host.detectors() == 0) {
            return;
        }
        Instant latest = clock.instant().plus(AHEAD);
        List<Event> out = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            out.add(toCore(e, latest));
        }
        host.accept(out, verdicts);
    }

    /** {@code e} as the core's event, its time at most {@code latest}. */
    static Event toCore(IncomingEvent e, Instant latest) {
        Instant ts = e.ts().toInstant();
        Event.Builder b = Event.builder(e.id(), e.type(), ts.isAfter(latest) ? latest : ts)
                .actor(e.actor())
                .target(e.targetAccount().orElse(""), e.targetContent().orElse(""))
                .text(e.text().orElse(""))
                .context(e.context())
                .ip(e.ipHash().orElse(""))
                .device(e.deviceHash().orElse(""))
                .category(e.category().orElse(""))
                .reason(e.reason().orElse(""));
        e.score().ifPresent(b::score);
        return b.build();
    }
}
