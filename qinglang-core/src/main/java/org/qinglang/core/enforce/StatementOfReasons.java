package org.qinglang.core.enforce;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The statement of reasons (处理理由说明) that goes with every decision: what was done, on what ground,
 * on which facts, whether a machine found it or decided it, where and for how long it applies, and how to
 * appeal. Its fields follow those of the EU Digital Services Act's statements of reasons (Art. 17) and its
 * transparency database — decision ground, facts and circumstances, automated detection, automated
 * decision, content type, category, territorial scope, end date, redress — so that one record serves the
 * user, the regulator's inspection and an EU deployment.
 *
 * @param decisionId         the decision
 * @param account            the account it is against
 * @param contentId          the content it is about, if any (empty for an account-level decision)
 * @param contentType        the event type of the content ({@code post}, {@code comment}, {@code danmaku},
 *                           {@code dm}, {@code repost}, {@code mention}, {@code rating}), or {@code account}
 * @param category           what kind of harm
 * @param ground             the legal or terms-of-service ground, with the rule cited
 * @param facts              the facts and circumstances relied on, in plain words
 * @param source             how the platform learnt of it
 * @param automatedDetection true if automated means found it
 * @param automatedDecision  how far the decision was automated
 * @param territorialScope   where the restriction applies (ISO 3166 codes); empty for everywhere the service
 *                           is offered
 * @param sanction           what was done, from when, for how long
 * @param appealBy           the last instant (exclusive) to appeal
 * @param appealHow          where to appeal, in the user's terms ("App → 设置 → 申诉")
 */
public record StatementOfReasons(String decisionId, String account, Optional<String> contentId, String contentType,
                                 ReportCategory category, Ground ground, String facts, Source source,
                                 boolean automatedDetection, Automation automatedDecision,
                                 List<String> territorialScope, Sanction sanction, Instant appealBy,
                                 String appealHow) {

    /** The content types a statement may name. */
    public static final Set<String> CONTENT_TYPES = Set.of("post", "comment", "danmaku", "dm", "repost", "mention",
            "rating", "account");

    public StatementOfReasons {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ground, "ground");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(automatedDecision, "automatedDecision");
        territorialScope = List.copyOf(territorialScope);
        Objects.requireNonNull(sanction, "sanction");
        Objects.requireNonNull(appealBy, "appealBy");
        Objects.requireNonNull(appealHow, "appealHow");
        if (!CONTENT_TYPES.contains(contentType)) {
            throw new IllegalArgumentException("unknown contentType '" + contentType + "': use one of "
                    + String.join(", ", CONTENT_TYPES.stream().sorted().toList()));
        }
        if (facts.isBlank()) {
            throw new IllegalArgumentException("facts must say what was relied on; a statement of reasons"
                    + " without facts is not one");
        }
        if (facts.length() > 5000) {
            throw new IllegalArgumentException("facts must be at most 5000 characters, were " + facts.length());
        }
        if (automatedDecision == Automation.FULLY && !automatedDetection) {
            throw new IllegalArgumentException("a fully automated decision needs automated detection");
        }
        for (String code : territorialScope) {
            if (!code.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("territorialScope holds ISO 3166 two-letter codes such as CN,"
                        + " was '" + code + "'");
            }
        }
    }

    /**
     * A statement for {@code sanction}, with the appeal deadline from {@code appeals}.
     */
    public static StatementOfReasons of(String decisionId, String account, Optional<String> contentId,
                                        String contentType, Offence offence, Ground ground, String facts,
                                        Source source, boolean automatedDetection, Automation automatedDecision,
                                        List<String> territorialScope, Sanction sanction, AppealPolicy appeals,
                                        String appealHow) {
        return new StatementOfReasons(decisionId, account, contentId, contentType, offence.category(), ground, facts,
                source, automatedDetection, automatedDecision, territorialScope, sanction,
                appeals.deadline(sanction.startsAt()), appealHow);
    }

    /**
     * The ground of a decision (处理依据).
     *
     * @param kind        a law (illegal content) or the platform's rules (content against its terms)
     * @param reference   the rule cited: the law and article, or the rule's section
     * @param explanation why the content falls under it
     */
    public record Ground(GroundKind kind, String reference, String explanation) {
        public Ground {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(explanation, "explanation");
            if (reference.isBlank()) {
                throw new IllegalArgumentException("the ground must cite the rule: reference must not be blank");
            }
        }
    }

    /** Whether a decision rests on a law or on the platform's own rules. */
    public enum GroundKind {
        /** 违反法律法规: illegal content (DSA: DECISION_GROUND_ILLEGAL_CONTENT). */
        LAW("违反法律法规", "illegal under", "DECISION_GROUND_ILLEGAL_CONTENT"),
        /** 违反平台规则: against the platform's terms (DSA: DECISION_GROUND_INCOMPATIBLE_CONTENT). */
        TERMS("违反平台规则", "against the platform's rules,", "DECISION_GROUND_INCOMPATIBLE_CONTENT");

        private final String zh;
        private final String en;
        private final String dsa;

        GroundKind(String zh, String en, String dsa) {
            this.zh = zh;
            this.en = en;
            this.dsa = dsa;
        }

        /** The DSA transparency database's value. */
        public String dsa() {
            return dsa;
        }
    }

    /** How the platform learnt of the content (DSA: source type). */
    public enum Source {
        /** 用户举报: a report. */
        USER_REPORT("用户举报", "a user report"),
        /** 平台主动发现: the platform's own detection. */
        OWN_INITIATIVE("平台主动发现", "the platform's own detection"),
        /** 主管部门通知: an order or notice from an authority. */
        AUTHORITY("主管部门通知", "a notice from an authority");

        private final String zh;
        private final String en;

        Source(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        /** The name used in JSON: lower case with hyphens. */
        public String id() {
            return Texts.id(this);
        }
    }

    /** How far the decision was automated (DSA: automated decision). */
    public enum Automation {
        /** 系统自动决定: no person took part. */
        FULLY("由系统自动作出", "made automatically", "AUTOMATED_DECISION_FULLY"),
        /** 系统辅助、人工决定: a person decided on a machine's suggestion. */
        PARTIALLY("由系统辅助、人工作出", "made by a person with automated assistance", "AUTOMATED_DECISION_PARTIALLY"),
        /** 人工决定: a person decided without a machine's suggestion. */
        NOT_AUTOMATED("由人工作出", "made by a person", "AUTOMATED_DECISION_NOT_AUTOMATED");

        private final String zh;
        private final String en;
        private final String dsa;

        Automation(String zh, String en, String dsa) {
            this.zh = zh;
            this.en = en;
            this.dsa = dsa;
        }

        /** The DSA transparency database's value. */
        public String dsa() {
            return dsa;
        }

        /** The name used in JSON: lower case with hyphens. */
        public String id() {
            return Texts.id(this);
        }
    }

    /**
     * The statement as structured data, for JSON: field names in this project's camelCase, values strings,
     * booleans and lists; instants in ISO-8601 UTC; absent values left out. {@code decisionGround} and
     * {@code automatedDecision} carry the DSA database's values.
     */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decisionId", decisionId);
        m.put("account", account);
        contentId.ifPresent(c -> m.put("contentId", c));
        m.put("contentType", contentType);
        m.put("category", category.id());
        m.put("decisionGround", ground.kind().dsa());
        m.put("groundReference", ground.reference());
        m.put("groundExplanation", ground.explanation());
        m.put("facts", facts);
        m.put("source", source.id());
        m.put("automatedDetection", automatedDetection);
        m.put("automatedDecision", automatedDecision.dsa());
        m.put("territorialScope", territorialScope);
        m.put("action", sanction.action().id());
        sanction.duration().ifPresent(d -> m.put("duration", d.toString()));
        m.put("permanent", sanction.permanent());
        m.put("applicationDate", sanction.startsAt().toString());
        sanction.endsAt().ifPresent(e -> m.put("endDate", e.toString()));
        m.put("appealDeadline", appealBy.toString());
        m.put("appealHow", appealHow);
        return m;
    }

    /**
     * The statement as a short text for the user, in Chinese or (for an English locale) English, with times
     * in {@code zone}. The text holds user-supplied strings as they are: escape it for the page it goes on.
     */
    public String render(Locale locale, ZoneId zone) {
        boolean en = Texts.english(locale);
        String what = sanction.describe(locale);
        String until = sanction.endsAt().map(e -> Texts.when(e, zone))
                .orElse(sanction.permanent() ? (en ? "permanent" : "永久") : (en ? "one-off" : "一次性处理"));
        String scope = territorialScope.isEmpty() ? (en ? "everywhere the service is offered" : "全部服务地区")
                : String.join(", ", territorialScope);
        String detected = automatedDetection ? (en ? "found by automated means" : "由系统自动识别")
                : (en ? "found by a person" : "由人工发现");
        String by = en ? automatedDecision.en : automatedDecision.zh;
        if (en) {
            return "Decision: " + what + " (" + category.en() + ").\n"
                    + "Ground: " + ground.kind().en + " " + ground.reference() + ": " + ground.explanation() + "\n"
                    + "Facts: " + facts + "\n"
                    + "How: learnt from " + source.en + ", " + detected + "; the decision was " + by + ".\n"
                    + "Applies: " + scope + "; until: " + until + ".\n"
                    + "Appeal: if you disagree, appeal before " + Texts.when(appealBy, zone) + " via " + appealHow
                    + ".";
        }
        return "处理决定：" + what + "（" + category.zh() + "）。\n"
                + "处理依据：" + ground.kind().zh + "，" + ground.reference() + "：" + ground.explanation() + "\n"
                + "事实：" + facts + "\n"
                + "来源与方式：" + source.zh + "，" + detected + "，处理决定" + by + "。\n"
                + "适用范围：" + scope + "；期限：" + until + "。\n"
                + "申诉：如有异议，请于" + Texts.when(appealBy, zone) + "前通过" + appealHow + "提出申诉。";
    }

    /** How long the sanction lasts, if it has a duration. */
    public Optional<Duration> duration() {
        return sanction.duration();
    }
}
