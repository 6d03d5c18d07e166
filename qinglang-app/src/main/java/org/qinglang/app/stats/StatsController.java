package org.qinglang.app.stats;

import org.qinglang.app.cases.WorkflowPolicy;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/v1/stats?from=2026-12-01&to=2026-12-07} (scope admin): the workflow per China day and category. */
@RestController
class StatsController {

    /** The answer. */
    record StatsView(String from, String to, String zone, List<Stats.Day> days) {
    }

    private final Stats stats;

    StatsController(Stats stats) {
        this.stats = stats;
    }

    @GetMapping(path = "/api/v1/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    StatsView stats(@RequestParam(name = "from", required = false) String from,
                    @RequestParam(name = "to", required = false) String to) {
        Period p = Period.parse(from, to);
        return new StatsView(p.from().toString(), p.to().toString(), WorkflowPolicy.ZONE.getId(),
                stats.between(p.from(), p.to()));
    }
}
