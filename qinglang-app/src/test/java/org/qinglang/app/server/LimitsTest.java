package org.qinglang.app.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitsTest {

    @Test
    void aTextLimitAboveWhatTheDatabaseKeepsIsRefusedAtStart() {
        // a 15,000-character text would pass the check and then fail its whole batch at the insert
        assertThatThrownBy(() -> new Limits(20_000, 10_000, 1 << 25, 1 << 17, 1000, 2000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10000");
        assertThat(new Limits(Limits.MAX_TEXT_CHARS, 10_000, 1 << 25, 1 << 17, 1000, 2000).textChars()).isEqualTo(10_000);
    }
}
