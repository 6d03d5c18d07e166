package org.qinglang.app.check;

import org.qinglang.core.lexicon.Hit;
import org.qinglang.core.verdict.Label;
import org.qinglang.core.verdict.Verdict;

import java.util.List;

/**
 * A verdict on the wire (检测结果), with ARCHITECTURE.md's field names: {@code suggestion} (pass | review |
 * block), {@code riskLevel} (none | low | medium | high), {@code labels[]} ({@code label}, {@code subLabel},
 * {@code score}, {@code hits[]}: {@code term}, {@code category}, {@code severity}, {@code channel},
 * {@code start}, {@code end}, {@code matched}) and {@code warnBeforePost}.
 */
public record VerdictView(String suggestion, String riskLevel, List<LabelView> labels, boolean warnBeforePost) {

    /** One label of a verdict. */
    public record LabelView(String label, String subLabel, double score, List<HitView> hits) {
    }

    /** One hit: where in the raw text ({@code start}, {@code end} in UTF-16 units) and by which channel. */
    public record HitView(String term, String category, String severity, String channel, int start, int end,
                          String matched) {
    }

    /** The view of {@code v}; scores as written by {@link Label#scoreAsWritten} (cut to 4 places). */
    public static VerdictView of(Verdict v) {
        return new VerdictView(v.suggestion().id(), v.riskLevel().id(),
                v.labels().stream().map(VerdictView::label).toList(), v.warnBeforePost());
    }

    private static LabelView label(Label l) {
        return new LabelView(l.label(), l.subLabel(), l.scoreAsWritten(),
                l.hits().stream().map(VerdictView::hit).toList());
    }


    private static HitView hit(Hit h) {
        return new HitView(h.term(), h.category(), h.severity().id(), h.channel().id(), h.start(), h.end(), h.matched());
    }
}
