package org.qinglang.app.stream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Moves the hosted detectors' event-time clock on with the wall clock (流式时钟), every
 * {@code qinglang.stream.tick} (default 30 s), so that timers fire (an open pile-on alert is closed, a
 * coordination analysis runs) and idle keys are evicted even when no events come. The clock is moved to the wall
 * clock less {@code qinglang.stream.lateness} (default 1 minute), as far as events move it themselves: an event in
 * flight that is up to that late is not behind the clock (a tick to the wall clock itself closed an alert that
 * such an event then opened again). Events stamped later still move the clock themselves; it never goes back.
 */
@Configuration
@EnableScheduling
class StreamClock {

    private final DetectorHost host;
    private final Clock clock;
    private final Duration lateness;

    @Autowired
    StreamClock(DetectorHost host, @Value("${qinglang.stream.lateness:PT1M}") Duration lateness) {
        this(host, Clock.systemUTC(), lateness);
    }

    StreamClock(DetectorHost host, Clock clock, Duration lateness) {
        this.host = host;
        this.clock = clock;
        this.lateness = lateness;
    }

    /** One tick: the host's clock to now less the lateness allowed; returns the time it was moved to. */
    @Scheduled(fixedDelayString = "${qinglang.stream.tick:PT30S}", initialDelayString = "${qinglang.stream.tick:PT30S}")
    Instant tick() {
        Instant to = clock.instant().minus(lateness);
        host.advanceTo(to);
        return to;
    }
}
