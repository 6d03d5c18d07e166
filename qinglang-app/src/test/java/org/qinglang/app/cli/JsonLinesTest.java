package org.qinglang.app.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesTest {

    @Test
    void countsUtf8BytesLikeTheEncoder() {
        for (String s : new String[] {"", "abc", "傻逼", "é", "😂x", "你好, world 𝐟"}) {
            assertThat(JsonLines.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
