package org.qinglang.app.stats;

import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.Msg;
import org.qinglang.app.api.Times;
import org.springframework.http.HttpStatus;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

/**
 * A period of China days to count, {@code from} to {@code to} inclusive, at most {@value #MAX_DAYS} days: read
 * the same way by the API ({@code /api/v1/stats}) and the console's statistics page.
 */
record Period(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;

    /** The period of the two dates ({@code YYYY-MM-DD}); throws naming the field at fault. */
    static Period parse(String from, String to) {
        LocalDate f = date(from, "from");
        LocalDate t = date(to, "to");
        if (t.isBefore(f)) {
            throw new InvalidField(FieldError.badValue("to", "不能早于 from", "must not be before from"));
        }
        if (ChronoUnit.DAYS.between(f, t) + 1 > MAX_DAYS) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "too_many", "to", OptionalLong.of(MAX_DAYS),
                    new Msg("统计区间最多 " + MAX_DAYS + " 天", "the period is at most " + MAX_DAYS + " days"));
        }
        return new Period(f, t);
    }

    private static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidField(FieldError.missing(field));
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidField(FieldError.badValue(field, "应为 YYYY-MM-DD 格式的日期", "must be a date as YYYY-MM-DD"));
        }
        if (d.isBefore(Times.EARLIEST_DAY) || d.isAfter(Times.LATEST_DAY)) {
            throw Times.outside(field);
        }
        return d;
    }
}
