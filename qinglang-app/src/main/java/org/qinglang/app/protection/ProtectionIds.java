package org.qinglang.app.protection;

import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.core.enforce.ActorRelation;
import org.qinglang.core.enforce.ProtectedAction;
import org.qinglang.core.enforce.ProtectionAudience;
import org.qinglang.core.enforce.ProtectionDecision;
import org.qinglang.core.enforce.ProtectionPeriod;

import java.util.Arrays;
import java.util.Locale;

/**
 * The names of protection's values on the wire and in the database: lower case with hyphens
 * ({@code all-but-mutual}, {@code new-follower}); periods as {@code 3d}, {@code 7d}, {@code 30d},
 * {@code until-off}. Reading an unknown name throws {@link InvalidField} naming the field and the names allowed.
 */
final class ProtectionIds {

    private static final String[] PERIODS = {"3d", "7d", "30d", "until-off"};

    private ProtectionIds() {
    }

    static String id(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String id(ProtectionPeriod p) {
        return PERIODS[p.ordinal()];
    }

    static ProtectionPeriod period(String s, String field) {
        for (ProtectionPeriod p : ProtectionPeriod.values()) {
            if (PERIODS[p.ordinal()].equalsIgnoreCase(s.strip())) {
                return p;
            }
        }
        throw bad(field, s, PERIODS);
    }

    static ProtectionAudience audience(String s, String field) {
        return parse(ProtectionAudience.class, s, field);
    }

    static ActorRelation relation(String s, String field) {
        return parse(ActorRelation.class, s, field);
    }

    static ProtectedAction action(String s, String field) {
        return parse(ProtectedAction.class, s, field);
    }

    static ProtectionDecision decision(String s, String field) {
        return parse(ProtectionDecision.class, s, field);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String s, String field) {
        String v = s.strip();
        E[] all = type.getEnumConstants();
        for (E e : all) {
            if (id(e).equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw bad(field, s, Arrays.stream(all).map(ProtectionIds::id).toArray(String[]::new));
    }

    private static InvalidField bad(String field, String value, String[] allowed) {
        String list = String.join(", ", allowed);
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return new InvalidField(FieldError.badValue(field, "「" + shown + "」不可用，可用：" + list,
                "'" + shown + "' is not one of " + list));
    }
}
