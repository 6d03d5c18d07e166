package org.qinglang.app.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.qinglang.app.api.Bodies;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.core.enforce.ReportCategory;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The workflow's field readers beside {@link JsonFields}: booleans, and names of the core's enums (report
 * category, severity, role …), each error naming the field and the values allowed.
 */
public final class WorkflowFields {

    private WorkflowFields() {
    }

    /** The boolean at {@code name}, or {@code otherwise} if absent. */
    public static boolean optBoolean(JsonNode o, String prefix, String name, boolean otherwise) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            throw new InvalidField(FieldError.wrongType(prefix + name, "true or false"));
        }
        return v.booleanValue();
    }

    /** The report category at {@code name}: its id ({@code cyberviolence}) or Chinese label (网络暴力). */
    public static Optional<ReportCategory> optCategory(JsonNode o, String prefix, String name) {
        return optEnum(o, prefix, name, ReportCategory::fromId, Arrays.stream(ReportCategory.values())
                .map(c -> c.id() + "（" + c.zh() + "）").collect(Collectors.joining(", ")));
    }

    /** The value at {@code name} read by {@code parse} (which throws on an unknown name), naming {@code allowed}. */
    public static <T> Optional<T> optEnum(JsonNode o, String prefix, String name, Function<String, T> parse,
                                          String allowed) {
        Optional<String> s = JsonFields.optString(o, prefix, name, 64);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(s.get().trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidField(FieldError.badValue(prefix + name, "可用取值：" + allowed, "use one of: " + allowed));
        }
    }

    /** Like {@link #optEnum} but the field must be there. */
    public static <T> T requiredEnum(JsonNode o, String prefix, String name, Function<String, T> parse, String allowed) {
        return optEnum(o, prefix, name, parse, allowed)
                .orElseThrow(() -> new InvalidField(FieldError.missing(prefix + name)));
    }

    /** A path id: a positive whole number, or 400 naming {@code id}. */
    public static long pathId(String id) {
        try {
            long n = Long.parseLong(id);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidField(FieldError.badValue("id", "应为正整数", "must be a positive whole number"));
    }

    /** The body of {@code request} (at most {@code maxBytes}) as a JSON object with no field outside {@code fields}. */
    public static JsonNode body(HttpServletRequest request, ObjectMapper json, long maxBytes, java.util.Set<String> fields) {
        byte[] body = Bodies.read(request, maxBytes);
        JsonNode o = JsonFields.object(Bodies.json(json, body, 0, body.length, ""), "");
        JsonFields.onlyFields(o, "", fields);
        return o;
    }
}
