package org.qinglang.app.console;

import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.JsonFields;
import org.qinglang.app.sanctions.Decisions;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.OffenderRole;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.enforce.StatementOfReasons;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The case page's decide form as posted (each field a string, absent ones null), read into the same
 * {@link Decisions.Finding} that {@code POST /console/api/cases/{id}/decide} reads from JSON, with the same
 * field names and limits in its errors ({@code severity}, {@code ground.reference}, {@code facts} …).
 *
 * @param violation "false" for no violation (不违规); anything else decides against the account
 * @param step      a ladder step, or blank for the ladder's suggestion
 */
record DecideForm(String violation, String severity, String category, String role, String step, String groundKind,
                  String groundReference, String groundExplanation, String facts) {

    /** The limits of the JSON endpoint. */
    static final int FACTS = 5000;
    static final int REFERENCE = 500;
    static final int EXPLANATION = 2000;

    /** An empty form with the case's severity (or the one recomputed) and the role recomputed preselected. */
    static DecideForm defaults(OffenceSeverity severity, OffenderRole role) {
        return new DecideForm("true", severity.id(), "", role.id(), "", "terms", "", "", "");
    }

    public boolean isViolation() {
        return !"false".equals(violation);
    }

    /** The facts of a "no violation" decision (may be blank). */
    String noViolationFacts() {
        return JsonFields.formText(facts, "facts", FACTS, false);
    }

    /** The finding; throws {@link InvalidField} naming the field at fault. */
    Decisions.Finding finding() {
        OffenceSeverity s = required(severity, "severity", OffenceSeverity::fromId, "minor, moderate, serious, grave");
        Optional<ReportCategory> c = category(category);
        OffenderRole r = blank(role) ? OffenderRole.PARTICIPANT : required(role, "role", OffenderRole::fromId,
                Arrays.stream(OffenderRole.values()).map(OffenderRole::id).collect(Collectors.joining(", ")));
        OptionalInt st = OptionalInt.empty();
        if (!blank(step)) {
            try {
                int n = Integer.parseInt(step.strip());
                if (n < 0 || n > 63) {
                    throw new NumberFormatException();
                }
                st = OptionalInt.of(n);
            } catch (NumberFormatException e) {
                throw new InvalidField(FieldError.badValue("step", "应为 0 到 63 的整数", "must be a whole number from 0 to 63"));
            }
        }
        return new Decisions.Finding(s, c, r, st, ground(groundKind, groundReference, groundExplanation),
                JsonFields.formText(facts, "facts", FACTS, true));
    }

    /** The ground of a decision as a form posts it, with the JSON endpoint's field names and limits. */
    static StatementOfReasons.Ground ground(String groundKind, String groundReference, String groundExplanation) {
        StatementOfReasons.GroundKind kind = required(groundKind, "ground.kind",
                k -> StatementOfReasons.GroundKind.valueOf(k.toUpperCase(Locale.ROOT)), "law, terms");
        return new StatementOfReasons.Ground(kind,
                JsonFields.formText(groundReference, "ground.reference", REFERENCE, true),
                JsonFields.formText(groundExplanation, "ground.explanation", EXPLANATION, false));
    }

    /** The category posted, or empty for the case's own. */
    static Optional<ReportCategory> category(String category) {
        return blank(category) ? Optional.empty() : Optional.of(required(category, "category", ReportCategory::fromId,
                Arrays.stream(ReportCategory.values()).map(ReportCategory::id).collect(Collectors.joining(", "))));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static <T> T required(String value, String field, Function<String, T> parse, String allowed) {
        if (blank(value)) {
            throw new InvalidField(FieldError.missing(field));
        }
        try {
            return parse.apply(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidField(FieldError.badValue(field, "可用取值：" + allowed, "use one of: " + allowed));
        }
    }
}
