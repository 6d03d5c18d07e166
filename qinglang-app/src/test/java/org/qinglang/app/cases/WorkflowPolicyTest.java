package org.qinglang.app.cases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.core.enforce.Appeal;
import org.qinglang.core.enforce.AppealCheck;
import org.qinglang.core.enforce.AppealPolicy;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.enforce.ReporterCredibility;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowPolicyTest {

    /** Wednesday 2026-09-30 10:00 in China. */
    private static final Instant WEDNESDAY = Instant.parse("2026-09-30T02:00:00Z");

    @Test
    void theServerReadsHolidaysDeadlinesAndTheLadderFromTheFilesItIsGiven(@TempDir Path dir) throws Exception {
        WorkflowPolicy defaults = new WorkflowPolicy();
        Path holidays = Files.writeString(dir.resolve("holidays.txt"), "holiday 2026-10-01\nholiday 2026-10-02\n");
        Path deadlines = Files.writeString(dir.resolve("deadlines.txt"), "cyberviolence 30m\n");
        Path ladder = Files.writeString(dir.resolve("ladder.txt"),
                "step warn from 0\nstep mute 7d from 2\nstep refer-to-police grave\n");
        WorkflowPolicy configured = new WorkflowPolicy(holidays.toString(), deadlines.toString(), ladder.toString());

        // two working days from a Wednesday: Thursday and Friday, unless they are holidays
        assertThat(configured.deadlines().due(ReportCategory.OTHER, WEDNESDAY))
                .isAfter(defaults.deadlines().due(ReportCategory.OTHER, WEDNESDAY));
        assertThat(configured.deadlines().due(ReportCategory.CYBERVIOLENCE, WEDNESDAY))
                .isEqualTo(WEDNESDAY.plusSeconds(30 * 60));
        assertThat(configured.ladder().steps()).hasSize(3);
        assertThat(defaults.ladder().steps()).hasSizeGreaterThan(3);

        Path bad = Files.writeString(dir.resolve("bad-deadlines.txt"), "cyberviolence soon\n");
        assertThatThrownBy(() -> new WorkflowPolicy("", bad.toString(), ""))
                .hasMessageContaining("bad-deadlines.txt");
    }

    @Test
    void theAppealWindowTheAnswerDeadlineAndTheCredibilityPriorAreTheServersConfiguration() {
        Instant decided = WEDNESDAY;
        Appeal fourDaysOn = new Appeal("12", "u-9", "alice", decided, decided.plus(Duration.ofDays(4)));
        new ApplicationContextRunner().withUserConfiguration(WorkflowPolicy.class)
                .withPropertyValues("qinglang.workflow.appeal-window=3d", "qinglang.workflow.appeal-answer-within=PT48H",
                        "qinglang.workflow.credibility-prior-founded=1", "qinglang.workflow.credibility-prior-unfounded=1")
                .run(ctx -> {
                    WorkflowPolicy configured = ctx.getBean(WorkflowPolicy.class);
                    AppealCheck late = configured.appeals().inTime(fourDaysOn);
                    assertThat(late.allowed()).isFalse();
                    assertThat(late.code()).isEqualTo("late");
                    assertThat(late.zh()).contains("3天");
                    assertThat(configured.appeals().answerBy(fourDaysOn))
                            .isEqualTo(fourDaysOn.filedAt().plus(Duration.ofHours(48)));
                    assertThat(configured.credibility().of(0, 0)).isEqualTo(0.5); // a newcomer under Beta(1, 1)
                });
        WorkflowPolicy defaults = new WorkflowPolicy();
        assertThat(defaults.appeals().inTime(fourDaysOn).allowed()).isTrue();
        assertThat(defaults.appeals()).isEqualTo(AppealPolicy.DEFAULT);
        assertThat(defaults.credibility()).isEqualTo(ReporterCredibility.DEFAULT);
    }

    @Test
    void aBadAppealOrCredibilityValueStopsTheStartNamingTheProperty() {
        Map<String, String> bad = Map.of(
                "qinglang.workflow.appeal-window=PT1H", "the appeal window must be from 1 day to 3660 days",
                "qinglang.workflow.appeal-window=a month", "not a duration",
                "qinglang.workflow.appeal-answer-within=P400D", "answerWithin must be from 1 hour to 366 days",
                "qinglang.workflow.credibility-prior-founded=0", "the prior counts must be in (0, 1000]",
                "qinglang.workflow.credibility-prior-unfounded=NaN", "not a number (such as 3 or 0.5)",
                "qinglang.workflow.credibility-prior-founded=3d", "not a number (such as 3 or 0.5)",
                "qinglang.workflow.credibility-prior-unfounded=many", "not a number");
        bad.forEach((property, why) -> new ApplicationContextRunner().withUserConfiguration(WorkflowPolicy.class)
                .withPropertyValues(property).run(ctx -> {
                    assertThat(ctx).hasFailed();
                    Throwable root = ctx.getStartupFailure();
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    // what serve prints ("serve: could not start: " and the innermost message)
                    assertThat(root).as(property).hasMessageStartingWith(property + " is refused: ")
                            .hasMessageContaining(why);
                }));
    }
}
