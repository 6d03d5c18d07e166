package org.qinglang.bench.coord;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreTest {

    @Test
    void precisionRecallAndF1AreCountedPerAccount() {
        CoordinationEval.Score s = CoordinationEval.Score.of(Set.of("a", "b", "x"), Set.of("a", "b", "c", "d"));
        assertThat(s).isEqualTo(new CoordinationEval.Score(2, 1, 2));
        assertThat(s.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(s.f1()).isCloseTo(2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), within(1e-12));
    }

    @Test
    void flaggingNothingOfSomethingScoresZero() {
        CoordinationEval.Score s = CoordinationEval.Score.of(Set.of(), Set.of("a"));
        assertThat(s.precision()).isZero();
        assertThat(s.recall()).isZero();
        assertThat(s.f1()).isZero();
    }

    @Test
    void theGeneratorsHeavyTailHelpersAreNormalised() {
        double[] c = CoordinationTraffic.cdf(CoordinationTraffic.zipf(3, 1.0));
        assertThat(c).containsExactly(1.0, 1.5, 1.5 + 1.0 / 3);
        assertThat(CoordinationTraffic.clamp(7.2)).isEqualTo(5);
        assertThat(CoordinationTraffic.clamp(-1)).isEqualTo(1);
    }
}
