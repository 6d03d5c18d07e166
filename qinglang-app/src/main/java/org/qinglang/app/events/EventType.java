package org.qinglang.app.events;

import java.util.Locale;
import java.util.Set;

/**
 * The event types of ARCHITECTURE.md (事件类型) and the fields each may carry beyond {@code id}, {@code type},
 * {@code ts}, {@code actor}, {@code context}: a field a type does not use is refused, naming the type.
 */
enum EventType {
    POST(Need.TEXT, Set.of("text", "target")),
    COMMENT(Need.TEXT_AND_TARGET, Set.of("text", "target")),
    DANMAKU(Need.TEXT_AND_TARGET, Set.of("text", "target")),
    DM(Need.TEXT_AND_TARGET, Set.of("text", "target")),
    REPOST(Need.TARGET, Set.of("text", "target")),
    MENTION(Need.TARGET, Set.of("text", "target")),
    LIKE(Need.TARGET, Set.of("target")),
    FOLLOW(Need.TARGET, Set.of("target")),
    RATING(Need.TARGET, Set.of("target", "score", "text")),
    REPORT(Need.TARGET, Set.of("target", "category", "reason"));

    /** What a type cannot do without. */
    enum Need { TEXT, TARGET, TEXT_AND_TARGET }

    /** The fields every event may carry (a holder: an enum's constructor cannot read its own static fields). */
    private static final class Common {
        static final Set<String> FIELDS = Set.of("id", "type", "ts", "actor", "context");
    }

    final Need need;
    final Set<String> fields;
    /** The common fields and {@link #fields}: every field an event of this type may carry. */
    final Set<String> allowed;

    EventType(Need need, Set<String> fields) {
        this.need = need;
        this.fields = fields;
        Set<String> all = new java.util.HashSet<>(fields);
        all.addAll(Common.FIELDS);
        this.allowed = Set.copyOf(all);
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean needsText() {
        return need != Need.TARGET;
    }

    boolean needsTarget() {
        return need != Need.TEXT;
    }

    /** The type named {@code id}, or null. */
    static EventType of(String id) {
        for (EventType t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }

    static String ids() {
        return "post, comment, danmaku, dm, repost, mention, like, follow, rating, report";
    }
}
