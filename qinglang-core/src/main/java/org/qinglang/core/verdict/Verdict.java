package org.qinglang.core.verdict;

import java.util.List;
import java.util.Objects;

/**
 * The Moderator's answer for one text, with the field names of ARCHITECTURE.md.
 *
 * @param suggestion     pass, review or block: the most severe suggestion of any label
 * @param riskLevel      none, low, medium or high
 * @param labels         the reasons, most severe first; empty for a text that passes with nothing against it
 * @param warnBeforePost true where a person is about to post this text and should be asked "are you sure?"
 *                       (发文警示): the suggestion is review or block and the scene is one of
 *                       {@link Context#POSTING_SCENES}
 */
public record Verdict(Suggestion suggestion, RiskLevel riskLevel, List<Label> labels, boolean warnBeforePost) {

    public Verdict {
        Objects.requireNonNull(suggestion, "suggestion");
        Objects.requireNonNull(riskLevel, "riskLevel");
        labels = List.copyOf(labels);
    }
}
