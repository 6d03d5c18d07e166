package org.qinglang.app.api;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What is wrong with one field of a JSON input: a stable {@code code} (missing, unknown_field, too_long,
 * wrong_type, bad_value, too_many, malformed_json, bad_utf8), the {@code field} (a JSON path such as
 * {@code context.actorAgeDays}, or {@code ""} for the input as a whole), the {@code limit} broken if any, and
 * the message in both languages.
 */
public record FieldError(String code, String field, OptionalLong limit, Msg msg) {

    public FieldError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(msg, "msg");
    }

    /** A field that must be there and is not. */
    public static FieldError missing(String field) {
        return new FieldError("missing", field, OptionalLong.empty(),
                new Msg("缺少必填字段 " + field, "the field " + field + " is required"));
    }

    /** A field this input does not have. */
    public static FieldError unknown(String field, String allowed) {
        return new FieldError("unknown_field", field, OptionalLong.empty(),
                new Msg("未知字段 " + field + "（可用字段：" + allowed + "）",
                        "unknown field " + field + " (the fields are: " + allowed + ")"));
    }

    /** A text longer than {@code limit} characters (UTF-16 units). */
    public static FieldError tooLong(String field, int length, int limit) {
        return new FieldError("too_long", field, OptionalLong.of(limit),
                new Msg(field + " 长度 " + length + " 超过上限 " + limit + " 个字符",
                        field + " is " + length + " characters long, over the limit of " + limit));
    }

    /** A field of the wrong JSON type. */
    public static FieldError wrongType(String field, String expected) {
        return new FieldError("wrong_type", field, OptionalLong.empty(),
                new Msg(field + " 应为" + zhType(expected), field + " must be " + expected));
    }

    /** A field whose value is not one of those allowed. */
    public static FieldError badValue(String field, String zhWhy, String enWhy) {
        return new FieldError("bad_value", field, OptionalLong.empty(),
                new Msg(field + " 取值无效：" + zhWhy, field + " is not valid: " + enWhy));
    }

    private static String zhType(String expected) {
        return switch (expected) {
            case "a string" -> "字符串";
            case "an object" -> "对象";
            case "a number" -> "数字";
            case "a whole number" -> "整数";
            case "an array" -> "数组";
            default -> expected;
        };
    }
}
