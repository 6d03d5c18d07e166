package org.qinglang.app.events;

import org.qinglang.core.stream.EventType;
import org.qinglang.core.verdict.Context;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One event as received and checked (接入事件), in ARCHITECTURE.md's format; personal identifiers
 * ({@code ip}, {@code device}) already keyed-hashed, never raw.
 *
 * @param index where it was in its batch (0-based, counting events)
 */
record IncomingEvent(int index, String id, EventType type, OffsetDateTime ts, String actor,
                     Optional<String> targetAccount, Optional<String> targetContent, Optional<String> text,
                     Context context, Optional<String> ipHash, Optional<String> deviceHash,
                     Optional<Double> score, Optional<String> category, Optional<String> reason) {
}
