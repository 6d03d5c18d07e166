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
import org.qinglang.core.classify.AbuseClassifier;
import org.qinglang.core.classify.AbuseScore;
import org.qinglang.core.classify.ShippedModel;

import java.util.concurrent.TimeUnit;

/**
 * Scoring throughput of the shipped abusive-language models ({@code fast} and {@code accurate}), one comment
 * per operation, on the same real
 * comments as {@link LexiconScanBenchmark} ({@link Corpus#standard()}, mean 81 characters). JMH runs one
 * thread, so the figure is per core.
 *
 * <p>Run: {@code java -jar qinglang-bench/target/benchmarks.jar ClassifierBenchmark} from the repository root.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Thread)
public class ClassifierBenchmark {

    private AbuseClassifier fast;
    private AbuseClassifier accurate;
    private String[] texts;
    private int cursor;

    @Setup(Level.Trial)
    public void load() {
        Corpus corpus = Corpus.standard();
        texts = corpus.texts().toArray(String[]::new);
        System.out.println();
        System.out.println(corpus.describe());
        fast = ShippedModel.fast();
        accurate = ShippedModel.accurate();
    }

    private String next() {
        String t = texts[cursor];
        cursor = cursor + 1 == texts.length ? 0 : cursor + 1;
        return t;
    }

    @Benchmark
    public AbuseScore fastModel() {
        return fast.score(next());
    }

    @Benchmark
    public AbuseScore accurateModel() {
        return accurate.score(next());
    }
}
