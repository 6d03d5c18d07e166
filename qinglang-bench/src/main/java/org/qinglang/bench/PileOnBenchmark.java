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
 * <p>Run: {@code taskset -c 1 java -jar qinglang-bench/target/benchmarks.jar PileOnBenchmark}. On a loaded machine
 * the wall-clock figure says little; {@link #main} replays the same traffic and divides by the thread's CPU
 * time instead ({@code java -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.PileOnBenchmark}).
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

    /** Events per CPU-second of the replaying thread: 5 warm-up rounds, then 10 measured. */
    public static void main(String[] args) {
        PileOnBenchmark b = new PileOnBenchmark();
        b.setUp();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int sink = 0;
        for (int i = 0; i < 5; i++) {
            sink += b.replay();
        }
        long cpu = mx.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        int rounds = 10;
        for (int i = 0; i < rounds; i++) {
            sink += b.replay();
        }
        double cpuS = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
        double wallS = (System.nanoTime() - wall) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "%,.0f events per CPU-second (%,.0f per wall-clock second; %d alerts)%n",
                (double) rounds * EVENTS / cpuS, rounds * EVENTS / wallS, sink);
    }
}
