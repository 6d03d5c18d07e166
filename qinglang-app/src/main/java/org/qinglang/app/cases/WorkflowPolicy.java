package org.qinglang.app.cases;

import org.qinglang.core.enforce.AppealPolicy;
import org.qinglang.core.enforce.CasePriority;
import org.qinglang.core.enforce.HandlingDeadlines;
import org.qinglang.core.enforce.ReportPressure;
import org.qinglang.core.enforce.ReporterCredibility;
import org.qinglang.core.enforce.SanctionLadder;
import org.qinglang.core.enforce.WorkingCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The policy the workflow runs under (处置策略): the core's defaults (docs/enforcement.md) for deadlines,
 * report pressure, reporter credibility, the sanction ladder and appeals, with three files that replace parts of
 * them when the server is given their paths — {@code qinglang.workflow.holidays} (public holidays and weekend days
 * worked, for deadlines in working days), {@code qinglang.workflow.deadlines} (a deadline per category) and
 * {@code qinglang.workflow.ladder} (the sanction ladder), in the core's formats; a file that does not parse stops
 * the start with its name and line. Times shown in China Standard Time. Immutable.
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

    private final HandlingDeadlines deadlines;
    private final CasePriority priority;
    private final SanctionLadder ladder;
    private final Clock clock = Clock.systemUTC();

    /** The core's defaults throughout. */
    public WorkflowPolicy() {
        this("", "", "");
    }

    /** The defaults, with the parts whose files are named (a blank path: that part's default). */
    @Autowired
    public WorkflowPolicy(@Value("${qinglang.workflow.holidays:}") String holidays,
                          @Value("${qinglang.workflow.deadlines:}") String deadlines,
                          @Value("${qinglang.workflow.ladder:}") String ladder) {
        WorkingCalendar calendar = holidays.isBlank() ? WorkingCalendar.weekdays()
                : read(holidays, WorkingCalendar::parse);
        this.deadlines = deadlines.isBlank() ? HandlingDeadlines.builder().calendar(calendar).build()
                : read(deadlines, (r, source) -> HandlingDeadlines.parse(r, source, calendar));
        this.priority = new CasePriority(this.deadlines, ReportPressure.DEFAULT);
        this.ladder = ladder.isBlank() ? SanctionLadder.defaults() : read(ladder, SanctionLadder::parse);
    }

    private interface Parser<T> {
        T parse(Reader reader, String source) throws IOException;
    }

    private static <T> T read(String path, Parser<T> parser) {
        try (Reader r = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            return parser.parse(r, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workflow file " + path, e);
        }
    }

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
        return ladder;
    }

    public AppealPolicy appeals() {
        return AppealPolicy.DEFAULT;
    }

    public Clock clock() {
        return clock;
    }
}
