package org.qinglang.app.sanctions;

import org.qinglang.app.api.Msg;
import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.enforce.SanctionAction;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stored statement of reasons (处理理由说明, the fields of {@code StatementOfReasons.fields()}) as a reviewer reads
 * it: action and category by name, times in China time, yes/no, and the DSA values beside their meaning; in the
 * page's language. The values stay text for the page to escape.
 */
public final class StatementView {

    /** The fields shown, in this order. */
    public static final List<String> FIELDS = List.of("action", "duration", "permanent", "applicationDate", "endDate",
            "category", "contentType", "contentId", "decisionGround", "groundReference", "groundExplanation", "facts",
            "source", "automatedDetection", "automatedDecision", "reasoning", "appealDeadline", "appealHow");

    private static final DateTimeFormatter TIME = WorkflowPolicy.CONSOLE_TIME;

    private StatementView() {
    }

    /** The readable fields of {@code fields}, in {@link #FIELDS} order; absent ones left out. */
    public static Map<String, String> of(Map<String, Object> fields, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : FIELDS) {
            Object v = fields.get(k);
            if (v != null) {
                out.put(k, value(k, String.valueOf(v), locale));
            }
        }
        return out;
    }

    private static String value(String key, String v, Locale locale) {
        try {
            return switch (key) {
                case "action" -> SanctionAction.fromId(v).label(locale);
                case "category" -> ReportCategory.fromId(v).label(locale);
                case "duration" -> span(Duration.parse(v), locale);
                case "applicationDate", "endDate", "appealDeadline" -> TIME.format(Instant.parse(v));
                case "permanent", "automatedDetection" -> Boolean.parseBoolean(v) ? new Msg("是", "yes").in(locale)
                        : new Msg("否", "no").in(locale);
                case "decisionGround" -> (v.contains("ILLEGAL") ? new Msg("违反法律法规", "illegal content")
                        : new Msg("违反平台规则", "against the platform's rules")).in(locale) + " (" + v + ")";
                case "source" -> switch (v) {
                    case "user-report" -> new Msg("用户举报", "a user report").in(locale);
                    case "own-initiative" -> new Msg("平台主动发现", "the platform's own detection").in(locale);
                    case "authority" -> new Msg("主管部门通知", "a notice from an authority").in(locale);
                    default -> v;
                };
                case "automatedDecision" -> (v.endsWith("_FULLY") ? new Msg("由系统自动作出", "made automatically")
                        : v.endsWith("_PARTIALLY") ? new Msg("由系统辅助、人工作出", "by a person with automated assistance")
                        : new Msg("由人工作出", "by a person")).in(locale) + " (" + v + ")";
                default -> v;
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return v;  // shown as stored rather than lost
        }
    }

    private static String span(Duration d, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        if (d.toHours() % 24 == 0 && d.toDays() > 0) {
            return en ? d.toDays() + " day(s)" : d.toDays() + " 天";
        }
        return en ? d.toHours() + " hour(s)" : d.toHours() + " 小时";
    }
}
