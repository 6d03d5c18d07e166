package org.qinglang.app.stream;

import org.qinglang.core.stream.Alert;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test-only sink in the shared test context: keeps every alert; throws for {@code hosting-boom} to prove a failing sink harms nothing. */
@Component
class RecordingSink implements AlertSink {

    final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Alert alert) {
        if (alert.target().equals("hosting-boom")) {
            throw new IllegalStateException("a sink that fails");
        }
        alerts.add(alert);
    }
}
