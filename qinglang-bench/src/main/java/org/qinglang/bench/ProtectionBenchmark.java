package org.qinglang.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qinglang.core.enforce.ActorRelation;
import org.qinglang.core.enforce.OneClickProtection;
import org.qinglang.core.enforce.ProtectedAction;
import org.qinglang.core.enforce.ProtectionAudience;
import org.qinglang.core.enforce.ProtectionDecision;
import org.qinglang.core.enforce.ProtectionPeriod;
import org.qinglang.core.enforce.ProtectionSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Time per one-click protection decision ({@link OneClickProtection#decide}), against two peers in the same
 * run: {@code baseline} (the same cursor and array reads, no decision: the harness's own cost) and
 * {@code viaPublicAccessors} (the same rule written the plain way, through {@code activeAt},
 * {@code audience().screens} and the {@code EnumMap} of treatments).
 *
 * <p>Inputs: 4,096 random (settings, relation, action) triples, the settings a mix of the one click for 3
 * days, a custom all-but-mutual protection until turned off, protection off, and an expired one, so that
 * no branch is predicted for free. One operation is one decision.
 *
 * <p>Run: {@code taskset -c 1 java -jar qinglang-bench/target/benchmarks.jar ProtectionBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class ProtectionBenchmark {

    private static final int N = 4096;

    private ProtectionSettings[] settings;
    private ActorRelation[] relations;
    private ProtectedAction[] actions;
    private Instant now;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        Instant on = Instant.parse("2026-12-01T12:00:00Z");
        now = on.plus(Duration.ofHours(5));
        ProtectionSettings[] kinds = {
                ProtectionSettings.oneClick(ProtectionPeriod.DAYS_3, on),
                ProtectionSettings.builder(ProtectionAudience.ALL_BUT_MUTUAL)
                        .treat(ProtectedAction.COMMENT, ProtectionDecision.HOLD)
                        .treat(ProtectedAction.DM, ProtectionDecision.DENY)
                        .on(ProtectionPeriod.UNTIL_OFF, on),
                ProtectionSettings.off(),
                ProtectionSettings.oneClick(ProtectionPeriod.DAYS_3, on.minus(Duration.ofDays(4)))};
        SplittableRandom rnd = new SplittableRandom(20261201);
        settings = new ProtectionSettings[N];
        relations = new ActorRelation[N];
        actions = new ProtectedAction[N];
        for (int i = 0; i < N; i++) {
            settings[i] = kinds[rnd.nextInt(kinds.length)];
            relations[i] = ActorRelation.values()[rnd.nextInt(ActorRelation.values().length)];
            actions[i] = ProtectedAction.values()[rnd.nextInt(ProtectedAction.values().length)];
        }
    }

    private int next() {
        int i = cursor;
        cursor = (i + 1) & (N - 1);
        return i;
    }

    @Benchmark
    public ProtectionDecision decide() {
        int i = next();
        return OneClickProtection.decide(settings[i], relations[i], actions[i], now);
    }

    @Benchmark
    public ProtectionDecision viaPublicAccessors() {
        int i = next();
        ProtectionSettings s = settings[i];
        return s.activeAt(now) && s.audience().screens(relations[i]) ? s.treatment(actions[i]) : ProtectionDecision.ALLOW;
    }

    @Benchmark
    public Object baseline() {
        int i = next();
        return settings[i] == null ? relations[i] : actions[i];
    }
}
