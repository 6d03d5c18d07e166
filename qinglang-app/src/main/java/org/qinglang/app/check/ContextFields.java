package org.qinglang.app.check;

import com.fasterxml.jackson.databind.JsonNode;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.core.verdict.Context;

import java.util.Set;

/**
 * The Moderator's part of a {@code context} object (语境): {@code relation}, {@code actorAgeDays},
 * {@code scene}; read strictly, each error naming {@code context.<field>}. The caller says which other fields
 * its context may have (an event's also carries {@code ip} and {@code device}).
 */
public final class ContextFields {

    /** The fields read here. */
    public static final Set<String> FIELDS = Set.of("relation", "actorAgeDays", "scene");

    private static final String P = "context.";

    private ContextFields() {
    }

    /** The Context of {@code c} (absent or null: none), using {@code defaultScene} if it names none. */
    public static Context read(JsonNode c, String defaultScene) {
        if (c == null || c.isNull()) {
            return new Context(Context.Relation.UNKNOWN, Context.UNKNOWN_AGE, defaultScene);
        }
        Context.Relation relation = Context.Relation.UNKNOWN;
        String rel = JsonFields.optString(c, P, "relation", 16).orElse(null);
        if (rel != null) {
            try {
                relation = Context.Relation.fromId(rel);
            } catch (IllegalArgumentException e) {
                throw new InvalidField(FieldError.badValue(P + "relation", "可用 self、mutual、follower、stranger",
                        "use self, mutual, follower or stranger"));
            }
        }
        int age = JsonFields.optInt(c, P, "actorAgeDays", 0, 1_000_000).orElse(Context.UNKNOWN_AGE);
        String scene = JsonFields.optString(c, P, "scene", 16).orElse(defaultScene);
        try {
            return new Context(relation, age, scene);
        } catch (IllegalArgumentException e) {
            throw new InvalidField(FieldError.badValue(P + "scene", "可用 " + String.join("、", Context.SCENES.stream().sorted().toList()),
                    "use one of " + String.join(", ", Context.SCENES.stream().sorted().toList())));
        }
    }
}
