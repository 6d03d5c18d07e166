package org.qinglang.core.enforce;

import org.qinglang.core.config.ConfigLines;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The handling deadline (处理时限) of each {@link ReportCategory}: how long after a report or alert its case
 * may wait before a decision. Configuration, not code.
 *
 * <p>Defaults (the reasons are in docs/enforcement.md): the faster the harm spreads and the less it can be
 * undone, the shorter the deadline.
 * <ul>
 *   <li>{@link ReportCategory#MINORS} 1 hour — minors first, as the cyberviolence rules require;</li>
 *   <li>{@link ReportCategory#CYBERVIOLENCE} and {@link ReportCategory#DOXXING} 2 hours — a pile-on
 *       grows by the minute, and a leaked address can bring harm offline;</li>
 *   <li>{@link ReportCategory#FRAUD} and {@link ReportCategory#ILLEGAL} 4 hours — each hour can bring a
 *       new victim;</li>
 *   <li>{@link ReportCategory#PORNOGRAPHY} 12 hours; {@link ReportCategory#RUMOUR} 24 hours — checking a
 *       claim needs sources;</li>
 *   <li>{@link ReportCategory#FAKE_ENGAGEMENT} 3 working days — the pattern needs analysis and the harm
 *       is to rankings, not to a person; {@link ReportCategory#OTHER} 2 working days.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class HandlingDeadlines {

    private static final HandlingDeadlines DEFAULTS = builder().build();

    private final Map<ReportCategory, Deadline> deadlines;
    private final WorkingCalendar calendar;

    private HandlingDeadlines(Builder b) {
        this.deadlines = new EnumMap<>(b.deadlines);
        this.calendar = b.calendar;
    }

    /** The defaults above, counting working days Monday to Friday in China Standard Time. */
    public static HandlingDeadlines defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads deadlines from a plain text file, one category a line: the category id and its deadline
     * ({@link Deadline#parse}). Categories not listed keep their default.
     *
     * <pre>
     * minors          30m
     * cyberviolence   1h
     * other           3wd
     * </pre>
     *
     * @throws IllegalArgumentException naming {@code source} and the line, for a line not of this form
     */
    public static HandlingDeadlines parse(Reader reader, String source, WorkingCalendar calendar)
            throws IOException {
        Builder b = builder().calendar(calendar);
        ConfigLines.read(reader, source, f -> {
            if (f.length != 2) {
                throw new IllegalArgumentException("expected: category deadline (two fields), found " + f.length);
            }
            b.deadline(ReportCategory.fromId(f[0]), Deadline.parse(f[1]));
        });
        return b.build();
    }

    /** The deadline of {@code category}. */
    public Deadline of(ReportCategory category) {
        return deadlines.get(category);
    }

    /** When a case of {@code category} that starts at {@code start} is due. */
    public Instant due(ReportCategory category, Instant start) {
        return deadlines.get(category).due(start, calendar);
    }

    /** The calendar that counts working days. */
    public WorkingCalendar calendar() {
        return calendar;
    }

    /** Builds {@link HandlingDeadlines}. */
    public static final class Builder {
        private final Map<ReportCategory, Deadline> deadlines = new EnumMap<>(ReportCategory.class);
        private WorkingCalendar calendar = WorkingCalendar.weekdays();

        private Builder() {
            deadlines.put(ReportCategory.MINORS, Deadline.hours(1));
            deadlines.put(ReportCategory.CYBERVIOLENCE, Deadline.hours(2));
            deadlines.put(ReportCategory.DOXXING, Deadline.hours(2));
            deadlines.put(ReportCategory.FRAUD, Deadline.hours(4));
            deadlines.put(ReportCategory.ILLEGAL, Deadline.hours(4));
            deadlines.put(ReportCategory.PORNOGRAPHY, Deadline.hours(12));
            deadlines.put(ReportCategory.RUMOUR, Deadline.hours(24));
            deadlines.put(ReportCategory.FAKE_ENGAGEMENT, Deadline.workingDays(3));
            deadlines.put(ReportCategory.OTHER, Deadline.workingDays(2));
        }

        /** The deadline of {@code category}. */
        public Builder deadline(ReportCategory category, Deadline deadline) {
            deadlines.put(Objects.requireNonNull(category, "category"), Objects.requireNonNull(deadline,
                    "deadline"));
            return this;
        }

        /** The calendar for deadlines in working days. */
        public Builder calendar(WorkingCalendar calendar) {
            this.calendar = Objects.requireNonNull(calendar, "calendar");
            return this;
        }

        public HandlingDeadlines build() {
            return new HandlingDeadlines(this);
        }
    }
}
