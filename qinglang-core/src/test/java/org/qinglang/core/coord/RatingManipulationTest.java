package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RatingManipulationTest {

    static final long DAY = 86_400;

    /** 60 days of organic ratings of a mediocre item, 1 a day, scores 2-4. */
    static List<Action> organic(Random rnd) {
        List<Action> rs = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            rs.add(Action.rating("o" + d, "film", d * DAY + rnd.nextInt(80_000), 2 + rnd.nextInt(3), 400));
        }
        return rs;
    }

    @Test
    void aBurstOfFiveStarsFromNewAccountsIsFound() {
        List<Action> rs = organic(new Random(1));
        for (int i = 0; i < 25; i++) {
            rs.add(Action.rating("s" + i, "film", 30 * DAY + i * 1_000L, 5, 3));
        }
        List<CoordinationFinding> found = RatingManipulation.DEFAULTS.find(rs);
        assertThat(found).hasSize(1);
        CoordinationFinding f = found.get(0);
        assertThat(f.targets()).containsExactly("film");
        assertThat(f.members()).hasSize(25).allMatch(m -> m.startsWith("s"));
        assertThat(f.evidence()).containsEntry("suspectsNewAccounts", "25");
        assertThat(Double.parseDouble(f.evidence().get("meanWithSuspects")))
                .isGreaterThan(Double.parseDouble(f.evidence().get("meanWithoutSuspects")) + 0.5);
    }

    @Test
    void aStreamsOneDayBatchIsMeasuredAgainstTheItemsHistory() {
        // a day's window holding only the burst: 25 five-star ratings from established accounts, and the other
        // items' ratings around 3.5
        Random rnd = new Random(3);
        List<Action> day = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            day.add(Action.rating("s" + i, "film", 30 * DAY + i * 1_000L, 5, 400));
        }
        for (int i = 0; i < 200; i++) {
            day.add(Action.rating("b" + i, "other-" + (i % 20), 30 * DAY + rnd.nextInt(80_000), 3 + rnd.nextInt(2), 400));
        }
        // without history the film's busiest day is the whole batch, measured against the other items only: not
        // enough to call established raters bought (an organic first day of a good film looks the same)
        assertThat(RatingManipulation.DEFAULTS.find(day)).isEmpty();
        // with its 60 days of ratings between 2 and 4 kept by the stream, the burst stands out
        RatingManipulation.History film = RatingManipulation.History.NONE;
        for (Action a : organic(new Random(1))) {
            film = film.plus(a);
        }
        List<CoordinationFinding> found = RatingManipulation.DEFAULTS.find(day, Map.of(), Map.of("film", film));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.targets()).containsExactly("film");
            assertThat(f.members()).hasSize(25);
        });
    }

    @Test
    void withoutABaselineABurstCountsOnlyFromNewAccounts() {
        List<Action> day = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            day.add(Action.rating("s" + i, "film", i * 1_000L, 5, i < 15 ? 3 : 400));
        }
        for (int i = 0; i < 200; i++) {
            day.add(Action.rating("b" + i, "other-" + (i % 20), 50_000L + i, 3, 400));
        }
        assertThat(RatingManipulation.DEFAULTS.find(day)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("suspectsNewAccounts", "15"));
    }

    @Test
    void anOrganicReleaseSpikeWithTheUsualMixIsNotFound() {
        Random rnd = new Random(2);
        List<Action> rs = organic(rnd);
        for (int i = 0; i < 40; i++) {
            rs.add(Action.rating("r" + i, "film", i * 2_000L, 2 + rnd.nextInt(3), 500));
        }
        assertThat(RatingManipulation.DEFAULTS.find(rs)).isEmpty();
    }

    @Test
    void theMeanWithoutSuspectsKeepsASuspectsOtherRatings() {
        // x rated before release (suspect) and again after it (not); y once after it
        List<Action> rs = List.of(Action.rating("x", "film", 50, 5, 3), Action.rating("x", "film", 200, 1, 3),
                Action.rating("y", "film", 200, 3, 400));
        CoordinationFinding f = RatingManipulation.DEFAULTS.find(rs, Map.of("film", 100L)).get(0);
        assertThat(f.members()).containsExactly("x");
        assertThat(f.evidence()).containsEntry("meanWithSuspects", "3.00").containsEntry("meanWithoutSuspects", "2.00");
    }

    @Test
    void ratingsBeforeReleaseAreSuspect() {
        List<Action> rs = organic(new Random(3));
        rs.add(Action.rating("early1", "film", -5 * DAY, 5, 2));
        rs.add(Action.rating("early2", "film", -4 * DAY, 5, 2));
        List<CoordinationFinding> found = RatingManipulation.DEFAULTS.find(rs, Map.of("film", 0L));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).members()).containsExactly("early1", "early2");
        assertThat(found.get(0).evidence()).containsEntry("suspectsBeforeRelease", "2");
    }
}
