package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SynchronisedActionsTest {

    static Action like(String actor, String target, long ts, String prefix) {
        return new Action(actor, ActionType.LIKE, target, ts, prefix, "", "", 0, 10);
    }

    @Test
    void lockstepGroupHidingBehindPopularTargetsIsFound() {
        Random rnd = new Random(7);
        List<Action> actions = new ArrayList<>();
        // 8 accounts like 10 targets, each target within the same hour
        for (int t = 0; t < 10; t++) {
            long hour = 3_600L * (5 + 7 * t);
            for (int a = 0; a < 8; a++) {
                actions.add(like("g" + a, "t" + t, hour + rnd.nextInt(3_000), "10.0.0.0/24"));
            }
        }
        // camouflage and background: everyone likes popular targets at random times
        for (int a = 0; a < 200; a++) {
            String actor = a < 8 ? "g" + a : "h" + a;
            for (int k = 0; k < 10; k++) {
                actions.add(like(actor, "pop" + rnd.nextInt(5), rnd.nextInt(7 * 86_400), "1.2." + rnd.nextInt(50) + ".0/24"));
            }
        }
        List<CoordinationFinding> found = SynchronisedActions.DEFAULTS.find(actions);
        assertThat(found).hasSize(1);
        CoordinationFinding f = found.get(0);
        assertThat(f.members()).containsExactly("g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7");
        assertThat(f.targets()).containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9");
        assertThat(f.evidence()).containsEntry("synchronisedTargetWindows", "10");
    }

    @Test
    void aTargetWindowIsSynchronisedByHalfTheGroupNotByOneMemberActingOften() {
        List<Action> actions = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            for (int m = 0; m < 5; m++) {
                actions.add(Action.of("g" + m, ActionType.LIKE, "t" + t, 36_000L * t + m));
            }
        }
        for (int k = 0; k < 3; k++) { // one member, three times in an hour
            actions.add(Action.of("g0", ActionType.LIKE, "x", 360_000L + k));
        }
        for (int m = 0; m < 2; m++) { // two of five: less than half
            actions.add(Action.of("g" + m, ActionType.LIKE, "y", 400_000L + m));
        }
        CoordinationFinding f = SynchronisedActions.DEFAULTS.find(actions).get(0);
        assertThat(f.targets()).doesNotContain("x", "y");
        assertThat(f.evidence()).containsEntry("synchronisedTargetWindows", "6");
    }

    @Test
    void sameTargetsAtDifferentTimesAreNotSynchronised() {
        List<Action> actions = new ArrayList<>();
        for (int a = 0; a < 8; a++) {
            for (int t = 0; t < 10; t++) {
                actions.add(like("u" + a, "t" + t, 86_400L * a + 3_600L * t, ""));
            }
        }
        assertThat(SynchronisedActions.DEFAULTS.find(actions)).isEmpty();
    }
}
