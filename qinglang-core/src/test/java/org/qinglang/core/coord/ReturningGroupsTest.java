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
    void linksAreCountedByKindOnlyForAccountsThatAreLinked() {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            actions.add(act("old" + i, "t" + i, "10.0.0.0/24", "dev-" + i, 300));
        }
        for (int i = 0; i < 3; i++) { // linked by the old devices
            actions.add(act("new" + i, "x" + i, "172.16." + i + ".0/24", "dev-" + i, 2));
        }
        for (int i = 0; i < 10; i++) { // new accounts on the group's network only: below the link score
            actions.add(act("near" + i, "y" + i, "10.0.0.0/24", "d" + i, 2));
        }
        CoordinationFinding f = ReturningGroups.DEFAULTS.find(actions, Map.of("G", Set.of("old0", "old1", "old2"))).get(0);
        assertThat(f.members()).containsExactly("new0", "new1", "new2");
        assertThat(f.evidence()).containsEntry("linkedAccounts", "3").containsEntry("linksByDevice", "3")
                .containsEntry("linksByNetwork", "0");
    }

    /**
     * Thirty new accounts come back on the old group's four small prefixes: they must not make those prefixes look
     * like a shared network to each other. One that only used two of them and liked a few of the group's targets
     * is linked; an account on a carrier NAT that the group also used is not.
     */
    @Test
    void theGroupsOwnNewAccountsDoNotDiluteItsNetworks() {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            actions.add(act("old" + i, "t" + i % 5, "10.0." + i % 4 + ".0/24", "dev-" + i, 300));
            actions.add(act("old" + i, "t" + i % 5, "100.64.0.0/16", "dev-" + i, 300));
        }
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 5; j++) {
                actions.add(act("new" + i, "t" + j, "10.0." + (i + j) % 4 + ".0/24", "own-" + i, 2));
            }
        }
        actions.add(act("quiet", "t0", "10.0.0.0/24", "own-q", 3));
        actions.add(act("quiet", "t1", "10.0.1.0/24", "own-q", 3));
        actions.add(act("quiet", "t2", "10.0.1.0/24", "own-q", 3));
        actions.add(act("quiet", "x1", "192.0.2.0/24", "own-q", 3));
        for (int i = 0; i < 200; i++) { // a carrier NAT with many established users
            actions.add(act("user" + i, "y" + i, "100.64.0.0/16", "d" + i, 900));
        }
        actions.add(act("nat", "t0", "100.64.0.0/16", "own-n", 3));
        actions.add(act("nat", "t1", "100.64.0.0/16", "own-n", 3));
        actions.add(act("nat", "t2", "100.64.0.0/16", "own-n", 3));
        actions.add(act("nat", "y1", "100.64.0.0/16", "own-n", 3));
        List<CoordinationFinding> found = ReturningGroups.DEFAULTS.find(actions, Map.of("G1", oldGroup()));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).members()).contains("new0", "new29", "quiet").doesNotContain("nat");
        assertThat(found.get(0).evidence().get("link:quiet")).contains("network(0.75)");
    }

    private static Set<String> oldGroup() {
        Set<String> g = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            g.add("old" + i);
        }
        return g;
    }

    @Test
    void tooFewLinksAreNotAReturn() {
        List<Action> actions = List.of(act("old", "t", "", "dev", 300), act("new", "t", "", "dev", 1));
        assertThat(ReturningGroups.DEFAULTS.find(actions, Map.of("G", Set.of("old")))).isEmpty();
    }
}
