package org.qinglang.app.stats;

import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.Msg;
import org.qinglang.app.cases.WorkflowPolicy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;

/** {@code GET /api/v1/stats?from=2026-12-01&to=2026-12-07} (scope admin): the workflow per China day and category. */
@RestController
class StatsController {

    /** The answer. */
    record StatsView(String from, String to, String zone, List<Stats.Day> days) {
    }

    private static final int MAX_DAYS = 366;

    private final Stats stats;

    StatsController(Stats stats) {
        this.stats = stats;
    }

    @GetMapping(path = "/api/v1/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    StatsView stats(@RequestParam(name = "from", required = false) String from,
                    @RequestParam(name = "to", required = false) String to) {
        LocalDate f = date(from, "from");
        LocalDate t = date(to, "to");
        if (t.isBefore(f)) {
            throw new InvalidField(FieldError.badValue("to", "不能早于 from", "must not be before from"));
        }
        if (ChronoUnit.DAYS.between(f, t) + 1 > MAX_DAYS) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "too_many", "to", OptionalLong.of(MAX_DAYS),
                    new Msg("统计区间最多 " + MAX_DAYS + " 天", "the period is at most " + MAX_DAYS + " days"));
        }
        return new StatsView(f.toString(), t.toString(), WorkflowPolicy.ZONE.getId(), stats.between(f, t));
    }

    private static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidField(FieldError.missing(field));
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidField(FieldError.badValue(field, "应为 YYYY-MM-DD 格式的日期", "must be a date as YYYY-MM-DD"));
        }
    }
}
