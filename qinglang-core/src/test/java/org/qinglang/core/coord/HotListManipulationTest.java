package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HotListManipulationTest {

    @Test
    void aTrendingTargetCarriedByAGroupIsFoundAndAnOrganicOneIsNot() {
        long now = 100 * 3_600L;
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            actions.add(Action.of("g" + (i % 10), ActionType.LIKE, "pushed", now - 1_000 - i));
            actions.add(Action.of("fan" + i, ActionType.LIKE, "organic", now - 1_000 - i));
        }
        CoordinationFinding group = new CoordinationFinding(FindingKind.SYNCHRONISED,
                List.of("g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9"), List.of("pushed"), 0, now, 0.9, Map.of());
        List<CoordinationFinding> found = HotListManipulation.DEFAULTS.find(actions, List.of(group), now);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).targets()).containsExactly("pushed");
        assertThat(found.get(0).evidence()).containsEntry("groupShare", "1.00").containsEntry("groupKinds", "synchronised");
    }
}
