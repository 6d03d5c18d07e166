package org.qinglang.app.stream;

import org.junit.jupiter.api.Test;
import org.qinglang.core.verdict.RiskLevel;
import org.qinglang.core.verdict.Suggestion;
import org.qinglang.core.verdict.Verdict;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Ingestion's verdicts are lent to the detectors on the ingesting thread, for that batch only. */
class JudgedVerdictsTest {

    private static final Verdict BLOCK = new Verdict(Suggestion.BLOCK, RiskLevel.HIGH, List.of(), true);

    @Test
    void lentDuringTheBatchOnItsThreadOnly() throws Exception {
        JudgedVerdicts judged = new JudgedVerdicts();
        AtomicReference<Optional<Verdict>> inside = new AtomicReference<>();
        AtomicReference<Optional<Verdict>> otherThread = new AtomicReference<>();
        judged.during(Map.of("e-1", BLOCK), () -> {
            inside.set(judged.of("e-1"));
            assertThat(judged.of("e-2")).isEmpty();
            Thread t = new Thread(() -> otherThread.set(judged.of("e-1")));
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(inside.get()).contains(BLOCK);
        assertThat(otherThread.get()).isEmpty();
        assertThat(judged.of("e-1")).as("nothing lent after the batch").isEmpty();
    }
}
