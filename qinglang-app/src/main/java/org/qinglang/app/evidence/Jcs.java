package org.qinglang.app.evidence;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for JSON of objects, arrays, strings, integers, booleans and null
 * (an evidence item holds strings and null only). A lone surrogate, which RFC 8785 leaves out and a text stored
 * before they were refused may hold, is written as {@code JSON.stringify} writes it, {@code \ud800}. An item's hash is over these bytes, so that anyone can recompute it from the
 * item's values with any JSON library ({@code json.dumps(item, ensure_ascii=False, separators=(",", ":"),
 * sort_keys=True)} in Python, sorted keys and {@code JSON.stringify} in JavaScript), whatever the document's own
 * layout. Written here rather than taken from a library: the Java one on Maven Central
 * ({@code io.github.erdtman:java-json-canonicalization} 1.1, 2018) follows a draft of the scheme and has had no
 * release since, and items need only a few of its rules, for they carry strings, integers and null; a fraction is
 * refused, since its canonical digits (ECMAScript's shortest round-trip form) are what differs between libraries.
 */
final class Jcs {

    private Jcs() {
    }

    /** The canonical UTF-8 bytes of {@code node}. */
    static byte[] bytes(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull()) {
            out.append("null");
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isIntegralNumber() && node.canConvertToLong()
                && Math.abs(node.longValue()) <= (1L << 53)) { // exactly an IEEE double, as RFC 8785 numbers are
            out.append(node.longValue());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null); // String order is UTF-16 code unit order, as RFC 8785 sorts
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("an evidence item holds no " + node.getNodeType() + " value: " + node);
        }
    }

    /** A string as RFC 8785 (ECMAScript's JSON.stringify) writes it: only {@code "}, {@code \} and controls escaped. */
    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (c < 0x20 || Character.isSurrogate(c) && !pairedHigh
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        // a control, or a lone surrogate (text stored before lone surrogates were refused), which
                        // UTF-8 cannot carry: escaped, as ECMAScript's JSON.stringify writes it
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
