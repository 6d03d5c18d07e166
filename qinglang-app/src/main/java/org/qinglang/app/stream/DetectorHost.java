package org.qinglang.app.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Detector;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.StreamRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts the registered detectors in the server (检测器宿主): one core {@link StreamRuntime} per {@link Detector}
 * bean, each behind its own lock (a runtime is single-threaded), fed the committed events of each batch in
 * order; the alerts raised go to every {@link AlertSink} bean. A detector or sink that throws is logged and
 * counted ({@code qinglang.stream.failures}) and never fails the batch, whose events are already committed.
 *
 * <p>The clock is event time (the runtime's watermark); {@link #advanceTo} moves it on from outside when no
 * events come (a scheduler calling it with the wall clock fires timers and evicts idle keys). Thread-safe.
 */
@Component
public class DetectorHost {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorHost.class);

    private final List<Hosted> runtimes = new ArrayList<>();
    private final List<AlertSink> sinks;
    private final Counter failures;
    private final Counter alerts;

    /** A runtime and the name of its detector, for logs. */
    private record Hosted(String name, StreamRuntime<?> runtime) {
    }

    public DetectorHost(ObjectProvider<Detector<?>> detectors, ObjectProvider<AlertSink> sinks,
                        @Value("${qinglang.stream.idle-timeout:PT24H}") Duration idleTimeout,
                        @Value("${qinglang.stream.lateness:PT1M}") Duration lateness, MeterRegistry meters) {
        detectors.orderedStream().forEach(d -> runtimes.add(new Hosted(d.getClass().getSimpleName(),
                runtime(d, idleTimeout, lateness))));
        this.sinks = sinks.orderedStream().toList();
        this.failures = Counter.builder("qinglang.stream.failures")
                .description("detector or alert-sink calls that threw").register(meters);
        this.alerts = Counter.builder("qinglang.stream.alerts").description("alerts raised by hosted detectors")
                .register(meters);
        LOG.info("hosting {} detector(s) {} with {} alert sink(s)", runtimes.size(),
                runtimes.stream().map(Hosted::name).toList(), this.sinks.size());
    }

    private static <S> StreamRuntime<S> runtime(Detector<S> d, Duration idleTimeout, Duration lateness) {
        return new StreamRuntime<>(d, d::keyOf, idleTimeout, lateness);
    }

    /** Feeds {@code events} (committed, in batch order) to every detector, then hands the alerts to every sink. */
    public void accept(List<Event> events) {
        if (runtimes.isEmpty() || events.isEmpty()) {
            return;
        }
        List<Alert> raised = new ArrayList<>();
        for (Hosted h : runtimes) {
            synchronized (h.runtime()) {
                for (Event e : events) {
                    try {
                        raised.addAll(h.runtime().accept(e));
                    } catch (RuntimeException ex) {
                        failed(h.name(), ex);
                    }
                }
            }
        }
        deliver(raised);
    }

    /**
     * Starts a warm start ({@code DetectorWarmUp}): the events of the last hours are read back through {@link #replay}
     * and the detectors rebuild their windows, baselines and the levels already raised, holding back the alerts,
     * which the sinks had when those events first came; a detector that analyses its window periodically runs its
     * analysis once, at {@link #caughtUp}, not once per period read back ({@link StreamRuntime#catchingUp}).
     */
    public void catchingUp() {
        for (Hosted h : runtimes) {
            synchronized (h.runtime()) {
                h.runtime().catchingUp();
            }
        }
    }

    /**
     * Feeds {@code events} (stored earlier, in time order) to every detector without delivering what they raise;
     * returns how many alerts were held back.
     */
    public int replay(List<Event> events) {
        int held = 0;
        for (Hosted h : runtimes) {
            synchronized (h.runtime()) {
                for (Event e : events) {
                    try {
                        held += h.runtime().accept(e).size();
                    } catch (RuntimeException ex) {
                        failed(h.name(), ex);
                    }
                }
            }
        }
        return held;
    }

    /** Ends the warm start: the analyses held run once, their alerts held back too; returns how many. */
    public int caughtUp() {
        int held = 0;
        for (Hosted h : runtimes) {
            synchronized (h.runtime()) {
                try {
                    held += h.runtime().caughtUp().size();
                } catch (RuntimeException ex) {
                    failed(h.name(), ex);
                }
            }
        }
        return held;
    }

    /** Moves every runtime's clock to {@code time}, delivering the alerts of the timers and evictions due. */
    public void advanceTo(Instant time) {
        List<Alert> raised = new ArrayList<>();
        for (Hosted h : runtimes) {
            synchronized (h.runtime()) {
                try {
                    raised.addAll(h.runtime().advanceTo(time));
                } catch (RuntimeException ex) {
                    failed(h.name(), ex);
                }
            }
        }
        deliver(raised);
    }

    /** How many detectors are hosted. */
    public int detectors() {
        return runtimes.size();
    }

    private void deliver(List<Alert> raised) {
        alerts.increment(raised.size());
        for (Alert a : raised) {
            for (AlertSink s : sinks) {
                try {
                    s.accept(a);
                } catch (RuntimeException ex) {
                    failed(s.getClass().getSimpleName(), ex);
                }
            }
        }
    }

    private void failed(String who, RuntimeException ex) {
        failures.increment();
        // the exception's class and where it was thrown only: a message could quote an event's text or ids
        StackTraceElement[] at = ex.getStackTrace();
        LOG.error("{} failed: {} at {}", who, ex.getClass().getName(), at.length == 0 ? "?" : at[0]);
    }
}
