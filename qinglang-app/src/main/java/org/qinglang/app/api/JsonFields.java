package org.qinglang.app.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of JSON objects at the edge (严格校验): unknown fields are refused, and each read names the
 * field (as a path such as {@code context.ip}) and the limit in the {@link InvalidField} it throws. A JSON
 * {@code null} counts as absent.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** {@code node} as an object, or an error naming {@code path}. */
    public static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidField(FieldError.wrongType(path.isEmpty() ? "(body)" : path, "an object"));
        }
        return node;
    }

    /** Refuses the first field of {@code o} not in {@code allowed}. */
    public static void onlyFields(JsonNode o, String prefix, Set<String> allowed) {
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidField(FieldError.unknown(prefix + name, String.join(", ", new TreeSet<>(allowed))));
            }
        }
    }

    /** The string at {@code name}, if present: at most {@code maxChars} UTF-16 units. */
    public static Optional<String> optString(JsonNode o, String prefix, String name, int maxChars) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new InvalidField(FieldError.wrongType(prefix + name, "a string"));
        }
        String s = v.textValue();
        if (s.length() > maxChars) {
            throw new InvalidField(FieldError.tooLong(prefix + name, s.length(), maxChars));
        }
        checkText(prefix + name, s);
        return Optional.of(s);
    }

    /**
     * A console form's text field as posted: each CR LF (how a browser sends a textarea's line break, which its
     * {@code maxlength} counted as one character) as one LF, then checked as a JSON string is ({@link #checkText}),
     * at most {@code max} characters and, if {@code required}, not blank; throws naming {@code field}.
     */
    public static String formText(String value, String field, int max, boolean required) {
        String s = foldLineBreaks(value);
        if (required && s.isBlank()) {
            throw new InvalidField(FieldError.missing(field));
        }
        if (s.length() > max) {
            throw new InvalidField(FieldError.tooLong(field, s.length(), max));
        }
        checkText(field, s);
        return s;
    }

    /** {@code value} (null as empty) with each CR LF, a browser's line break in a textarea, as one LF. */
    public static String foldLineBreaks(String value) {
        return value == null ? "" : value.replace("\r\n", "\n");
    }

    /**
     * Refuses text that a database cannot keep as it is: the NUL character (PostgreSQL refuses it, and one in
     * a batch failed the whole batch) and an unpaired surrogate (stored as {@code ?}, so the text changed).
     */
    public static void checkText(String path, String s) {
        int i = unstorableAt(s);
        if (i < 0) {
            return;
        }
        char c = s.charAt(i);
        if (c == 0) {
            throw new InvalidField(FieldError.badValue(path, "不能含 NUL 字符（U+0000），位置 " + i,
                    "must not contain the NUL character (U+0000), found at " + i));
        }
        String code = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        throw new InvalidField(FieldError.badValue(path, "含不成对的代理项（U+" + code + "），位置 " + i,
                "has an unpaired surrogate (U+" + code + ") at " + i));
    }

    /** Where {@code s} first holds a NUL character or an unpaired surrogate, or -1 if nowhere. */
    public static int unstorableAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The string at {@code name}, which must be there and not blank: at most {@code maxChars} units. */
    public static String string(JsonNode o, String prefix, String name, int maxChars) {
        String s = optString(o, prefix, name, maxChars).orElseThrow(() -> new InvalidField(FieldError.missing(prefix + name)));
        if (s.isBlank()) {
            throw new InvalidField(FieldError.missing(prefix + name));
        }
        return s;
    }

    /** The whole number at {@code name}, if present: from {@code min} to {@code max}. */
    public static OptionalInt optInt(JsonNode o, String prefix, String name, int min, int max) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return OptionalInt.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw new InvalidField(FieldError.badValue(prefix + name, "应为 " + min + " 到 " + max + " 的整数，实为 " + v,
                    "must be a whole number from " + min + " to " + max + ", was " + v));
        }
        return OptionalInt.of(v.intValue());
    }

    /** The number at {@code name}, if present: from {@code min} to {@code max}. */
    public static Optional<Double> optNumber(JsonNode o, String prefix, String name, double min, double max) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() <= max)) {
            throw new InvalidField(FieldError.badValue(prefix + name, "应为 " + min + " 到 " + max + " 的数，实为 " + v,
                    "must be a number from " + min + " to " + max + ", was " + v));
        }
        return Optional.of(v.doubleValue());
    }
}
