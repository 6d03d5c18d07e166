package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RaterFairnessTest {

    /**
     * The toy of REV2's Figure 1, in stars: three honest raters agree on three items (two good, one bad); one
     * rater rates every item against them.
     */
    @Test
    void theDissenterIsLeastFairAndGoodnessFollowsTheHonestMajority() {
        List<Action> rs = new ArrayList<>();
        for (String u : List.of("a", "b", "c")) {
            rs.add(Action.rating(u, "good1", 1, 5, 100));
            rs.add(Action.rating(u, "good2", 1, 4, 100));
            rs.add(Action.rating(u, "bad", 1, 1, 100));
        }
        rs.add(Action.rating("troll", "good1", 2, 1, 1));
        rs.add(Action.rating("troll", "good2", 2, 1, 1));
        rs.add(Action.rating("troll", "bad", 2, 5, 1));
        RaterFairness.Scores s = RaterFairness.DEFAULTS.score(rs);
        double troll = s.fairness().get("troll");
        for (String u : List.of("a", "b", "c")) {
            assertThat(s.fairness().get(u)).isGreaterThan(troll + 0.15);
        }
        assertThat(s.goodness().get("good1")).isGreaterThan(0.3);
        assertThat(s.goodness().get("bad")).isLessThan(-0.3);
        assertThat(s.iterations()).isLessThan(100);
        // every value in its range
        s.fairness().values().forEach(f -> assertThat(f).isBetween(0.0, 1.0));
        s.goodness().values().forEach(g -> assertThat(g).isBetween(-1.0, 1.0));
    }

    @Test
    void noRatingsGiveNoScores() {
        assertThat(RaterFairness.DEFAULTS.score(List.of(Action.of("a", ActionType.LIKE, "p", 1))).fairness()).isEmpty();
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new RaterFairness(1, 0.5, 1, 0, 0, 1e-4, 10)).hasMessageContaining("gamma1 + gamma2");
        assertThatThrownBy(() -> new RaterFairness(1, 2, 1, 1, 1, 1e-4, 10)).hasMessageContaining("muFairness");
    }
}
