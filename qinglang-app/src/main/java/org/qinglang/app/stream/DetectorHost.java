package org.qinglang.app.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Detector;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.StreamRuntime;
import org.qinglang.core.verdict.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Hosts the registered detectors (检测器宿主): one core {@link StreamRuntime} per {@link Detector} bean, each on a
 * lane of its own (one thread, a runtime being single-threaded), fed the committed events of each batch in order;
 * the alerts raised go to every {@link AlertSink} bean, from that lane. Ingestion hands a batch over and goes on:
 * the detectors' work, a coordination analysis of a day's window every 10 minutes of event time among it (most of a
 * second on a busy window), never holds up the request that committed the batch, nor the next. A lane holds at most
 * {@value #QUEUED} batches waiting; beyond that the handing thread waits for room (back-pressure, nothing
 * dropped). A detector or sink that throws is logged and counted ({@code qinglang.stream.failures}) and never
 * fails the batch, whose events are already committed; {@code qinglang.stream.queued} gauges the batches waiting.
 *
 * <p>The clock is event time (the runtime's watermark); {@link #advanceTo} moves it on from outside when no
 * events come (a scheduler calling it with the wall clock fires timers and evicts idle keys), through the same
 * lanes, so in order with the batches. {@link #settle} waits until everything handed over so far is done (tests,
 * shutdown). Thread-safe.
 */
@Component
public class DetectorHost implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorHost.class);
    /** Batches (or clock moves) a lane holds waiting before the handing thread waits for room. */
    static final int QUEUED = 16;

    private final List<Hosted> runtimes = new ArrayList<>();
    private final List<AlertSink> sinks;
    private final JudgedVerdicts judged;
    private final Counter failures;
    private final Counter alerts;
    private volatile boolean running;

    /** A runtime, the name of its detector (for logs) and the lane it runs on. */
    private record Hosted(String name, StreamRuntime<?> runtime, ThreadPoolExecutor lane) {
    }

    public DetectorHost(ObjectProvider<Detector<?>> detectors, ObjectProvider<AlertSink> sinks, JudgedVerdicts judged,
                        @Value("${qinglang.stream.idle-timeout:PT24H}") Duration idleTimeout,
                        @Value("${qinglang.stream.lateness:PT1M}") Duration lateness, MeterRegistry meters) {
        detectors.orderedStream().forEach(d -> {
            String name = d.getClass().getSimpleName();
            runtimes.add(new Hosted(name, runtime(d, idleTimeout, lateness), lane(name)));
        });
        this.sinks = sinks.orderedStream().toList();
        this.judged = judged;
        this.failures = Counter.builder("qinglang.stream.failures")
                .description("detector or alert-sink calls that threw").register(meters);
        this.alerts = Counter.builder("qinglang.stream.alerts").description("alerts raised by hosted detectors")
                .register(meters);
        Gauge.builder("qinglang.stream.queued", this, h -> h.runtimes.stream()
                        .mapToInt(r -> r.lane().getQueue().size()).sum())
                .description("batches and clock moves waiting for the detectors").register(meters);
        LOG.info("hosting {} detector(s) {} with {} alert sink(s)", runtimes.size(),
                runtimes.stream().map(Hosted::name).toList(), this.sinks.size());
    }

    private static <S> StreamRuntime<S> runtime(Detector<S> d, Duration idleTimeout, Duration lateness) {
        return new StreamRuntime<>(d, d::keyOf, idleTimeout, lateness);
    }

    /** One thread with a bounded queue; a full queue makes the handing thread wait for room, in order. */
    private static ThreadPoolExecutor lane(String name) {
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "detector-" + name);
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED), threads,
                (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("the detectors are stopping");
                    }
                    try {
                        pool.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted while waiting for the detectors", e);
                    }
                });
    }

    /**
     * Hands {@code events} (committed, in batch order) to every detector, with the verdicts ingestion gave their texts
     * (by event id, lent to the detectors through {@link JudgedVerdicts} so that no text is judged twice), and
     * returns; each lane runs them and hands its alerts to every sink. Never throws: the batch is committed, and a
     * lane that cannot take it (the server is stopping, or the thread was interrupted while waiting for room) is
     * logged and counted, the other lanes still take it.
     */
    public void accept(List<Event> events, Map<String, Verdict> verdicts) {
        if (runtimes.isEmpty() || events.isEmpty()) {
            return;
        }
        for (Hosted h : runtimes) {
            hand(h, () -> judged.during(verdicts, () -> deliver(feed(h, events))));
        }
    }

    /** Moves every runtime's clock to {@code time} on its lane, delivering the alerts of the timers and evictions due. */
    public void advanceTo(Instant time) {
        for (Hosted h : runtimes) {
            hand(h, () -> {
                List<Alert> raised;
                synchronized (h.runtime()) {
                    try {
                        raised = h.runtime().advanceTo(time);
                    } catch (RuntimeException ex) {
                        failed(h.name(), ex);
                        return;
                    }
                }
                deliver(raised);
            });
        }
    }

    private void hand(Hosted h, Runnable work) {
        try {
            h.lane().execute(work);
        } catch (RejectedExecutionException ex) {
            failed(h.name(), ex);
        }
    }

    /** Waits until every batch and clock move handed over before this call has gone through its detectors. */
    public void settle() {
        for (Hosted h : runtimes) {
            try {
                h.lane().submit(() -> { }).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a detector lane failed", e);
            }
        }
    }

    /**
     * At shutdown, after the web server has stopped taking requests and before any bean is destroyed (so the sinks'
     * database is still there): lets the lanes finish what was handed over, up to 30 s, then stops them, logging how
     * many batches were dropped.
     */
    @Override
    public void stop() {
        running = false;
        for (Hosted h : runtimes) {
            h.lane().shutdown();
        }
        for (Hosted h : runtimes) {
            try {
                if (!h.lane().awaitTermination(30, TimeUnit.SECONDS)) {
                    int dropped = h.lane().shutdownNow().size();
                    LOG.warn("{} did not finish within 30 s: {} batch(es) dropped", h.name(), dropped);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.lane().shutdownNow();
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below the web server's phase: started before it, stopped after it (no batch comes in any more). */
    @Override
    public int getPhase() {
        return 0;
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
            held += feed(h, events).size();
        }
        return held;
    }

    /** Passes {@code events} through {@code h}'s runtime, one failing event logged and skipped; returns the alerts. */
    private List<Alert> feed(Hosted h, List<Event> events) {
        List<Alert> raised = new ArrayList<>();
        synchronized (h.runtime()) {
            for (Event e : events) {
                try {
                    raised.addAll(h.runtime().accept(e));
                } catch (RuntimeException ex) {
                    failed(h.name(), ex);
                }
            }
        }
        return raised;
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
