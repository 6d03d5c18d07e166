package org.qinglang.core.enforce;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlinesTest {

    private static final Instant FRIDAY_10H_CST = Instant.parse("2026-12-04T02:00:00Z");

    @Test
    void categoriesHaveBothLabelsAndIds() {
        assertThat(ReportCategory.values()).hasSize(9);
        assertThat(ReportCategory.DOXXING.zh()).isEqualTo("泄露隐私/人肉");
        assertThat(ReportCategory.DOXXING.label(Locale.ENGLISH)).isEqualTo("Doxxing or privacy leak");
        assertThat(ReportCategory.fromId("fake-engagement")).isEqualTo(ReportCategory.FAKE_ENGAGEMENT);
        assertThat(ReportCategory.fromId("未成年人相关")).isEqualTo(ReportCategory.MINORS);
        assertThatThrownBy(() -> ReportCategory.fromId("spam"))
                .hasMessageStartingWith("unknown report category 'spam': use one of cyberviolence, rumour");
    }

    @Test
    void minorsAndCyberviolenceAreFastestByDefault() {
        HandlingDeadlines d = HandlingDeadlines.defaults();
        assertThat(d.due(ReportCategory.MINORS, FRIDAY_10H_CST)).isEqualTo(FRIDAY_10H_CST.plus(Duration.ofHours(1)));
        assertThat(d.due(ReportCategory.CYBERVIOLENCE, FRIDAY_10H_CST))
                .isEqualTo(FRIDAY_10H_CST.plus(Duration.ofHours(2)));
        for (ReportCategory c : ReportCategory.values()) {
            if (c != ReportCategory.MINORS) {
                assertThat(d.due(c, FRIDAY_10H_CST)).as(c.id()).isAfter(d.due(ReportCategory.MINORS, FRIDAY_10H_CST));
            }
        }
    }

    @Test
    void hourDeadlinesRunThroughTheWeekendWorkingDaysDoNot() {
        HandlingDeadlines d = HandlingDeadlines.defaults();
        // a rumour reported Friday 10:00 is due Saturday 10:00
        assertThat(d.due(ReportCategory.RUMOUR, FRIDAY_10H_CST)).isEqualTo(Instant.parse("2026-12-05T02:00:00Z"));
        // "other", 2 working days from Friday: Monday and Tuesday, due at the end of Tuesday (CST)
        assertThat(d.due(ReportCategory.OTHER, FRIDAY_10H_CST)).isEqualTo(Instant.parse("2026-12-08T16:00:00Z"));
    }

    @Test
    void holidaysAndSwappedWorkdaysCount() throws IOException {
        WorkingCalendar cal = WorkingCalendar.parse(new StringReader("""
                # 国庆 (made up for the test)
                holiday 2026-10-01
                holiday 2026-10-02
                holiday 2026-10-05
                holiday 2026-10-06
                holiday 2026-10-07
                holiday 2026-10-08
                workday 2026-10-10   # Saturday worked
                """), "cal.txt");
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-10-01"))).isFalse();
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
        assertThat(cal.isWorkingDay(LocalDate.parse("2026-10-11"))).isFalse();
        // Wed 30 Sep 15:00 CST + 3 working days: Fri 9 Oct, Sat 10 Oct, Mon 12 Oct; due at the end of the 12th
        Instant start = Instant.parse("2026-09-30T07:00:00Z");
        assertThat(cal.plusWorkingDays(start, 3)).isEqualTo(Instant.parse("2026-10-12T16:00:00Z"));
        assertThat(cal.plusWorkingDays(start, 0)).isEqualTo(Instant.parse("2026-09-30T16:00:00Z"));
    }

    @Test
    void badCalendarLinesNameTheLine() {
        assertThatThrownBy(() -> WorkingCalendar.parse(new StringReader("holiday 2026-13-01\n"), "cal.txt"))
                .hasMessage("cal.txt:1: the date must be YYYY-MM-DD, was '2026-13-01'");
        assertThatThrownBy(() -> WorkingCalendar.parse(new StringReader("\nrest 2026-10-01\n"), "cal.txt"))
                .hasMessage("cal.txt:2: expected holiday or workday, found 'rest'");
        assertThatThrownBy(() -> WorkingCalendar.parse(new StringReader("holiday 2026-10-01\nworkday 2026-10-01\n"),
                "cal.txt")).hasMessage("cal.txt:2: 2026-10-01 is already a holiday; it cannot also be a workday");
        assertThatThrownBy(() -> WorkingCalendar.weekdays().plusWorkingDays(FRIDAY_10H_CST, -1))
                .hasMessage("working days must be in [0, 3660], was -1");
    }

    @Test
    void deadlinesParseAndPrint() throws IOException {
        assertThat(Deadline.parse("3wd")).isEqualTo(Deadline.workingDays(3));
        assertThat(Deadline.parse("2h")).isEqualTo(Deadline.hours(2));
        assertThat(Deadline.parse("90m").clock()).isEqualTo(Duration.ofMinutes(90));
        assertThat(Deadline.parse("90m")).hasToString("90m");
        assertThat(Deadline.parse(" 3D ")).hasToString("3d");
        assertThatThrownBy(() -> Deadline.parse("0h")).hasMessageContaining("was '0h'");
        assertThatThrownBy(() -> Deadline.parse("wd")).hasMessageContaining("such as 3wd");
        assertThatThrownBy(() -> Deadline.parse("3x")).hasMessageContaining("followed by m, h or d");

        HandlingDeadlines d = HandlingDeadlines.parse(new StringReader("minors 30m\nother 5wd # slower\n"), "d.txt",
                WorkingCalendar.weekdays());
        assertThat(d.of(ReportCategory.MINORS)).isEqualTo(new Deadline(Duration.ofMinutes(30), 0));
        assertThat(d.of(ReportCategory.OTHER)).isEqualTo(Deadline.workingDays(5));
        assertThat(d.of(ReportCategory.FRAUD)).isEqualTo(Deadline.hours(4));
        assertThatThrownBy(() -> HandlingDeadlines.parse(new StringReader("minors\n"), "d.txt",
                WorkingCalendar.weekdays())).hasMessage("d.txt:1: expected: category deadline (two fields), found 1");
        assertThatThrownBy(() -> HandlingDeadlines.parse(new StringReader("spam 1h\n"), "d.txt",
                WorkingCalendar.weekdays())).hasMessageStartingWith("d.txt:1: unknown report category 'spam'");
    }
}
