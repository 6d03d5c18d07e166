package org.qinglang.core.classify;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The fast abusive-language model (快速模式): logistic regression over {@link FastFeatures}. The score is
 * {@code 1 / (1 + e^-(w·x + b))}; the label is 1 when the score reaches the threshold chosen on dev data.
 *
 * <p>Immutable and thread-safe. Made by {@link FastTrainer}, stored and loaded by {@link ModelFile}.
 *
 * @param features  how texts become feature vectors
 * @param weights   one weight per feature ({@link FastFeatures#dimension()} of them); never modified
 * @param bias      the intercept b
 * @param threshold the score from which the label is 1, in (0, 1)
 * @param about     where the model came from
 */
public record FastModel(FastFeatures features, float[] weights, float bias, double threshold, Provenance about)
        implements AbuseClassifier {

    /**
     * Where a model came from; kept in its file.
     *
     * @param trainingSha256 SHA-256 of the training data (lower-case hex, 64 characters)
     * @param c              liblinear's cost parameter C the model was trained with
     * @param createdBy      the program and libraries that made it, e.g. {@code qinglang 0.1.0, liblinear 2.44}
     */
    public record Provenance(String trainingSha256, double c, String createdBy) {
        public Provenance {
            Objects.requireNonNull(trainingSha256, "trainingSha256");
            Objects.requireNonNull(createdBy, "createdBy");
            if (trainingSha256.length() != 64 || !trainingSha256.chars().allMatch(ch -> HexFormat.isHexDigit(ch))) {
                throw new IllegalArgumentException("trainingSha256 must be 64 hex digits, was '" + trainingSha256 + "'");
            }
        }
    }

    public FastModel {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(about, "about");
        if (weights.length != features.dimension()) {
            throw new IllegalArgumentException("expected " + features.dimension() + " weights for " + features
                    + ", got " + weights.length);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
        }
        if (!Float.isFinite(bias)) {
            throw new IllegalArgumentException("bias must be finite, was " + bias);
        }
    }

    @Override
    public Mode mode() {
        return Mode.FAST;
    }

    @Override
    public AbuseScore score(String text) {
        double p = probability(features.extract(text));
        return new AbuseScore(p, p >= threshold ? 1 : 0);
    }

    /** The score of an already extracted feature vector. */
    double probability(FastFeatures.Vector x) {
        return 1.0 / (1.0 + Math.exp(-margin(x)));
    }

    /** w·x + b, the log-odds before the sigmoid. */
    double margin(FastFeatures.Vector x) {
        double z = bias;
        int[] index = x.index();
        float[] value = x.value();
        for (int i = 0; i < index.length; i++) {
            z += weights[index[i]] * value[i];
        }
        return z;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastModel m && m.features.equals(features) && Arrays.equals(m.weights, weights)
                && Float.compare(m.bias, bias) == 0 && Double.compare(m.threshold, threshold) == 0
                && m.about.equals(about);
    }

    @Override
    public int hashCode() {
        return Objects.hash(features, Arrays.hashCode(weights), bias, threshold, about);
    }

    @Override
    public String toString() {
        return "FastModel[" + features + ", threshold=" + threshold + ", " + about + "]";
    }
}
