package org.qinglang.core.enforce;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CasePriorityTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static CaseSignal.Report report(String who, ReportCategory c, double cred, Duration ago) {
        return new CaseSignal.Report(who, c, cred, NOW.minus(ago));
    }

    private static CaseSignal.Detection found(ReportCategory c, OffenceSeverity s, Duration ago) {
        return new CaseSignal.Detection(c, s, NOW.minus(ago));
    }

    @Test
    void credibilityIsABetaMean() {
        ReporterCredibility c = ReporterCredibility.DEFAULT;
        assertThat(c.of(0, 0)).isEqualTo(0.75);
        assertThat(c.of(0, 10)).isCloseTo(3.0 / 14, within(1e-12));
        assertThat(c.of(10, 0)).isCloseTo(13.0 / 14, within(1e-12));
        assertThat(c.of(0, 1_000_000)).isGreaterThan(0);
        assertThatThrownBy(() -> c.of(-1, 0)).hasMessage("report counts must be 0 or more, were founded -1, unfounded 0");
        assertThatThrownBy(() -> new ReporterCredibility(0, 1)).hasMessageStartingWith("the prior counts must be in");
    }

    @Test
    void pressureCountsEachReporterOnceWithDiminishingReturnsAndFades() {
        ReportPressure p = ReportPressure.DEFAULT;
        assertThat(p.of(List.of(), NOW)).isZero();
        assertThat(p.of(List.of(report("a", ReportCategory.RUMOUR, 1, Duration.ZERO)), NOW)).isEqualTo(1.0);
        List<CaseSignal.Report> three = List.of(report("a", ReportCategory.RUMOUR, 1, Duration.ZERO),
                report("b", ReportCategory.RUMOUR, 1, Duration.ZERO), report("c", ReportCategory.RUMOUR, 1, Duration.ZERO));
        assertThat(p.of(three, NOW)).isCloseTo(2.0, within(1e-12));
        // the same reporter fifty times is one report
        List<CaseSignal.Report> spam = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            spam.add(report("a", ReportCategory.RUMOUR, 1, Duration.ofMinutes(i)));
        }
        assertThat(p.of(spam, NOW)).isEqualTo(1.0);
        // six hours old: half the weight
        assertThat(p.of(List.of(report("a", ReportCategory.RUMOUR, 1, Duration.ofHours(6))), NOW))
                .isCloseTo(Math.log(1.5) / Math.log(2), within(1e-12));
        // a low-credibility reporter counts less
        assertThat(p.of(List.of(report("a", ReportCategory.RUMOUR, 0.2, Duration.ZERO)), NOW))
                .isLessThan(p.of(List.of(report("a", ReportCategory.RUMOUR, 0.9, Duration.ZERO)), NOW));
    }

    @Test
    void signalsAboutTheSameTargetMergeIntoOneCase() {
        List<CaseFile> cases = CaseFile.merge(List.of(
                Map.entry("p-1", report("a", ReportCategory.RUMOUR, 0.8, Duration.ofMinutes(30))),
                Map.entry("u-9", (CaseSignal) new CaseSignal.Alert("pile-on", ReportCategory.CYBERVIOLENCE,
                        OffenceSeverity.SERIOUS, NOW.minus(Duration.ofMinutes(20)))),
                Map.entry("p-1", found(ReportCategory.PORNOGRAPHY, OffenceSeverity.MODERATE, Duration.ofMinutes(10)))),
                Set.of("u-9"));
        assertThat(cases).extracting(CaseFile::target).containsExactly("p-1", "u-9");
        CaseFile p1 = cases.get(0);
        assertThat(p1.signals()).hasSize(2);
        assertThat(p1.categories()).containsExactlyInAnyOrder(ReportCategory.RUMOUR, ReportCategory.PORNOGRAPHY);
        assertThat(p1.severity()).isEqualTo(OffenceSeverity.MODERATE);
        assertThat(p1.openedAt()).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
        assertThat(p1.minors()).isFalse();
        // the earliest of the deadlines: the pornography finding (12 h), not the rumour report (24 h)
        assertThat(p1.due(HandlingDeadlines.defaults())).isEqualTo(NOW.minus(Duration.ofMinutes(10)).plus(Duration.ofHours(12)));
        CaseFile u9 = cases.get(1);
        assertThat(u9.minors()).isTrue();
        assertThat(u9.cyberviolence()).isTrue();
        assertThat(p1.with(report("b", ReportCategory.MINORS, 0.5, Duration.ZERO)).minors()).isTrue();
        assertThatThrownBy(() -> new CaseFile("x", false, List.of())).hasMessage("a case needs at least one signal");
    }

    @Test
    void theQueueOrderIsPinned() {
        List<CaseFile> cases = List.of(
                CaseFile.open("A-cyber-minor", false, report("r1", ReportCategory.CYBERVIOLENCE, 0.75, Duration.ofMinutes(5))),
                CaseFile.open("B-minors", false, report("r2", ReportCategory.MINORS, 0.2, Duration.ofHours(20))),
                CaseFile.open("C-fraud-serious", false, found(ReportCategory.FRAUD, OffenceSeverity.SERIOUS, Duration.ofMinutes(1))),
                CaseFile.open("D-cyber-serious", false, found(ReportCategory.CYBERVIOLENCE, OffenceSeverity.SERIOUS, Duration.ofHours(1))),
                new CaseFile("E-rumour-5-reports", false, List.of(
                        report("r1", ReportCategory.RUMOUR, 0.75, Duration.ZERO), report("r2", ReportCategory.RUMOUR, 0.75, Duration.ZERO),
                        report("r3", ReportCategory.RUMOUR, 0.75, Duration.ZERO), report("r4", ReportCategory.RUMOUR, 0.75, Duration.ZERO),
                        report("r5", ReportCategory.RUMOUR, 0.75, Duration.ZERO))),
                CaseFile.open("F-rumour-1-report", false, report("r1", ReportCategory.RUMOUR, 0.75, Duration.ZERO)),
                CaseFile.open("H-fraud-moderate-later", false, found(ReportCategory.FRAUD, OffenceSeverity.MODERATE, Duration.ofHours(1))),
                CaseFile.open("I-fraud-moderate-earlier", false, found(ReportCategory.FRAUD, OffenceSeverity.MODERATE, Duration.ofHours(2))),
                CaseFile.open("J-minor-account", true, report("r9", ReportCategory.OTHER, 0.75, Duration.ofDays(3))));
        List<CasePriority.Ranked> queue = CasePriority.defaults().queue(cases, NOW);
        assertThat(queue).extracting(r -> r.file().target()).containsExactly(
                "B-minors",                 // minors first, even with one weak, old report
                "J-minor-account",          // the target is a minor: also minors; its report has faded more than B's
                "D-cyber-serious",          // then cyberviolence, most serious first
                "A-cyber-minor",
                "C-fraud-serious",          // then severity
                "I-fraud-moderate-earlier", // same rank: earlier deadline first
                "H-fraud-moderate-later",
                "E-rumour-5-reports",       // then report pressure
                "F-rumour-1-report");
        // the packed rank alone gives the same order for distinct ranks
        for (int i = 1; i < queue.size(); i++) {
            assertThat(queue.get(i - 1).rank()).isGreaterThanOrEqualTo(queue.get(i).rank());
        }
        assertThat(queue.get(7).pressure()).isCloseTo(Math.log(1 + 5 * 0.75) / Math.log(2), within(1e-12));
    }
}
