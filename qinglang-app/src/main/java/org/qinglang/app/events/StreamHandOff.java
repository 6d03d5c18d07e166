package org.qinglang.app.events;

import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The seam to the core stream runtime (流式检测接口): every event that was committed, and only those, in batch
 * order, after the commit. The in-process detectors of {@code org.qinglang.core.stream} (pile-on monitor,
 * coordination detector) plug in here: map each {@link IncomingEvent} to the core's {@code Event} and feed
 * the runtime; their alerts then go to the workflow. Until that runtime is merged this hands nothing on, and
 * says so, rather than pretending to detect.
 */
@Component
class StreamHandOff {

    /** Called once per batch after its transaction committed, with the events that were new. */
    void committed(List<IncomingEvent> events) {
        // the core stream runtime is connected here once org.qinglang.core.stream is merged (issue #4)
    }
}
