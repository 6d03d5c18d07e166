package org.qinglang.app.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The times the API and the console accept: from 2000, before any platform's records, to 9999, what both databases
 * keep. A time outside (year -999999999 parses) is refused at the edge, where it once failed deep inside: a case
 * could not be dated with it, a day after it could not be counted to.
 */
public final class Times {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");
    public static final LocalDate EARLIEST_DAY = LocalDate.ofInstant(EARLIEST, ZoneOffset.UTC);
    public static final LocalDate LATEST_DAY = LocalDate.ofInstant(LATEST, ZoneOffset.UTC);

    private Times() {
    }

    /** True if {@code t} is from {@link #EARLIEST} to {@link #LATEST}. */
    public static boolean accepted(Instant t) {
        return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }

    /** The error of a time outside, naming {@code field}. */
    public static InvalidField outside(String field) {
        return new InvalidField(FieldError.badValue(field, "应在 " + EARLIEST_DAY + " 到 " + LATEST_DAY + " 之间",
                "must be from " + EARLIEST_DAY + " to " + LATEST_DAY));
    }
}
