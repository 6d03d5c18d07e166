package org.qinglang.app.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesTest {

    private static List<String> lines(InputStream in, int limit) throws IOException {
        JsonLines.ByteLines lines = new JsonLines.ByteLines(in, limit);
        List<String> out = new ArrayList<>();
        while (lines.next()) {
            out.add(lines.tooLong() ? "<too long>" : new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void splitsBytesIntoLinesWithoutTheirBreaks() throws IOException {
        byte[] text = "a\r\n傻逼\n\nlast".getBytes(StandardCharsets.UTF_8);
        assertThat(lines(new ByteArrayInputStream(text), 100)).containsExactly("a", "傻逼", "", "last");
        assertThat(lines(new ByteArrayInputStream(new byte[0]), 100)).isEmpty();
        assertThat(lines(new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)), 100)).containsExactly("x");
    }

    @Test
    void aLineOverTheLimitIsSkippedWholeWithoutHoldingIt() throws IOException {
        // 10 MB without a line break, read in 64 KB pieces: only the limit is ever held
        InputStream endless = new InputStream() {
            private long left = 10_000_000;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : left == -1 ? '\n' : -1;
            }
        };
        JsonLines.ByteLines lines = new JsonLines.ByteLines(
                new java.io.SequenceInputStream(endless, new ByteArrayInputStream("ok".getBytes(StandardCharsets.UTF_8))),
                1000);
        assertThat(lines.next()).isTrue();
        assertThat(lines.tooLong()).isTrue();
        assertThat(lines.bytes().length).isLessThanOrEqualTo(1000);
        assertThat(lines.next()).isTrue();
        assertThat(new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(lines.consumed()).isEqualTo(10_000_003);
        assertThat(lines.next()).isFalse();
    }

    @Test
    void escapesLoneSurrogatesAndKeepsPairs() throws IOException {
        StringWriter sink = new StringWriter();
        try (Writer w = new JsonLines.SurrogateEscaping(sink)) {
            w.write("{\"id\":\"\ud800\",\"t\":\"😂\udc00x\"}");
            w.write("a\ud83d"); // a pair split across two writes stays a pair
            w.write("\ude02b");
            w.write("end\ud83d");  // a high surrogate left at the close
        }
        assertThat(sink.toString()).isEqualTo("{\"id\":\"\\ud800\",\"t\":\"😂\\udc00x\"}a😂bend\\ud83d");
    }
}
