package org.qinglang.app.stream;

import org.qinglang.core.stream.Alert;

/**
 * Where the alerts of the in-process detectors go (告警去向). Every Spring bean of this type receives every
 * alert, in the order raised, on the thread that ingested the batch, after its events were committed. A sink
 * that throws is logged and counted; the others still receive the alert, and the batch stays accepted.
 */
public interface AlertSink {

    /** One alert raised by a hosted detector. */
    void accept(Alert alert);
}
