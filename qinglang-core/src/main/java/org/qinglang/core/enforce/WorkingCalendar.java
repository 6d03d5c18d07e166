package org.qinglang.core.enforce;

import org.qinglang.core.config.ConfigLines;

import java.io.IOException;
import java.io.Reader;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Working days (工作日) in one time zone: every day but the weekend, less the public holidays, plus the
 * weekend days that are worked in exchange for a holiday (调休上班). Holidays are configuration: the State
 * Council publishes them each year, so they are never built in.
 *
 * <p>Periods are counted the way the Civil Code counts periods in days (民法典 第二百零一条、第二百零三条):
 * the day something happens is not counted, counting starts the next day, and the period ends at 24:00 of
 * its last day. {@link #plusWorkingDays(Instant, int)} is therefore the start of the day after the
 * {@code n}-th working day that follows the day of {@code start}.
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkingCalendar {

    /** China Standard Time, the zone of the default calendar. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final WorkingCalendar WEEKDAYS = builder(CHINA).build();

    private final ZoneId zone;
    private final Set<DayOfWeek> weekend;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workdays;

    private WorkingCalendar(Builder b) {
        this.zone = b.zone;
        this.weekend = Set.copyOf(b.weekend);
        this.holidays = Set.copyOf(b.holidays);
        this.workdays = Set.copyOf(b.workdays);
    }

    /** Monday to Friday in China Standard Time, with no holidays configured. */
    public static WorkingCalendar weekdays() {
        return WEEKDAYS;
    }

    /** A builder with a Saturday-and-Sunday weekend and no holidays. */
    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /**
     * Reads a calendar in China Standard Time from a plain text file, one date a line:
     * {@code holiday 2026-10-01} (a day off) or {@code workday 2026-10-10} (a weekend day worked).
     * {@code #} starts a comment.
     *
     * @throws IllegalArgumentException naming {@code source} and the line, for a line not of this form
     */
    public static WorkingCalendar parse(Reader reader, String source) throws IOException {
        Builder b = builder(CHINA);
        ConfigLines.read(reader, source, f -> {
            if (f.length != 2) {
                throw new IllegalArgumentException("expected: holiday|workday YYYY-MM-DD, found " + f.length
                        + " fields");
            }
            LocalDate day;
            try {
                day = LocalDate.parse(f[1]);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("the date must be YYYY-MM-DD, was '" + f[1] + "'", e);
            }
            switch (f[0]) {
                case "holiday" -> b.holiday(day);
                case "workday" -> b.workday(day);
                default -> throw new IllegalArgumentException("expected holiday or workday, found '" + f[0] + "'");
            }
        });
        return b.build();
    }

    /** The zone in which days begin and end. */
    public ZoneId zone() {
        return zone;
    }

    /** True if {@code day} is worked: a listed workday, or not a weekend day and not a holiday. */
    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        return !weekend.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /**
     * The end (24:00, i.e. the start of the next day) of the {@code n}-th working day after the day of
     * {@code start}, in this calendar's zone. {@code n} = 0 is the end of the day of {@code start}.
     *
     * @throws IllegalArgumentException if {@code n} is negative or above 3660
     */
    public Instant plusWorkingDays(Instant start, int n) {
        Objects.requireNonNull(start, "start");
        if (n < 0 || n > 3660) {
            throw new IllegalArgumentException("working days must be in [0, 3660], was " + n);
        }
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int counted = 0; counted < n; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Builds a {@link WorkingCalendar}. */
    public static final class Builder {
        private final ZoneId zone;
        private final Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        private final Set<LocalDate> holidays = new HashSet<>();
        private final Set<LocalDate> workdays = new HashSet<>();

        private Builder(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        /** The days of the week that are not worked (replaces Saturday and Sunday). */
        public Builder weekend(Set<DayOfWeek> days) {
            weekend.clear();
            weekend.addAll(days);
            return this;
        }

        /** A public holiday (法定节假日): not worked even on a weekday. */
        public Builder holiday(LocalDate day) {
            Objects.requireNonNull(day, "day");
            if (workdays.contains(day)) {
                throw new IllegalArgumentException(day + " is already a workday; it cannot also be a holiday");
            }
            holidays.add(day);
            return this;
        }

        /** A weekend day that is worked (调休上班). */
        public Builder workday(LocalDate day) {
            Objects.requireNonNull(day, "day");
            if (holidays.contains(day)) {
                throw new IllegalArgumentException(day + " is already a holiday; it cannot also be a workday");
            }
            workdays.add(day);
            return this;
        }

        public WorkingCalendar build() {
            if (weekend.size() == 7) {
                throw new IllegalArgumentException("a weekend of all seven days leaves no working day");
            }
            return new WorkingCalendar(this);
        }
    }
}
