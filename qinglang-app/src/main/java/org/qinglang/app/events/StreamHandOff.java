package org.qinglang.app.events;

import org.qinglang.app.stream.DetectorHost;
import org.qinglang.core.stream.Event;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The seam to the core stream runtime (流式检测接口): every event that was committed, and only those, in batch
 * order, after the commit, mapped to the core's {@link Event} and handed to the {@link DetectorHost}, which
 * runs the registered detectors (pile-on monitor, coordination detector) and passes their alerts on.
 * Identifiers go on keyed-hashed, as stored.
 */
@Component
class StreamHandOff {

    private final DetectorHost host;

    StreamHandOff(DetectorHost host) {
        this.host = host;
    }

    /** Called once per batch after its transaction committed, with the events that were new. */
    void committed(List<IncomingEvent> events) {
        if (host.detectors() == 0) {
            return;
        }
        List<Event> out = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            out.add(toCore(e));
        }
        host.accept(out);
    }

    static Event toCore(IncomingEvent e) {
        Event.Builder b = Event.builder(e.id(), org.qinglang.core.stream.EventType.fromId(e.type().id()),
                        e.ts().toInstant())
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
