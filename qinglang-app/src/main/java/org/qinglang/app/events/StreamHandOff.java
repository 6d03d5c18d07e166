package org.qinglang.app.events;

import org.qinglang.app.stream.DetectorHost;
import org.qinglang.app.stream.JudgedVerdicts;
import org.qinglang.core.stream.Event;
import org.qinglang.core.verdict.Verdict;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seam to the core stream runtime (流式检测接口): every event that was committed, and only those, in batch
 * order, after the commit, mapped to the core's {@link Event} and handed to the {@link DetectorHost}, which
 * runs the registered detectors (pile-on monitor, coordination detector) and passes their alerts on.
 * Identifiers go on keyed-hashed, as stored.
 */
@Component
class StreamHandOff {

    private final DetectorHost host;
    private final JudgedVerdicts judged;

    StreamHandOff(DetectorHost host, JudgedVerdicts judged) {
        this.host = host;
        this.judged = judged;
    }

    /**
     * Called once per batch after its transaction committed, with the events that were new and the verdicts
     * their texts got (by event id), which the detectors reuse instead of judging again.
     */
    void committed(List<IncomingEvent> events, Map<String, Verdict> verdicts) {
        if (host.detectors() == 0) {
            return;
        }
        List<Event> out = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            out.add(toCore(e));
        }
        judged.during(verdicts, () -> host.accept(out));
    }

    static Event toCore(IncomingEvent e) {
        Event.Builder b = Event.builder(e.id(), e.type(), e.ts().toInstant())
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
