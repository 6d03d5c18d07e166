package org.qinglang.app.stream;

import org.qinglang.core.stream.Alert;

/**
 * Where the alerts of the in-process detectors go (告警去向). Every Spring bean of this type receives every
 * alert, after the events that raised it were committed, on the raising detector's lane in {@link DetectorHost}:
 * one detector's alerts in the order raised, those of different detectors at the same time, so a sink is
 * thread-safe. A sink that throws is logged and counted; the others still receive the alert, and the batch stays
 * accepted.
 */
public interface AlertSink {

    /** One alert raised by a hosted detector. */
    void accept(Alert alert);
}
