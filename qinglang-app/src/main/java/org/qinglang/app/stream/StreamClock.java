package org.qinglang.app.stream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Instant;

/**
 * Moves the hosted detectors' event-time clock on with the wall clock (流式时钟), every
 * {@code qinglang.stream.tick} (default 30 s), so that timers fire (an open pile-on alert is closed, a
 * coordination analysis runs) and idle keys are evicted even when no events come. Events stamped later than
 * the wall clock still move the clock themselves; the host never moves it back.
 */
@Configuration
@EnableScheduling
class StreamClock {

    private final DetectorHost host;
    private final Clock clock;

    @Autowired
    StreamClock(DetectorHost host) {
        this(host, Clock.systemUTC());
    }

    StreamClock(DetectorHost host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    /** One tick: the host's clock to now; returns the time it was moved to. */
    @Scheduled(fixedDelayString = "${qinglang.stream.tick:PT30S}", initialDelayString = "${qinglang.stream.tick:PT30S}")
    Instant tick() {
        Instant now = clock.instant();
        host.advanceTo(now);
        return now;
    }
}
