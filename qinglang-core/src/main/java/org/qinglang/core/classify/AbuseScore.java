package org.qinglang.core.classify;

/**
 * The model's answer for one text.
 *
 * @param score how likely the text is offensive, in [0, 1]
 * @param label 1 if the model calls it offensive (the score reached the model's threshold), else 0
 */
public record AbuseScore(double score, int label) {

    public AbuseScore {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, was " + label);
        }
    }

    /** True if the label is 1. */
    public boolean offensive() {
        return label == 1;
    }
}
