/**
 * Events in (事件接入): {@code POST /api/v1/events} takes a batch (a JSON array or NDJSON, up to 10,000) in
 * ARCHITECTURE.md's event format, refuses bad events one by one (by index, naming the field and the limit),
 * gives text events their verdicts, and commits the rest in one transaction before answering 202.
 * Idempotent by event id. {@link org.qinglang.app.events.StreamHandOff} is where the core stream runtime
 * (the in-process detectors) will receive what was committed.
 */
package org.qinglang.app.events;
