package org.qinglang.app.cases;

import org.qinglang.core.enforce.AppealPolicy;
import org.qinglang.core.enforce.CasePriority;
import org.qinglang.core.enforce.HandlingDeadlines;
import org.qinglang.core.enforce.ReportPressure;
import org.qinglang.core.enforce.ReporterCredibility;
import org.qinglang.core.enforce.SanctionLadder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The policy the workflow runs under (处置策略): the core's defaults (docs/enforcement.md) for deadlines,
 * report pressure, reporter credibility, the sanction ladder and appeals; times shown in China Standard Time.
 * Immutable.
 */
@Component
public class WorkflowPolicy {

    /** The zone times are shown in to reporters and in statistics (days are China days). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /**
     * How the console shows a time: China time, with its offset written out ({@code 2026-12-03 17:31 +08:00}), so
     * that no page leaves its reader to guess the zone.
     */
    public static final DateTimeFormatter CONSOLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx")
            .withZone(ZONE);

    private final HandlingDeadlines deadlines = HandlingDeadlines.defaults();
    private final CasePriority priority = new CasePriority(deadlines, ReportPressure.DEFAULT);
    private final Clock clock = Clock.systemUTC();

    public HandlingDeadlines deadlines() {
        return deadlines;
    }

    public CasePriority priority() {
        return priority;
    }

    public ReporterCredibility credibility() {
        return ReporterCredibility.DEFAULT;
    }

    public SanctionLadder ladder() {
        return SanctionLadder.defaults();
    }

    public AppealPolicy appeals() {
        return AppealPolicy.DEFAULT;
    }

    public Clock clock() {
        return clock;
    }
}
