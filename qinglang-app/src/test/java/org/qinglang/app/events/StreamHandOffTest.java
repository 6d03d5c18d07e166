package org.qinglang.app.events;

import org.junit.jupiter.api.Test;
import org.qinglang.core.stream.EventType;
import org.qinglang.core.verdict.Context;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StreamHandOffTest {

    private static IncomingEvent at(Instant ts) {
        return new IncomingEvent(0, "e-1", EventType.COMMENT, OffsetDateTime.ofInstant(ts, ZoneOffset.ofHours(8)), "u-1",
                Optional.of("u-9"), Optional.empty(), Optional.of("滚"), Context.none(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void anEventAheadOfTheServersClockReachesTheDetectorsAtMostAMinuteAhead() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        Instant latest = now.plus(StreamHandOff.AHEAD);
        // ingestion takes an event up to an hour ahead; the detectors' clock would jump with it
        assertThat(StreamHandOff.toCore(at(now.plusSeconds(59 * 60)), latest).ts()).isEqualTo(latest);
        assertThat(StreamHandOff.toCore(at(now.minusSeconds(30)), latest).ts()).isEqualTo(now.minusSeconds(30));
    }
}
