package org.qinglang.core.classify;

import java.util.Arrays;
import java.util.Objects;

/**
 * The accurate abusive-language model (精准模式): logistic regression over the sentence vector of
 * {@link SentenceEncoder} and the fast model's n-gram part. The score is
 * {@code 1 / (1 + e^-(v·e + f·m + b))}, where {@code e} is the text's unit-length sentence vector,
 * {@code m} the margin {@code w·x + b'} of {@link #fast()} on the text's n-gram features, {@code v} the
 * embedding weights and {@code f} the fast weight. Two ways of training it give this one form
 * ({@link Combination}).
 *
 * <p>Immutable and thread-safe. Made by {@link AccurateTrainer}, stored and loaded by {@link ModelFile}.
 * Scoring a text costs one run of the encoder (3–5 ms on one core for a comment of 50–100 characters) plus the fast features.
 *
 * @param combination      how the fast part was trained with the sentence vector
 * @param fast             the n-gram part; its threshold is not used
 * @param embeddingWeights one weight per dimension of the sentence vector; never modified
 * @param fastWeight       f, the weight of the fast part's margin
 * @param bias             b
 * @param threshold        the score from which the label is 1, in (0, 1)
 * @param about            where the model came from
 * @param encoder          the sentence encoder (not stored: its {@link SentenceEncoder#ID} is)
 */
public record AccurateModel(Combination combination, FastModel fast, float[] embeddingWeights, float fastWeight,
                            float bias, double threshold, FastModel.Provenance about, SentenceEncoder encoder)
        implements AbuseClassifier {

    /** How the fast part and the sentence vector were put together in training. */
    public enum Combination {
        /**
         * Stacking: the fast model is trained on its own; its margin (out-of-fold on the training texts) is
         * one more feature beside the sentence vector.
         */
        SCORE,
        /** One logistic regression over the sentence vector and the n-gram features together (fast weight 1). */
        FEATURES;

        /** The name used in files and on the command line: lower case. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The combination named {@code id}. */
        public static Combination fromId(String id) {
            for (Combination c : values()) {
                if (c.id().equals(id)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown combination '" + id + "': use score or features");
        }
    }

    public AccurateModel {
        Objects.requireNonNull(combination, "combination");
        Objects.requireNonNull(fast, "fast");
        Objects.requireNonNull(embeddingWeights, "embeddingWeights");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(encoder, "encoder");
        if (embeddingWeights.length != SentenceEncoder.DIMENSION) {
            throw new IllegalArgumentException("expected " + SentenceEncoder.DIMENSION + " embedding weights, got "
                    + embeddingWeights.length);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
        }
        if (!Float.isFinite(bias) || !Float.isFinite(fastWeight)) {
            throw new IllegalArgumentException("bias and fast weight must be finite, were " + bias + ", " + fastWeight);
        }
    }

    @Override
    public Mode mode() {
        return Mode.ACCURATE;
    }

    @Override
    public AbuseScore score(String text) {
        double p = probability(encoder.encode(text), fast.features().extract(text));
        return new AbuseScore(p, p >= threshold ? 1 : 0);
    }

    /** The score of a text whose sentence vector and fast features are already computed. */
    double probability(float[] embedding, FastFeatures.Vector x) {
        double z = bias + fastWeight * fast.margin(x);
        for (int i = 0; i < embeddingWeights.length; i++) {
            z += embeddingWeights[i] * embedding[i];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccurateModel m && m.combination == combination && m.fast.equals(fast)
                && Arrays.equals(m.embeddingWeights, embeddingWeights) && Float.compare(m.fastWeight, fastWeight) == 0
                && Float.compare(m.bias, bias) == 0 && Double.compare(m.threshold, threshold) == 0
                && m.about.equals(about);
    }

    @Override
    public int hashCode() {
        return Objects.hash(combination, fast, Arrays.hashCode(embeddingWeights), fastWeight, bias, threshold, about);
    }

    @Override
    public String toString() {
        return "AccurateModel[" + combination.id() + ", " + SentenceEncoder.ID + ", " + fast.features()
                + ", threshold=" + threshold + ", " + about + "]";
    }
}
