package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionTest {

    @Test
    void badInputIsRejectedWithTheFieldNamed() {
        assertThatThrownBy(() -> Action.of(" ", ActionType.LIKE, "t", 0)).hasMessage("actor must not be blank");
        assertThatThrownBy(() -> Action.of("a", ActionType.LIKE, null, 0)).hasMessage("target must not be blank");
        assertThatThrownBy(() -> Action.rating("a", "t", 0, 6, 1)).hasMessageContaining("rating must be 1 to 5");
        assertThatThrownBy(() -> new Action("a", ActionType.LIKE, "t", 0, "", "", "", 3, 1))
                .hasMessageContaining("rating must be 0 for a like");
        assertThatThrownBy(() -> new Action("a", ActionType.LIKE, "t", 0, "", "", "", 0, -1))
                .hasMessageContaining("actorAgeDays");
        assertThat(new Action("a", ActionType.POST, "t", 0, null, null, null, 0, 0).text()).isEmpty();
    }

    @Test
    void findingsAreSortedAndChecked() {
        CoordinationFinding f = new CoordinationFinding(FindingKind.DENSE_BLOCK, List.of("b", "a", "b"), List.of("t"), 1, 2,
                0.5, Map.of("z", "1", "a", "2"));
        assertThat(f.members()).containsExactly("a", "b");
        assertThat(f.evidence().keySet()).containsExactly("a", "z");
        assertThatThrownBy(() -> new CoordinationFinding(FindingKind.DENSE_BLOCK, List.of(), List.of(), 1, 2, 0.5, Map.of()))
                .hasMessage("members must not be empty");
        assertThatThrownBy(() -> new CoordinationFinding(FindingKind.DENSE_BLOCK, List.of("a"), List.of(), 3, 2, 0.5, Map.of()))
                .hasMessageContaining("must not be before");
        assertThatThrownBy(() -> new CoordinationFinding(FindingKind.DENSE_BLOCK, List.of("a"), List.of(), 1, 2, 1.5, Map.of()))
                .hasMessageContaining("score must be 0 to 1");
    }

    @Test
    void theAnalyzerRunsOnAnEmptyBatch() {
        assertThat(CoordinationAnalyzer.DEFAULTS.analyse(List.of(), Map.of(), Map.of(), 0)).isEmpty();
    }
}
