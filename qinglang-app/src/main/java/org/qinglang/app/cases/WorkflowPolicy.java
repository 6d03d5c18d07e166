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
import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * The policy the workflow runs under (处置策略): the core's defaults (docs/enforcement.md) for deadlines,
 * report pressure, reporter credibility, the sanction ladder and appeals, with what the server's configuration
 * replaces of them. Three files, when the server is given their paths — {@code qinglang.workflow.holidays} (public
 * holidays and weekend days worked, for deadlines in working days), {@code qinglang.workflow.deadlines} (a deadline
 * per category) and {@code qinglang.workflow.ladder} (the sanction ladder), in the core's formats; a file that does
 * not parse stops the start with its name and line. Four values: {@code qinglang.workflow.appeal-window} and
 * {@code .appeal-answer-within} (durations, {@code P183D} or {@code 183d}: the appeal window, 申诉期限, and how soon
 * an appeal is answered) and {@code .credibility-prior-founded} and {@code .credibility-prior-unfounded} (the
 * reporter-credibility prior's α and β, 举报人可信度先验); a value the core refuses, or that is not a duration or a
 * number, stops the start with the property's name and the core's limit. Blank or unset: the core's default. Times
 * shown in China Standard Time. Immutable.
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

    static final String APPEAL_WINDOW = "qinglang.workflow.appeal-window";
    static final String APPEAL_ANSWER_WITHIN = "qinglang.workflow.appeal-answer-within";
    static final String PRIOR_FOUNDED = "qinglang.workflow.credibility-prior-founded";
    static final String PRIOR_UNFOUNDED = "qinglang.workflow.credibility-prior-unfounded";

    private final HandlingDeadlines deadlines;
    private final CasePriority priority;
    private final SanctionLadder ladder;
    private final AppealPolicy appeals;
    private final ReporterCredibility credibility;
    private final Clock clock = Clock.systemUTC();

    /** The core's defaults throughout. */
    public WorkflowPolicy() {
        this("", "", "");
    }

    /** The defaults, with the parts whose files are named (a blank path: that part's default). */
    public WorkflowPolicy(String holidays, String deadlines, String ladder) {
        this(holidays, deadlines, ladder, "", "", "", "");
    }

    /**
     * The defaults, with the parts whose files are named and the appeal and credibility values given (each blank:
     * that part's default).
     *
     * @throws IllegalArgumentException naming the property, when a value is not a duration or number or the core
     *         refuses it (its own limits: a window of 1 to 3660 days, an answer within 1 hour to 366 days, prior
     *         counts in (0, 1000])
     */
    @Autowired
    public WorkflowPolicy(@Value("${qinglang.workflow.holidays:}") String holidays,
                          @Value("${qinglang.workflow.deadlines:}") String deadlines,
                          @Value("${qinglang.workflow.ladder:}") String ladder,
                          @Value("${" + APPEAL_WINDOW + ":}") String appealWindow,
                          @Value("${" + APPEAL_ANSWER_WITHIN + ":}") String appealAnswerWithin,
                          @Value("${" + PRIOR_FOUNDED + ":}") String priorFounded,
                          @Value("${" + PRIOR_UNFOUNDED + ":}") String priorUnfounded) {
        WorkingCalendar calendar = holidays.isBlank() ? WorkingCalendar.weekdays()
                : read(holidays, WorkingCalendar::parse);
        this.deadlines = deadlines.isBlank() ? HandlingDeadlines.builder().calendar(calendar).build()
                : read(deadlines, (r, source) -> HandlingDeadlines.parse(r, source, calendar));
        this.priority = new CasePriority(this.deadlines, ReportPressure.DEFAULT);
        this.ladder = ladder.isBlank() ? SanctionLadder.defaults() : read(ladder, SanctionLadder::parse);

        // each value is put to the core's own check alone, the other at its default, so that a refusal names its property
        AppealPolicy a = AppealPolicy.DEFAULT;
        Duration window = duration(APPEAL_WINDOW, appealWindow, a.window());
        Duration answer = duration(APPEAL_ANSWER_WITHIN, appealAnswerWithin, a.answerWithin());
        checked(APPEAL_WINDOW, appealWindow, () -> new AppealPolicy(window, a.answerWithin()));
        checked(APPEAL_ANSWER_WITHIN, appealAnswerWithin, () -> new AppealPolicy(a.window(), answer));
        this.appeals = new AppealPolicy(window, answer);
        ReporterCredibility c = ReporterCredibility.DEFAULT;
        double founded = number(PRIOR_FOUNDED, priorFounded, c.priorFounded());
        double unfounded = number(PRIOR_UNFOUNDED, priorUnfounded, c.priorUnfounded());
        checked(PRIOR_FOUNDED, priorFounded, () -> new ReporterCredibility(founded, c.priorUnfounded()));
        checked(PRIOR_UNFOUNDED, priorUnfounded, () -> new ReporterCredibility(c.priorFounded(), unfounded));
        this.credibility = new ReporterCredibility(founded, unfounded);
    }

    /** {@code value} as a duration ({@code P30D}, {@code 30d}, {@code PT12H}), {@code otherwise} if blank. */
    private static Duration duration(String property, String value, Duration otherwise) {
        if (value.isBlank()) {
            return otherwise;
        }
        try {
            return DurationFormatterUtils.detectAndParse(value.strip(), DurationFormat.Unit.MILLIS);
        } catch (RuntimeException e) {
            throw refused(property, value, "not a duration (such as P30D or 30d)");
        }
    }

    /** {@code value} as a number, {@code otherwise} if blank. */
    private static double number(String property, String value, double otherwise) {
        if (value.isBlank()) {
            return otherwise;
        }
        // a plain decimal only: Double.parseDouble also takes "3d", "0x1p1" and "Infinity"
        if (!value.strip().matches("[0-9]+(\\.[0-9]+)?")) {
            throw refused(property, value, "not a number (such as 3 or 0.5)");
        }
        return Double.parseDouble(value.strip());
    }

    /** Runs {@code make}, the core's constructor, and names {@code property} in its refusal. */
    private static void checked(String property, String value, Supplier<?> make) {
        try {
            make.get();
        } catch (IllegalArgumentException e) {
            throw refused(property, value, e.getMessage());
        }
    }

    private static IllegalArgumentException refused(String property, String value, String why) {
        // no cause: the start prints the innermost message, and it must be this one, naming the property
        return new IllegalArgumentException(property + "=" + value.strip() + " is refused: " + why);
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
        return credibility;
    }

    public SanctionLadder ladder() {
        return ladder;
    }

    public AppealPolicy appeals() {
        return appeals;
    }

    public Clock clock() {
        return clock;
    }
}
