package org.qinglang.app.api;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bodies are read whole within their bound, and what a body claims to be does not decide what is allocated. */
class BodiesTest {

    /** A request that declares {@code declared} bytes whatever it carries (a slow or lying client). */
    private static MockHttpServletRequest declaring(long declared, String body) {
        MockHttpServletRequest r = new MockHttpServletRequest() {
            @Override
            public long getContentLengthLong() {
                return declared;
            }
        };
        r.setContent(body.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    @Test
    void aKeyTwiceInOneObjectIsMalformed() {
        byte[] twice = "{\"text\":\"你好\",\"text\":\"傻逼\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Bodies.json(new com.fasterxml.jackson.databind.ObjectMapper(), twice, 0, twice.length, ""))
                .isInstanceOf(InvalidField.class);
    }

    @Test
    void aLargeDeclaredLengthIsNotAllocatedUpFront() {
        assertThat(Bodies.initialCapacity(32L << 20)).isLessThanOrEqualTo(Bodies.MAX_UP_FRONT);
        assertThat(Bodies.initialCapacity(300)).as("a small body is sized exactly").isEqualTo(300);
        assertThat(Bodies.initialCapacity(-1)).isEqualTo(8192);
        assertThat(Bodies.read(declaring(32L << 20, "{}"), 32L << 20)).containsExactly('{', '}');
    }

    @Test
    void aBodyOverItsBoundIsRefusedByItsDeclaredLengthOrAsRead() {
        assertThatThrownBy(() -> Bodies.read(declaring(11, "{}"), 10)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Bodies.read(declaring(-1, "x".repeat(11)), 10)).isInstanceOf(ApiException.class);
        assertThat(Bodies.read(declaring(-1, "x".repeat(10)), 10)).hasSize(10);
    }
}
