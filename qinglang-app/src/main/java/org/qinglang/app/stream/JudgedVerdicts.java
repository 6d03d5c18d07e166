package org.qinglang.app.stream;

import org.qinglang.core.verdict.Verdict;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * The verdicts that ingestion has just given a batch's texts (已判定的结论), lent to the hosted detectors while
 * that batch passes through them, so that no text is judged twice. Confined to the thread that runs the batch
 * through a detector (its lane in {@link DetectorHost}); outside {@link #during} nothing is lent and detectors judge
 * for themselves. Thread-safe.
 */
@Component
public class JudgedVerdicts {

    private final ThreadLocal<Map<String, Verdict>> lent = new ThreadLocal<>();

    /** Runs {@code work} with {@code byEventId} lent to {@link #of}. */
    public void during(Map<String, Verdict> byEventId, Runnable work) {
        lent.set(byEventId);
        try {
            work.run();
        } finally {
            lent.remove();
        }
    }

    /** The verdict ingestion gave event {@code eventId} in the batch passing now, if any. */
    public Optional<Verdict> of(String eventId) {
        Map<String, Verdict> m = lent.get();
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(eventId));
    }
}
