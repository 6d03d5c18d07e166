package org.qinglang.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.PileOnMonitor;
import org.qinglang.core.stream.PileOnThresholds;
import org.qinglang.core.stream.StreamRuntime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Events per second through the {@link PileOnMonitor} in the in-process {@link StreamRuntime}, one thread,
 * verdicts precomputed ({@link SyntheticTraffic}: {@value #EVENTS} events over {@value #TARGETS} targets, one
 * in {@value #PILE_ON_EVERY} under a pile-on, an event every {@value #GAP_MILLIS} ms). Each operation is one
 * event (the score is events/s). Goal: ≥ 200,000 events/s per core.
 *
 * <p>Run: {@code taskset -c 1 java -jar qinglang-bench/target/benchmarks.jar PileOnBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Thread)
public class PileOnBenchmark {

    static final int EVENTS = 200_000;
    static final int TARGETS = 2_000;
    static final int PILE_ON_EVERY = 20;
    static final long GAP_MILLIS = 50;

    private SyntheticTraffic traffic;
    private PileOnMonitor monitor;

    @Setup(Level.Trial)
    public void setUp() {
        traffic = SyntheticTraffic.generate(EVENTS, TARGETS, PILE_ON_EVERY, GAP_MILLIS, 7);
        monitor = new PileOnMonitor(PileOnThresholds.defaults(), traffic::verdict);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int replay() {
        StreamRuntime<PileOnMonitor.TargetState> rt = new StreamRuntime<>(monitor, Duration.ofDays(2));
        int alerts = 0;
        for (Event e : traffic.events()) {
            alerts += rt.accept(e).size();
        }
        return alerts;
    }
}
