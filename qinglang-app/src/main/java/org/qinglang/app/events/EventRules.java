package org.qinglang.app.events;

import org.qinglang.core.stream.EventType;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the API asks of each core {@link EventType} (事件字段规则): which fields it may carry beyond {@code id},
 * {@code type}, {@code ts}, {@code actor}, {@code context}, and which it cannot do without. A field a type does
 * not use is refused, naming the type. The types themselves are the core's, so the stream detectors and the
 * API never disagree about them; a new core type does not compile here until it has its rule.
 */
final class EventRules {

    /** What a type cannot do without. */
    enum Need { TEXT, TARGET, TEXT_AND_TARGET }

    /** The fields every event may carry. */
    private static final Set<String> COMMON = Set.of("id", "type", "ts", "actor", "context");

    private record Rule(Need need, Set<String> fields, Set<String> allowed) {
    }

    private static final Map<EventType, Rule> RULES = new EnumMap<>(EventType.class);

    static {
        for (EventType t : EventType.values()) {
            Need need = switch (t) {
                case POST -> Need.TEXT;
                case COMMENT, DANMAKU, DM -> Need.TEXT_AND_TARGET;
                case REPOST, MENTION, LIKE, FOLLOW, RATING, REPORT -> Need.TARGET;
            };
            Set<String> fields = switch (t) {
                case POST, COMMENT, DANMAKU, DM, REPOST, MENTION -> Set.of("text", "target");
                case LIKE, FOLLOW -> Set.of("target");
                case RATING -> Set.of("target", "score", "text");
                case REPORT -> Set.of("target", "category", "reason");
            };
            Set<String> allowed = new HashSet<>(fields);
            allowed.addAll(COMMON);
            RULES.put(t, new Rule(need, fields, Set.copyOf(allowed)));
        }
    }

    private EventRules() {
    }

    /** The fields {@code t} may carry beyond the common ones. */
    static Set<String> fields(EventType t) {
        return RULES.get(t).fields();
    }

    /** Every field an event of type {@code t} may carry. */
    static Set<String> allowed(EventType t) {
        return RULES.get(t).allowed();
    }

    static boolean needsText(EventType t) {
        return RULES.get(t).need() != Need.TARGET;
    }

    static boolean needsTarget(EventType t) {
        return RULES.get(t).need() != Need.TEXT;
    }

    /** The type named exactly {@code id} (lower case, as ARCHITECTURE.md writes it), or null. */
    static EventType of(String id) {
        for (EventType t : EventType.values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** Every type's name, in the core's order, for error messages. */
    static String ids() {
        return IDS;
    }

    private static final String IDS = Arrays.stream(EventType.values()).map(EventType::id)
            .collect(Collectors.joining(", "));
}
