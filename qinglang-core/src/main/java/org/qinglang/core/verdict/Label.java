package org.qinglang.core.verdict;

import org.qinglang.core.lexicon.Hit;

import java.util.List;
import java.util.Objects;

/**
 * One reason in a verdict.
 *
 * @param label    the category, such as 辱骂 (the model's) or a feature-library category (色情, 网暴 …)
 * @param subLabel the finer reason: the term of the most serious hit, or {@value Moderator#MODEL_SUB_LABEL}
 *                 when only the model speaks
 * @param score    the model's score moved by the context, in [0, 1]
 * @param hits     the feature-library hits of this category, sorted by start (empty when only the model speaks)
 */
public record Label(String label, String subLabel, double score, List<Hit> hits) {

    public Label {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(subLabel, "subLabel");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
        hits = List.copyOf(hits);
    }

    /**
     * The score as it is written out (JSON of the command line and the server): cut, not rounded, to 4 places, so
     * that a score shown never reaches a threshold the score itself did not (0.89996 rounded was 0.9, the block
     * threshold, beside a review); the nudge keeps 0.29, which is 2899.9999… ten-thousandths, at 0.29.
     */
    public double scoreAsWritten() {
        return Math.floor(score * 10_000 + 1e-9) / 10_000.0;
    }
}
