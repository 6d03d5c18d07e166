package org.qinglang.app.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JcsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sortsKeysEscapesOnlyWhatRfc8785EscapesAndWritesLoneSurrogatesAsJavaScriptDoes() {
        ObjectNode n = json.createObjectNode();
        n.put("z", "a\uD800b");           // a lone high surrogate: Jackson's UTF-8 option merged it with the b
        n.put("b", "😀\u0001\t\"\\/");   // a pair stays UTF-8; controls and the quote and backslash are escaped
        n.putNull("a");
        n.put("n", 42);
        assertThat(new String(Jcs.bytes(n), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":null,\"b\":\"😀\\u0001\\t\\\"\\\\/\",\"n\":42,\"z\":\"a\\ud800b\"}");
    }

    @Test
    void aFractionIsRefusedSinceLibrariesWriteItsDigitsDifferently() {
        ObjectNode n = json.createObjectNode();
        n.put("score", 0.93);
        assertThatThrownBy(() -> Jcs.bytes(n)).isInstanceOf(IllegalArgumentException.class);
    }
}
