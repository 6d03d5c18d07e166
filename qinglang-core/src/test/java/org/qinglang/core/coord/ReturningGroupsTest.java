package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReturningGroupsTest {

    static Action act(String actor, String target, String prefix, String device, int age) {
        return new Action(actor, ActionType.LIKE, target, 100, prefix, device, "", 0, age);
    }

    @Test
    void newAccountsOnTheBannedGroupsDevicesAreLinked() {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            actions.add(act("old" + i, "t" + i, "10.9.8.0/24", "dev-" + i, 300));
        }
        // three new accounts, each on one of the old devices; one on an unrelated device
        for (int i = 0; i < 3; i++) {
            actions.add(act("new" + i, "x" + i, "172.16." + i + ".0/24", "dev-" + i, 2));
        }
        actions.add(act("innocent", "t0", "172.20.0.0/24", "dev-99", 2));
        List<CoordinationFinding> found = ReturningGroups.DEFAULTS.find(actions, Map.of("G1", Set.of("old0", "old1", "old2", "old3")));
        assertThat(found).hasSize(1);
        CoordinationFinding f = found.get(0);
        assertThat(f.kind()).isEqualTo(FindingKind.RETURNING_GROUP);
        assertThat(f.members()).containsExactly("new0", "new1", "new2");
        assertThat(f.evidence()).containsEntry("group", "G1").containsEntry("linksByDevice", "3");
        assertThat(f.evidence().get("link:new0")).contains("device");
    }

    @Test
    void tooFewLinksAreNotAReturn() {
        List<Action> actions = List.of(act("old", "t", "", "dev", 300), act("new", "t", "", "dev", 1));
        assertThat(ReturningGroups.DEFAULTS.find(actions, Map.of("G", Set.of("old")))).isEmpty();
    }
}
