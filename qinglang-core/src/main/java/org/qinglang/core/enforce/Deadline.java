package org.qinglang.core.enforce;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * How long a case of one category may wait (处理时限): a clock duration (hours run day and night, weekends
 * included: harm to a person does not wait for Monday) or a number of working days (工作日, counted by a
 * {@link WorkingCalendar}).
 *
 * @param clock       the clock duration, or {@link Duration#ZERO} when the deadline is in working days
 * @param workingDays the working days, or 0 when the deadline is a clock duration
 */
public record Deadline(Duration clock, int workingDays) {

    public Deadline {
        Objects.requireNonNull(clock, "clock");
        if (clock.isNegative() || workingDays < 0 || clock.isZero() == (workingDays == 0)) {
            throw new IllegalArgumentException("a deadline is either a clock duration above zero or working days"
                    + " above zero, was " + clock + " and " + workingDays + " working days");
        }
        if (workingDays > 3660) {
            throw new IllegalArgumentException("working days must be at most 3660, was " + workingDays);
        }
    }

    /** A deadline of {@code hours} clock hours. */
    public static Deadline hours(long hours) {
        return new Deadline(Duration.ofHours(hours), 0);
    }

    /** A deadline of {@code days} working days. */
    public static Deadline workingDays(int days) {
        return new Deadline(Duration.ZERO, days);
    }

    /**
     * A deadline as written in configuration: {@code 2h}, {@code 90m}, {@code 3d} (clock) or {@code 3wd}
     * (working days).
     */
    public static Deadline parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.endsWith("wd")) {
            String digits = v.substring(0, v.length() - 2);
            if (!digits.isEmpty() && digits.length() <= 4 && digits.chars().allMatch(Character::isDigit)) {
                return workingDays(Integer.parseInt(digits));
            }
            throw new IllegalArgumentException("a deadline in working days is a whole number followed by wd, such"
                    + " as 3wd; was '" + value + "'");
        }
        return new Deadline(Texts.parseDuration(v, "deadline"), 0);
    }

    /** When a case that starts at {@code start} is due. */
    public Instant due(Instant start, WorkingCalendar calendar) {
        return workingDays > 0 ? calendar.plusWorkingDays(start, workingDays) : start.plus(clock);
    }

    /** The configuration form: {@code 2h}, {@code 3wd}. */
    @Override
    public String toString() {
        return workingDays > 0 ? workingDays + "wd" : Texts.formatDuration(clock);
    }
}
