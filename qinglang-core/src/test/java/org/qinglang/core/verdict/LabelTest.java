package org.qinglang.core.verdict;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabelTest {

    private static double written(double score) {
        return new Label("辱骂", Moderator.MODEL_SUB_LABEL, score, List.of()).scoreAsWritten();
    }

    @Test
    void aScoreIsCutNotRoundedSoItNeverShowsAThresholdItDidNotReach() {
        assertThat(written(0.89996)).isEqualTo(0.8999);
        assertThat(written(0.9)).isEqualTo(0.9);
        assertThat(written(0.12345)).isEqualTo(0.1234);
        assertThat(written(0.29)).isEqualTo(0.29);
    }
}
