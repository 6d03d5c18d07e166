package org.qinglang.core.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The accurate abusive-language model (精准模式): a logistic model over the sentence vector of
 * {@link SentenceEncoder} and the fast model's n-gram part. The score is
 * {@code 1 / (1 + e^-(v·e + f·m + b + q(u)))}, where {@code e} is the text's sentence vector,
 * {@code m} the margin {@code w·x + b'} of {@link #fast()} on the text's n-gram features, {@code v} the
 * embedding weights, {@code f} the fast weight, and {@code q} the pairwise part of a factorization machine
 * over {@code u = [e, m]} ({@link Interactions}; none for the linear combinations). Three ways of training
 * it give this one form ({@link Combination}).
 *
 * <p>Where the fast margin {@code m} alone already settles the label, the encoder is not run: the
 * {@link Shortcut} scores such a text as the model would with the sentence vector at its training mean.
 *
 * <p>Immutable and thread-safe. Made by {@link AccurateTrainer}, stored and loaded by {@link ModelFile}.
 * Scoring a text costs one run of the encoder (for a comment of 50–100 characters, 5–7 ms on one core of a
 * processor with int8 dot-product instructions, ~45 ms on one without) plus the fast features, or the fast
 * features alone (~15 µs) where the shortcut applies.
 *
 * @param combination      how the fast part was trained with the sentence vector
 * @param fast             the n-gram part; its threshold is not used
 * @param embeddingWeights one weight per dimension of the sentence vector; never modified
 * @param fastWeight       f, the weight of the fast part's margin
 * @param interactions     q, the pairwise part ({@link Interactions#NONE} unless {@link Combination#FM})
 * @param bias             b
 * @param threshold        the score from which the label is 1, in (0, 1)
 * @param about            where the model came from
 * @param encoder          the sentence encoder (not stored: its {@link SentenceEncoder#ID} is)
 * @param shortcut         where the encoder is skipped ({@link Shortcut#NONE}: never)
 */
public record AccurateModel(Combination combination, FastModel fast, float[] embeddingWeights, float fastWeight,
                            Interactions interactions, float bias, double threshold, FastModel.Provenance about,
                            SentenceEncoder encoder, Shortcut shortcut)
        implements AbuseClassifier {

    /** A model that runs the encoder on every text. */
    public AccurateModel(Combination combination, FastModel fast, float[] embeddingWeights, float fastWeight,
                         Interactions interactions, float bias, double threshold, FastModel.Provenance about,
                         SentenceEncoder encoder) {
        this(combination, fast, embeddingWeights, fastWeight, interactions, bias, threshold, about, encoder,
                Shortcut.NONE);
    }

    /** A linear model (no pairwise part): {@link Combination#SCORE} or {@link Combination#FEATURES}. */
    public AccurateModel(Combination combination, FastModel fast, float[] embeddingWeights, float fastWeight,
                         float bias, double threshold, FastModel.Provenance about, SentenceEncoder encoder) {
        this(combination, fast, embeddingWeights, fastWeight, Interactions.NONE, bias, threshold, about, encoder);
    }

    /**
     * Where the encoder is not run (捷径): a text whose fast margin {@code m} is below {@code low} or above
     * {@code high} scores {@code 1 / (1 + e^-(intercept + slope·m))}, which is the model's own score with the
     * sentence vector at the mean of its training texts' vectors (the pairwise part is then linear in
     * {@code m}, so two numbers hold it). {@link AccurateTrainer} sets the band on dev so that no dev text
     * outside it gets another label than the encoder gives it.
     *
     * @param low       below this margin the encoder is skipped
     * @param high      above this margin the encoder is skipped; not below {@code low}
     * @param intercept the score's log-odds at margin 0 with the mean sentence vector
     * @param slope     how much the log-odds grow per unit of margin, with the mean sentence vector
     */
    public record Shortcut(double low, double high, double intercept, double slope) {

        /** No shortcut: the encoder runs on every text. */
        public static final Shortcut NONE = new Shortcut(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0);

        public Shortcut {
            if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
                throw new IllegalArgumentException("the shortcut's band must run from low to high, was [" + low
                        + ", " + high + "]");
            }
            if (!Double.isFinite(intercept) || !Double.isFinite(slope)) {
                throw new IllegalArgumentException("the shortcut's intercept and slope must be finite, were "
                        + intercept + ", " + slope);
            }
        }

        /** Whether a text of fast margin {@code m} skips the encoder. */
        public boolean applies(double m) {
            return m < low || m > high;
        }

        /** The score of a text of fast margin {@code m} that skips the encoder. */
        public double probability(double m) {
            return logistic(intercept + slope * m);
        }

        /** Whether this is {@link #NONE}, that is, the encoder runs on every text. */
        public boolean isNone() {
            return low == Double.NEGATIVE_INFINITY && high == Double.POSITIVE_INFINITY;
        }
    }

    /**
     * The pairwise part of a factorization machine (因子分解机) over {@code u = [e, m]} ({@code n} =
     * {@link SentenceEncoder#DIMENSION} + 1 numbers):
     * {@code q(u) = ½ Σ_f [(P_f·u)² − Σ_j P_fj² u_j²] − ½ Σ_f [(N_f·u)² − Σ_j N_fj² u_j²]}, where the rows
     * {@code P_f} are the factors of the offensive class and {@code N_f} those of the other class (a two-class
     * softmax is the logistic of the difference of its two scores). Rows are never modified.
     *
     * @param plus  the offensive class's factor rows, each of {@code n} numbers
     * @param minus the other class's factor rows, each of {@code n} numbers
     */
    public record Interactions(float[][] plus, float[][] minus) {

        /** No pairwise part. */
        public static final Interactions NONE = new Interactions(new float[0][], new float[0][]);

        public Interactions {
            Objects.requireNonNull(plus, "plus");
            Objects.requireNonNull(minus, "minus");
            for (float[][] rows : List.of(plus, minus)) {
                for (float[] row : rows) {
                    if (row.length != SentenceEncoder.DIMENSION + 1) {
                        throw new IllegalArgumentException("a factor row has " + row.length + " numbers, not "
                                + (SentenceEncoder.DIMENSION + 1));
                    }
                }
            }
        }

        /** Whether there is no pairwise part. */
        public boolean isEmpty() {
            return plus.length == 0 && minus.length == 0;
        }

        /** q(u) for {@code u = [e, m]}. */
        double of(float[] e, double m) {
            return half(plus, e, m) - half(minus, e, m);
        }

        private static double half(float[][] rows, float[] e, double m) {
            double q = 0;
            int last = e.length;
            for (float[] row : rows) {
                double s = row[last] * m;
                double s2 = s * s;
                for (int j = 0; j < last; j++) {
                    double t = row[j] * e[j];
                    s += t;
                    s2 += t * t;
                }
                q += s * s - s2;
            }
            return q / 2;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Interactions i && Arrays.deepEquals(i.plus, plus) && Arrays.deepEquals(i.minus, minus);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.deepHashCode(plus), Arrays.deepHashCode(minus));
        }

        @Override
        public String toString() {
            return "Interactions[" + plus.length + " + " + minus.length + " factors]";
        }
    }

    /** How the fast part and the sentence vector were put together in training. */
    public enum Combination {
        /**
         * Stacking: the fast model is trained on its own; its margin (out-of-fold on the training texts) is
         * one more feature beside the sentence vector.
         */
        SCORE,
        /** One logistic regression over the sentence vector and the n-gram features together (fast weight 1). */
        FEATURES,
        /**
         * Stacking as {@link #SCORE}, with a factorization machine in place of the logistic regression: the
         * same inputs (sentence vector and out-of-fold fast margin) and their pairwise interactions through
         * low-rank factors.
         */
        FM;

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
            throw new IllegalArgumentException("unknown combination '" + id + "': use score, features or fm");
        }
    }

    public AccurateModel {
        Objects.requireNonNull(combination, "combination");
        Objects.requireNonNull(fast, "fast");
        Objects.requireNonNull(embeddingWeights, "embeddingWeights");
        Objects.requireNonNull(interactions, "interactions");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(shortcut, "shortcut");
        if (interactions.isEmpty() == (combination == Combination.FM)) {
            throw new IllegalArgumentException(combination == Combination.FM
                    ? "the fm combination needs factors" : "only the fm combination has factors");
        }
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
        FastFeatures.Vector x = fast.features().extract(text);
        double m = fast.margin(x);
        double p = shortcut.applies(m) ? shortcut.probability(m) : logistic(logOdds(encoder.encode(text), m));
        return new AbuseScore(p, p >= threshold ? 1 : 0);
    }

    /** Whether scoring {@code text} skips the encoder, its fast margin lying outside the shortcut's band. */
    public boolean skipsEncoder(String text) {
        return shortcut.applies(fast.margin(fast.features().extract(text)));
    }

    /** This model without its shortcut: the encoder runs on every text. */
    @Override
    public AccurateModel inFull() {
        return withShortcut(Shortcut.NONE);
    }

    /** This model with another shortcut ({@link Shortcut#NONE}: the encoder runs on every text). */
    public AccurateModel withShortcut(Shortcut s) {
        return new AccurateModel(combination, fast, embeddingWeights, fastWeight, interactions, bias, threshold, about,
                encoder, s);
    }

    /** The score of a text whose sentence vector and fast features are already computed (no shortcut). */
    double probability(float[] embedding, FastFeatures.Vector x) {
        return logistic(logOdds(embedding, fast.margin(x)));
    }

    private static double logistic(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** The log-odds of a text of sentence vector {@code embedding} and fast margin {@code m}. */
    double logOdds(float[] embedding, double m) {
        double z = bias + fastWeight * m;
        if (!interactions.isEmpty()) {
            z += interactions.of(embedding, m);
        }
        for (int i = 0; i < embeddingWeights.length; i++) {
            z += embeddingWeights[i] * embedding[i];
        }
        return z;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccurateModel m && m.combination == combination && m.fast.equals(fast)
                && Arrays.equals(m.embeddingWeights, embeddingWeights) && Float.compare(m.fastWeight, fastWeight) == 0
                && m.interactions.equals(interactions)
                && Float.compare(m.bias, bias) == 0 && Double.compare(m.threshold, threshold) == 0
                && m.about.equals(about) && m.shortcut.equals(shortcut);
    }

    @Override
    public int hashCode() {
        return Objects.hash(combination, fast, Arrays.hashCode(embeddingWeights), fastWeight, interactions, bias,
                threshold, about, shortcut);
    }

    @Override
    public String toString() {
        return "AccurateModel[" + combination.id() + ", " + SentenceEncoder.ID + ", " + fast.features()
                + ", threshold=" + threshold + ", " + shortcut + ", " + about + "]";
    }
}
