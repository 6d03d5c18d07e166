package org.qinglang.bench;

import org.openjdk.jol.info.GraphLayout;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.PileOnMonitor;
import org.qinglang.core.stream.PileOnThresholds;
import org.qinglang.core.stream.StreamRuntime;

import java.time.Duration;
import java.util.Locale;

/**
 * Memory per tracked target of the {@link PileOnMonitor}'s state, measured with JOL: the object graph of the
 * targets' states (the events a state keeps as samples included; the runtime's map entry and timers, about
 * 100 bytes a target, not), divided by the targets. Three loads:
 * quiet targets (about 20 events each in the window), busy ones (about 200) and targets under a pile-on
 * (about 2,000 events, many from a small crowd).
 *
 * <p>Run: {@code java -Djdk.attach.allowAttachSelf=true -cp qinglang-bench/target/benchmarks.jar
 * org.qinglang.bench.PileOnFootprint}
 */
public final class PileOnFootprint {

    private PileOnFootprint() {
    }

    public static void main(String[] args) {
        measure("quiet (~20 events in the window)", 2_000, 20, 1_000);
        measure("busy (~200 events in the window)", 200, 200, 1_000);
        measure("under a pile-on (~2,000 events)", 20, 2_000, 1);
    }

    private static void measure(String name, int targets, int perTarget, int pileOnEvery) {
        // all events within one hour, so all stay in the 3-hour window
        long gap = Math.max(1, 3_600_000L / ((long) targets * perTarget));
        SyntheticTraffic traffic = SyntheticTraffic.generate(targets * perTarget, targets, pileOnEvery, gap, 11);
        StreamRuntime<PileOnMonitor.TargetState> rt = new StreamRuntime<>(
                new PileOnMonitor(PileOnThresholds.defaults(), traffic::verdict), Duration.ofDays(2));
        for (Event e : traffic.events()) {
            rt.accept(e);
        }
        // the states only: the runtime also reaches the monitor and through it the whole synthetic traffic
        Object[] states = java.util.stream.IntStream.range(0, targets).mapToObj(i -> rt.state("t-" + i))
                .flatMap(java.util.Optional::stream).toArray();
        long bytes = GraphLayout.parseInstance(states).totalSize();
        System.out.printf(Locale.ROOT, "| %s | %d targets, %d events | %,d bytes per target |%n", name,
                rt.activeKeys(), traffic.events().size(), bytes / Math.max(1, rt.activeKeys()));
    }
}
