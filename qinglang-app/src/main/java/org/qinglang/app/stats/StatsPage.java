package org.qinglang.app.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.enforce.SanctionAction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The statistics page (处置统计) in the console: the figures of {@code GET /api/v1/stats} for a period of China
 * days (the last 7 by default) as a table per day and category, and as ECharts charts (ECharts from its WebJar,
 * served by this server: {@code /webjars/echarts/dist/echarts.min.js}; the page's own script is
 * {@code /js/stats.js}, and the chart data travels in an escaped {@code data-stats} attribute). Readable by the
 * admin, the compliance officer and the auditor (SecurityConfig).
 */
@Controller
class StatsPage {

    /** One row of the table: a day and category. */
    record Row(String date, String category, long reports, long opened, long handled, String sanctioned,
               String disposalRate, String onTimeRate) {
    }

    /** One chart: its kind, whether its series stack and are percentages, and its series by name. */
    record Chart(String type, boolean stack, boolean percent, Map<String, List<Double>> series) {
    }

    private static final int DEFAULT_DAYS = 7;

    private final Stats stats;
    private final WorkflowPolicy policy;
    private final ObjectMapper json;

    StatsPage(Stats stats, WorkflowPolicy policy, ObjectMapper json) {
        this.stats = stats;
        this.policy = policy;
        this.json = json;
    }

    @GetMapping("/console/stats")
    String page(@RequestParam(name = "from", required = false) String from,
                @RequestParam(name = "to", required = false) String to, Model model, HttpServletRequest request,
                HttpServletResponse response) throws JsonProcessingException {
        Locale locale = RequestContextUtils.getLocale(request);
        LocalDate today = LocalDate.now(policy.clock().withZone(WorkflowPolicy.ZONE));
        Period period = new Period(today.minusDays(DEFAULT_DAYS - 1), today);
        if (from != null || to != null) {
            try {
                period = Period.parse(from, to);
            } catch (ApiException e) {
                response.setStatus(e.status().value());
                model.addAttribute("error", e.msg().in(locale));
            } catch (InvalidField e) {
                response.setStatus(400);
                model.addAttribute("error", e.error().msg().in(locale));
            }
        }
        List<Stats.Day> days = stats.between(period.from(), period.to());
        model.addAttribute("from", period.from().toString());
        model.addAttribute("to", period.to().toString());
        model.addAttribute("rows", days.stream().map(d -> new Row(d.date().toString(), category(d.category(), locale),
                d.reports(), d.opened(), d.handled(), sanctioned(d.sanctionedAccounts(), locale),
                percent(d.disposalRate()), percent(d.onTimeRate()))).toList());
        model.addAttribute("chartData", json.writeValueAsString(charts(period, days, locale)));
        return "stats";
    }

    /** The charts' data: the days, and per chart its series over those days. */
    private static Map<String, Object> charts(Period period, List<Stats.Day> days, Locale locale) {
        List<String> dates = new ArrayList<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            dates.add(d.toString());
        }
        Map<String, Chart> charts = new LinkedHashMap<>();
        charts.put("reports", new Chart("bar", true, false, byCategory(dates, days, locale, d -> (double) d.reports())));
        charts.put("handled", new Chart("bar", true, false, byCategory(dates, days, locale, d -> (double) d.handled())));
        Map<String, List<Double>> sanctioned = new LinkedHashMap<>();
        for (Stats.Day d : days) {
            d.sanctionedAccounts().forEach((action, n) -> {
                List<Double> s = sanctioned.computeIfAbsent(action(action, locale), a -> zeros(dates.size()));
                int i = dates.indexOf(d.date().toString());
                s.set(i, s.get(i) + n);
            });
        }
        charts.put("sanctioned", new Chart("bar", true, false, sanctioned));
        charts.put("disposal", new Chart("line", false, true, rates(dates, days, locale, Stats.Day::disposalRate)));
        charts.put("onTime", new Chart("line", false, true, rates(dates, days, locale, Stats.Day::onTimeRate)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("days", dates);
        out.put("charts", charts);
        return out;
    }

    private static Map<String, List<Double>> byCategory(List<String> dates, List<Stats.Day> days, Locale locale,
                                                        ToDoubleFunction<Stats.Day> value) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (Stats.Day d : days) {
            double v = value.applyAsDouble(d);
            if (v > 0) {
                series.computeIfAbsent(category(d.category(), locale), c -> zeros(dates.size()))
                        .set(dates.indexOf(d.date().toString()), v);
            }
        }
        return series;
    }

    /** A rate per category and day in percent; null (a gap in the line) where there is none. */
    private static Map<String, List<Double>> rates(List<String> dates, List<Stats.Day> days, Locale locale,
                                                   Function<Stats.Day, Double> rate) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (Stats.Day d : days) {
            Double r = rate.apply(d);
            if (r != null) {
                series.computeIfAbsent(category(d.category(), locale), c -> {
                    List<Double> gaps = new ArrayList<>();
                    dates.forEach(x -> gaps.add(null));
                    return gaps;
                }).set(dates.indexOf(d.date().toString()), Math.round(r * 1000) / 10.0);
            }
        }
        return series;
    }

    private static List<Double> zeros(int n) {
        List<Double> z = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            z.add(0.0);
        }
        return z;
    }

    private static String category(String id, Locale locale) {
        try {
            return ReportCategory.fromId(id).label(locale);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private static String action(String id, Locale locale) {
        try {
            return SanctionAction.fromId(id).label(locale);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private static String sanctioned(Map<String, Long> byAction, Locale locale) {
        return byAction.entrySet().stream().map(e -> action(e.getKey(), locale) + " " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String percent(Double rate) {
        return rate == null ? "—" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
