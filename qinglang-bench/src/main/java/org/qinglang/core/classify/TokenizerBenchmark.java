package org.qinglang.core.classify;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.qinglang.bench.Corpus;
import org.qinglang.core.text.Folding;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sentence encoder's tokenizer: {@link BertTokenizer} against the native Hugging Face tokenizer through DJL
 * (what {@link SentenceEncoder} used before), same {@code tokenizer.json}, same folded texts ({@link
 * Corpus#standard()}), at most {@link SentenceEncoder#MAX_TOKENS} tokens; one text per operation, one thread. It
 * sits in the tokenizer's package because the tokenizer is not public.
 *
 * <p>Run: {@code java -jar qinglang-bench/target/benchmarks.jar TokenizerBenchmark} from the repository root.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class TokenizerBenchmark {

    private static final String JSON = "/bge-small-zh-v1.5-q-tokenizer.json";

    private BertTokenizer java;
    private HuggingFaceTokenizer djl;
    private String[] texts;
    private int cursor;

    @Setup(Level.Trial)
    public void load() throws IOException {
        texts = Corpus.standard().texts().stream().map(Folding.standard()::foldString).toArray(String[]::new);
        try (InputStream in = BgeSmallZhV15QuantizedEmbeddingModel.class.getResourceAsStream(JSON)) {
            java = BertTokenizer.read(in, JSON);
        }
        try (InputStream in = BgeSmallZhV15QuantizedEmbeddingModel.class.getResourceAsStream(JSON)) {
            djl = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "true",
                    "maxLength", Integer.toString(SentenceEncoder.MAX_TOKENS)));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        djl.close();
    }

    private String next() {
        String t = texts[cursor];
        cursor = cursor + 1 == texts.length ? 0 : cursor + 1;
        return t;
    }

    @Benchmark
    public long[] bertTokenizer() {
        return java.encode(next(), SentenceEncoder.MAX_TOKENS);
    }

    @Benchmark
    public long[] djlNative() {
        return djl.encode(next()).getIds();
    }
}
