package org.qinglang.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Request bodies read whole with a bound (请求体上限): a body over the limit is refused with 413 naming the
 * limit, before it is all read; bytes that are not UTF-8 or not JSON become a {@link FieldError}.
 */
public final class Bodies {

    private Bodies() {
    }

    /** The body of {@code request}, at most {@code maxBytes}; 413 if longer (by its Content-Length or as read). */
    public static byte[] read(HttpServletRequest request, long maxBytes) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(initialCapacity(declared));
            // sized by the body when it says its length: a fixed 64 KB buffer was most of what a check allocated
            byte[] buf = new byte[declared > 0 ? (int) Math.min(declared, 65_536) : 8192];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unreadable_body", "", OptionalLong.empty(),
                    new Msg("请求体读取失败", "the request body could not be read"));
        }
    }

    /** The most a body is allocated up front, whatever its Content-Length says: it grows as bytes arrive. */
    static final int MAX_UP_FRONT = 1 << 20;

    /**
     * The buffer to start with for a body that declares {@code declared} bytes (-1: unknown): its size, so a small body
     * is copied once, but at most {@link #MAX_UP_FRONT}, so that a client that declares a large body and sends it
     * slowly (or never) does not hold that much heap per connection before it has sent it.
     */
    static int initialCapacity(long declared) {
        return declared > 0 ? (int) Math.min(declared, MAX_UP_FRONT) : 8192;
    }

    /** Refuses bytes {@code from}..{@code to} of {@code body} if they are not UTF-8, naming the byte. */
    public static void requireUtf8(byte[] body, int from, int to, String field) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, from, to - from);
        try {
            d.decode(in);
        } catch (CharacterCodingException e) {
            int at = findBadByte(body, from, to);
            throw new InvalidField(new FieldError("bad_utf8", field, OptionalLong.empty(),
                    new Msg("不是有效的 UTF-8（第 " + at + " 字节）", "not valid UTF-8 (at byte " + at + ")")));
        }
    }

    private record Strict(ObjectMapper of, ObjectReader reader) {
    }

    private static volatile Strict strict;

    /** {@code mapper}'s reader that fails on anything after the value, made once per mapper (a body may hold 10,000). */
    private static ObjectReader strict(ObjectMapper mapper) {
        Strict s = strict;
        if (s == null || s.of() != mapper) {
            // and a key twice in one object is refused: {"text":"你好","text":"傻逼"} would be judged by its last value
            // while a platform whose parser keeps the first publishes the other
            s = new Strict(mapper, mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
            strict = s;
        }
        return s.reader();
    }

    /** Parses {@code body[from..to)} as one JSON value, or an error naming the line and column. */
    public static JsonNode json(ObjectMapper mapper, byte[] body, int from, int to, String field) {
        requireUtf8(body, from, to, field);
        try {
            // one value and nothing after it: a second value on the same NDJSON line ({…}{…}) or after an array is
            // an error, not silently dropped
            JsonNode n = strict(mapper).readTree(body, from, to - from);
            if (n == null || n.isMissingNode()) {
                throw new InvalidField(new FieldError("malformed_json", field, OptionalLong.empty(),
                        new Msg("内容为空，应为 JSON", "empty: JSON expected")));
            }
            return n;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            String whereZh = e.getLocation() == null ? "" : "（第 " + e.getLocation().getLineNr() + " 行第 "
                    + e.getLocation().getColumnNr() + " 列）";
            throw new InvalidField(new FieldError("malformed_json", field, OptionalLong.empty(),
                    new Msg("不是有效的 JSON" + whereZh, "not valid JSON" + where)));
        } catch (IOException e) {
            throw new InvalidField(new FieldError("malformed_json", field, OptionalLong.empty(),
                    new Msg("不是有效的 JSON", "not valid JSON")));
        }
    }

    private static int findBadByte(byte[] b, int from, int to) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(to - from + 1);
        d.decode(in, out, true);
        return in.position() - from;
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "body_too_large", "", OptionalLong.of(maxBytes),
                new Msg("请求体超过上限 " + maxBytes + " 字节", "the request body is over the limit of " + maxBytes + " bytes"));
    }
}
