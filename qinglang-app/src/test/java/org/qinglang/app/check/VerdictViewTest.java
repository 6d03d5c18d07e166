package org.qinglang.app.check;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictViewTest {

    @Test
    void aScoreIsCutNotRoundedSoItNeverShowsAThresholdItDidNotReach() {
        assertThat(VerdictView.fourPlaces(0.89996)).isEqualTo(0.8999);
        assertThat(VerdictView.fourPlaces(0.9)).isEqualTo(0.9);
        assertThat(VerdictView.fourPlaces(0.12345)).isEqualTo(0.1234);
        assertThat(VerdictView.fourPlaces(0.29)).isEqualTo(0.29);
    }
}
