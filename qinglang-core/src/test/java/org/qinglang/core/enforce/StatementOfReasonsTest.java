package org.qinglang.core.enforce;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementOfReasonsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");   // 10:00 in Beijing
    private static final Offence OFFENCE = new Offence(OffenceSeverity.SERIOUS, ReportCategory.CYBERVIOLENCE);
    private static final Sanction MUTE_7 = SanctionLadder.defaults().next(List.of(), OFFENCE, OffenderRole.REPEAT_POSTER, NOW);
    private static final StatementOfReasons.Ground GROUND = new StatementOfReasons.Ground(StatementOfReasons.GroundKind.TERMS,
            "《社区公约》第3.2条", "评论以侮辱性语言针对他人");

    private static StatementOfReasons statement(List<String> scope) {
        return StatementOfReasons.of("d-42", "u-7", Optional.of("c-1029"), "comment", OFFENCE, GROUND,
                "在2小时内对同一用户发表12条侮辱性评论", StatementOfReasons.Source.USER_REPORT, true,
                StatementOfReasons.Automation.PARTIALLY, scope, MUTE_7, AppealPolicy.DEFAULT, "App「我的-设置-申诉」");
    }

    @Test
    void structuredFieldsFollowTheDsaDatabase() {
        Map<String, Object> f = statement(List.of("CN")).fields();
        assertThat(f).containsExactly(
                Map.entry("decisionId", "d-42"),
                Map.entry("account", "u-7"),
                Map.entry("contentId", "c-1029"),
                Map.entry("contentType", "comment"),
                Map.entry("category", "cyberviolence"),
                Map.entry("decisionGround", "DECISION_GROUND_INCOMPATIBLE_CONTENT"),
                Map.entry("groundReference", "《社区公约》第3.2条"),
                Map.entry("groundExplanation", "评论以侮辱性语言针对他人"),
                Map.entry("facts", "在2小时内对同一用户发表12条侮辱性评论"),
                Map.entry("source", "user-report"),
                Map.entry("automatedDetection", true),
                Map.entry("automatedDecision", "AUTOMATED_DECISION_PARTIALLY"),
                Map.entry("territorialScope", List.of("CN")),
                Map.entry("action", "mute"),
                Map.entry("duration", "PT168H"),
                Map.entry("permanent", false),
                Map.entry("applicationDate", "2026-12-01T02:00:00Z"),
                Map.entry("endDate", "2026-12-08T02:00:00Z"),
                Map.entry("appealDeadline", "2026-12-31T02:00:00Z"),
                Map.entry("appealHow", "App「我的-设置-申诉」"));
    }

    @Test
    void rendersAShortChineseTextAndEnglish() {
        assertThat(statement(List.of()).render(Locale.CHINESE, WorkingCalendar.CHINA)).isEqualTo("""
                处理决定：禁言7天（网络暴力）。
                处理依据：违反平台规则，《社区公约》第3.2条：评论以侮辱性语言针对他人
                事实：在2小时内对同一用户发表12条侮辱性评论
                来源与方式：用户举报，由系统自动识别，处理决定由系统辅助、人工作出。
                适用范围：全部服务地区；期限：2026-12-08 10:00 (Asia/Shanghai)。
                申诉：如有异议，请于2026-12-31 10:00 (Asia/Shanghai)前通过App「我的-设置-申诉」提出申诉。""");
        assertThat(statement(List.of("CN")).render(Locale.ENGLISH, WorkingCalendar.CHINA)).isEqualTo("""
                Decision: muted for 7 days (Cyberviolence).
                Ground: against the platform's rules, 《社区公约》第3.2条: 评论以侮辱性语言针对他人
                Facts: 在2小时内对同一用户发表12条侮辱性评论
                How: learnt from a user report, found by automated means; the decision was made by a person with automated assistance.
                Applies: CN; until: 2026-12-08 10:00 (Asia/Shanghai).
                Appeal: if you disagree, appeal before 2026-12-31 10:00 (Asia/Shanghai) via App「我的-设置-申诉」.""");
    }

    @Test
    void aStatementWithoutFactsOrWithBadFieldsIsRefused() {
        assertThatThrownBy(() -> new StatementOfReasons("d", "u", Optional.empty(), "comment", ReportCategory.OTHER, GROUND, " ",
                StatementOfReasons.Source.OWN_INITIATIVE, false, StatementOfReasons.Automation.NOT_AUTOMATED, List.of(), MUTE_7,
                NOW, "x")).hasMessageStartingWith("facts must say what was relied on");
        assertThatThrownBy(() -> new StatementOfReasons("d", "u", Optional.empty(), "video", ReportCategory.OTHER, GROUND, "f",
                StatementOfReasons.Source.OWN_INITIATIVE, false, StatementOfReasons.Automation.NOT_AUTOMATED, List.of(), MUTE_7,
                NOW, "x")).hasMessage("unknown contentType 'video': use one of account, comment, danmaku, dm, mention, post,"
                + " rating, repost");
        assertThatThrownBy(() -> new StatementOfReasons("d", "u", Optional.empty(), "account", ReportCategory.OTHER, GROUND, "f",
                StatementOfReasons.Source.OWN_INITIATIVE, false, StatementOfReasons.Automation.FULLY, List.of(), MUTE_7,
                NOW, "x")).hasMessage("a fully automated decision needs automated detection");
        assertThatThrownBy(() -> new StatementOfReasons("d", "u", Optional.empty(), "account", ReportCategory.OTHER, GROUND, "f",
                StatementOfReasons.Source.OWN_INITIATIVE, false, StatementOfReasons.Automation.NOT_AUTOMATED, List.of("china"),
                MUTE_7, NOW, "x")).hasMessage("territorialScope holds ISO 3166 two-letter codes such as CN, was 'china'");
        assertThatThrownBy(() -> new StatementOfReasons.Ground(StatementOfReasons.GroundKind.LAW, "", "x"))
                .hasMessage("the ground must cite the rule: reference must not be blank");
    }

    @Test
    void aPermanentOrOneOffSanctionSaysSo() {
        Sanction warn = SanctionLadder.defaults().next(List.of(), new Offence(OffenceSeverity.MINOR, ReportCategory.OTHER),
                OffenderRole.PARTICIPANT, NOW);
        StatementOfReasons s = new StatementOfReasons("d", "u", Optional.empty(), "comment", ReportCategory.OTHER, GROUND, "f",
                StatementOfReasons.Source.OWN_INITIATIVE, true, StatementOfReasons.Automation.FULLY, List.of(), warn, NOW, "x");
        assertThat(s.render(Locale.CHINESE, WorkingCalendar.CHINA)).contains("期限：一次性处理。");
        assertThat(s.fields()).doesNotContainKeys("contentId", "duration", "endDate");
        Sanction close = SanctionLadder.defaults().next(List.of(new Strike("a", OffenceSeverity.GRAVE, NOW)),
                new Offence(OffenceSeverity.SERIOUS, ReportCategory.OTHER), OffenderRole.PARTICIPANT, NOW);
        assertThat(close.action()).isEqualTo(SanctionAction.CLOSE_ACCOUNT);
        StatementOfReasons c = new StatementOfReasons("d", "u", Optional.empty(), "account", ReportCategory.OTHER, GROUND, "f",
                StatementOfReasons.Source.OWN_INITIATIVE, false, StatementOfReasons.Automation.NOT_AUTOMATED, List.of(), close, NOW, "x");
        assertThat(c.render(Locale.ENGLISH, WorkingCalendar.CHINA)).contains("until: permanent.");
        assertThat(c.fields()).containsEntry("permanent", true);
    }
}
