package org.qinglang.core.enforce;

import org.junit.jupiter.api.Test;
import org.qinglang.core.verdict.RiskLevel;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFeedbackTest {

    private static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");
    private static final CaseSignal.Report REPORT = new CaseSignal.Report("r-1", ReportCategory.CYBERVIOLENCE, 0.75, AT);

    private static Sanction sanction(OffenceSeverity s) {
        return SanctionLadder.defaults().next(List.of(), new Offence(s, ReportCategory.CYBERVIOLENCE), OffenderRole.PARTICIPANT, AT);
    }

    @Test
    void tellsTheReporterWhatHappenedToTheContentButNotToTheAccount() {
        ReportFeedback removed = ReportFeedback.of(REPORT, Optional.of(sanction(OffenceSeverity.MODERATE)));
        assertThat(removed.founded()).isTrue();
        assertThat(removed.render(Locale.CHINESE, WorkingCalendar.CHINA))
                .isEqualTo("你于2026-12-01 10:00 (Asia/Shanghai)提交的举报（网络暴力）：相关内容已删除。感谢你的举报。");
        ReportFeedback muted = ReportFeedback.of(REPORT, Optional.of(sanction(OffenceSeverity.SERIOUS)));
        assertThat(muted.render(Locale.CHINESE, WorkingCalendar.CHINA)).endsWith("：已依规处置相关账号。感谢你的举报。")
                .doesNotContain("禁言");
        assertThat(muted.render(Locale.ENGLISH, WorkingCalendar.CHINA)).isEqualTo("Your report of 2026-12-01 10:00 (Asia/Shanghai)"
                + " (Cyberviolence): the account has been dealt with under the platform's rules. Thank you for reporting.");
        ReportFeedback none = ReportFeedback.of(REPORT, Optional.empty());
        assertThat(none.founded()).isFalse();
        assertThat(none.render(Locale.CHINESE, WorkingCalendar.CHINA)).endsWith("：经核查，未发现违规。如有新的证据，可以再次举报。");
    }

    @Test
    void verdictRiskLevelsMapToSeverities() {
        assertThat(OffenceSeverity.of(RiskLevel.HIGH)).contains(OffenceSeverity.SERIOUS);
        assertThat(OffenceSeverity.of(RiskLevel.MEDIUM)).contains(OffenceSeverity.MODERATE);
        assertThat(OffenceSeverity.of(RiskLevel.LOW)).contains(OffenceSeverity.MINOR);
        assertThat(OffenceSeverity.of(RiskLevel.NONE)).isEmpty();
    }
}
