package org.qinglang.bench;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
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
import org.openjdk.jmh.infra.Blackhole;
import org.qinglang.core.lexicon.Channel;
import org.qinglang.core.lexicon.Entry;
import org.qinglang.core.lexicon.FeatureLibrary;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scan throughput of the feature library against two peers, all with the same word list
 * ({@link WordListFile#sensitiveWordDict()}, 65k terms) on the same real comments ({@link Corpus#standard()}).
 *
 * <ul>
 *   <li>{@code qinglangAllChannels}: {@link FeatureLibrary#compile} of {@code Entry.of(term)} for every term
 *       (exact, folded and pinyin channels), {@code scan(text)};</li>
 *   <li>{@code qinglangExactOnly}: the same entries compiled with only {@link Channel#EXACT};</li>
 *   <li>{@code sensitiveWord}: houbb/sensitive-word with its normalisations on (case, width, number style,
 *       traditional Chinese, English style, repeated characters), its word check on and its number, e-mail,
 *       URL and IPv4 checks off (the default in 0.25.0, set explicitly), {@code findAll(text)};</li>
 *   <li>{@code acDoubleArrayTrie}: hankcs's Aho-Corasick double-array trie, exact only,
 *       {@code parseText(text)}.</li>
 * </ul>
 *
 * <p><b>One operation is one text</b>: each thread walks a cursor round the corpus, so ops/s is texts per
 * second over the whole corpus, in order. Characters per second are ops/s times the mean text length, which
 * {@code @Setup} prints and {@link ScanSummary} multiplies in. JMH runs one thread unless told otherwise
 * ({@code -t}), so the figures are per core.
 *
 * <p>Run: {@code java -jar qinglang-bench/target/benchmarks.jar LexiconScanBenchmark} from the repository
 * root (the data folder is {@code ../shared/data} unless {@code -Dqinglang.data=...}); or
 * {@code qinglang-bench/run-lexicon.sh}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Thread)
public class LexiconScanBenchmark {

    /** The corpus and the word list, loaded once per fork. */
    @State(Scope.Benchmark)
    public static class Data {
        List<String> texts;
        List<String> terms;

        @Setup(Level.Trial)
        public void load() {
            Corpus corpus = Corpus.standard();
            texts = corpus.texts();
            terms = WordListFile.sensitiveWordDict();
            System.out.println();
            System.out.println(corpus.describe());
            System.out.printf("lexicon: %,d terms (%s)%n", terms.size(), WordListFile.SENSITIVE_WORD_DICT);
        }
    }

    /** Qinglang, every channel of a plain word list (exact, folded, pinyin). */
    @State(Scope.Benchmark)
    public static class QinglangAll {
        FeatureLibrary library;

        @Setup(Level.Trial)
        public void build(Data data) {
            library = FeatureLibrary.compile(data.terms.stream().map(Entry::of).toList());
        }
    }

    /** Qinglang, exact channel only. */
    @State(Scope.Benchmark)
    public static class QinglangExact {
        FeatureLibrary library;

        @Setup(Level.Trial)
        public void build(Data data) {
            library = FeatureLibrary.compile(data.terms.stream().map(Entry::of).toList(), EnumSet.of(Channel.EXACT));
        }
    }

    /** houbb/sensitive-word 0.25.0. */
    @State(Scope.Benchmark)
    public static class SensitiveWord {
        SensitiveWordBs words;

        @Setup(Level.Trial)
        public void build(Data data) {
            words = PeerMatchers.sensitiveWord(data.terms);
        }
    }

    /** hankcs aho-corasick-double-array-trie 1.2.3. */
    @State(Scope.Benchmark)
    public static class AcTrie {
        AhoCorasickDoubleArrayTrie<String> trie;

        @Setup(Level.Trial)
        public void build(Data data) {
            trie = PeerMatchers.acDoubleArrayTrie(data.terms);
        }
    }

    private String[] texts;
    private int cursor;

    @Setup(Level.Trial)
    public void cursor(Data data) {
        texts = data.texts.toArray(String[]::new);
        cursor = 0;
    }

    private String next() {
        String t = texts[cursor];
        cursor = cursor + 1 == texts.length ? 0 : cursor + 1;
        return t;
    }

    @Benchmark
    public void qinglangAllChannels(QinglangAll q, Blackhole bh) {
        bh.consume(q.library.scan(next()));
    }

    @Benchmark
    public void qinglangExactOnly(QinglangExact q, Blackhole bh) {
        bh.consume(q.library.scan(next()));
    }

    @Benchmark
    public void sensitiveWord(SensitiveWord s, Blackhole bh) {
        bh.consume(s.words.findAll(next()));
    }

    @Benchmark
    public void acDoubleArrayTrie(AcTrie a, Blackhole bh) {
        bh.consume(a.trie.parseText(next()));
    }
}
