package org.qinglang.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qinglang.core.classify.AbuseClassifier;
import org.qinglang.core.classify.AbuseScore;
import org.qinglang.core.classify.AccurateModel;
import org.qinglang.core.classify.ModelFile;
import org.qinglang.core.classify.ModelFileException;
import org.qinglang.core.classify.ShippedModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Scoring throughput of the shipped abusive-language models ({@code fast} and {@code accurate}), one comment
 * per operation. {@code corpus=standard} is the comments of {@link LexiconScanBenchmark}
 * ({@link Corpus#standard()}, mean 81 characters, half of them COLD training texts);
 * {@code corpus=unseen} is CHNCI comments no model has seen ({@link Corpus#unseen()}), where the accurate
 * model's shortcut applies less often. {@code accurateEveryText} is the accurate model with the encoder run
 * on every text ({@link AccurateModel.Shortcut#NONE}). The texts are taken in a fixed shuffled order, so that
 * the few thousand an accurate run gets through stand for the whole corpus. JMH runs one thread, so the
 * figure is per core. {@code -p accurateFile=FILE.qlm} measures another accurate model file (one with a wider
 * shortcut, say).
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

    @Param({"standard", "unseen"})
    public String corpus;

    /** A fast model file to measure instead of the shipped one (empty: the shipped one). */
    @Param({""})
    public String fastFile;

    /** An accurate model file to measure instead of the shipped one (empty: the shipped one). */
    @Param({""})
    public String accurateFile;

    private AbuseClassifier fast;
    private AbuseClassifier accurate;
    private AbuseClassifier accurateEveryText;
    private String[] texts;
    private int cursor;

    @Setup(Level.Trial)
    public void load() throws ModelFileException {
        Corpus c = switch (corpus) {
            case "standard" -> Corpus.standard();
            case "unseen" -> Corpus.unseen();
            default -> throw new IllegalArgumentException("corpus is standard or unseen, was " + corpus);
        };
        // the accurate model scores only a thousand or so texts in a run: shuffled (fixed seed), any stretch of
        // the corpus is like the whole, not one data set or incident
        List<String> shuffled = new ArrayList<>(c.texts());
        Collections.shuffle(shuffled, new Random(42));
        texts = shuffled.toArray(String[]::new);
        System.out.println();
        System.out.println(c.describe());
        fast = fastFile.isEmpty() ? ShippedModel.fast() : ModelFile.read(Path.of(fastFile));
        AccurateModel model;
        if (accurateFile.isEmpty()) {
            model = ShippedModel.accurate();
        } else if (ModelFile.load(Path.of(accurateFile)) instanceof AccurateModel a) {
            model = a;
        } else {
            throw new IllegalArgumentException(accurateFile + " holds a fast model");
        }
        accurate = model;
        accurateEveryText = model.inFull();
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

    @Benchmark
    public AbuseScore accurateEveryText() {
        return accurateEveryText.score(next());
    }
}
