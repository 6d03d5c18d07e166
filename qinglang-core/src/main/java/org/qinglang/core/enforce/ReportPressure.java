package org.qinglang.core.enforce;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How hard reports (举报) press on a case: many credible reporters, recently, press hardest.
 *
 * <p>pressure = log2(1 + Σ credibility × 2^(−age / halfLife)), summed over distinct reporters (each
 * reporter's latest report only, so one person reporting fifty times counts once). The three parts:
 * <ul>
 *   <li><b>credibility</b> ({@link ReporterCredibility}): a reporter often found wrong weighs less;</li>
 *   <li><b>pace</b>: a report loses half its weight every {@code halfLife} (default 6 hours), so ten
 *       reports in the last hour press harder than ten spread over a week — a pile-on shows as pace;</li>
 *   <li><b>diminishing returns</b>: the logarithm makes the 1,000th report add little, so a brigade of
 *       mass reports cannot push everything else off the queue: 1 fresh credible report gives 1, 3 give
 *       2, 7 give 3, 1,023 give 10.</li>
 * </ul>
 *
 * @param halfLife how long it takes a report to lose half its weight; at least one minute
 */
public record ReportPressure(Duration halfLife) {

    /** A half-life of six hours. */
    public static final ReportPressure DEFAULT = new ReportPressure(Duration.ofHours(6));

    public ReportPressure {
        Objects.requireNonNull(halfLife, "halfLife");
        if (halfLife.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("halfLife must be at least 1 minute, was " + halfLife);
        }
    }

    /** The pressure of the reports of {@code c} at {@code now}. */
    public double of(CaseFile c, Instant now) {
        return of(c.reports(), now);
    }

    /** The pressure of {@code reports} at {@code now}; a report from the future counts as made now. */
    public double of(List<CaseSignal.Report> reports, Instant now) {
        Map<String, CaseSignal.Report> latest = new HashMap<>();
        for (CaseSignal.Report r : reports) {
            latest.merge(r.reporter(), r, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        double halfLifeSeconds = halfLife.toSeconds();
        double sum = 0;
        for (CaseSignal.Report r : latest.values()) {
            double ageSeconds = Math.max(0, Duration.between(r.at(), now).toSeconds());
            sum += r.credibility() * Math.pow(2, -ageSeconds / halfLifeSeconds);
        }
        return Math.log1p(sum) / Math.log(2);
    }
}
