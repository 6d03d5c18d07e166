package org.qinglang.app.cases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.core.enforce.ReportCategory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

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
}
