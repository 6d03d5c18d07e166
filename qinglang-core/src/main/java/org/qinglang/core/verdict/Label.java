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
}
