package org.qinglang.core.verdict;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdsFileTest {

    @Test
    void readsEveryKindOfSetting() throws IOException {
        Thresholds t = Thresholds.parse(new StringReader("""
                # where     review  block
                *           0.4     0.8
                辱骂        0.45    0.85   # stricter for insults
                @danmaku    0.6     0.95
                辱骂@dm     0.3     0.7
                """), "t.txt");
        assertThat(t.of("网暴", "comment")).isEqualTo(new Thresholds.Level(0.4, 0.8));
        assertThat(t.of("辱骂", "comment")).isEqualTo(new Thresholds.Level(0.45, 0.85));
        assertThat(t.of("网暴", "danmaku")).isEqualTo(new Thresholds.Level(0.6, 0.95));
        assertThat(t.of("辱骂", "dm")).isEqualTo(new Thresholds.Level(0.3, 0.7));
    }

    @Test
    void badLinesNameTheFileAndLine() {
        assertThatThrownBy(() -> Thresholds.parse(new StringReader("* 0.5 0.9\n辱骂 0.5\n"), "t.txt"))
                .hasMessageStartingWith("t.txt:2: expected: where review block");
        assertThatThrownBy(() -> Thresholds.parse(new StringReader("辱骂 0.9 0.5\n"), "t.txt"))
                .hasMessageStartingWith("t.txt:1: the review threshold");
        assertThatThrownBy(() -> Thresholds.parse(new StringReader("辱骂 high 0.5\n"), "t.txt"))
                .hasMessageStartingWith("t.txt:1: ");
    }
}
