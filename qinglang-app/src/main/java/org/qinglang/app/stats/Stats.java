package org.qinglang.app.stats;

import org.qinglang.app.cases.Cases;
import org.qinglang.app.cases.WorkflowPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts the workflow per China day (Asia/Shanghai) and category, streaming the rows of the period (no list of
 * them is held, only the counts).
 *
 * <ul>
 *   <li>{@code reports}: reports filed that day;</li>
 *   <li>{@code opened}: cases opened that day; {@code handled}: cases decided that day (处置量);</li>
 *   <li>{@code sanctionedAccounts}: accounts sanctioned that day, by action (reversed decisions left out);</li>
 *   <li>{@code disposalRate} (处置率): of the cases opened that day, the share decided by now;</li>
 *   <li>{@code onTimeRate} (按期处置率): of the cases opened that day that have come due (decided, or past their
 *       deadline), the share decided by their deadline; absent when none has.</li>
 * </ul>
 */
@Service
public class Stats {

    /** The counts of one day and category. */
    public record Day(LocalDate date, String category, long reports, long opened, long handled,
                      Map<String, Long> sanctionedAccounts, Double disposalRate, Double onTimeRate) {
    }

    private static final class Counter {
        long reports;
        long opened;
        long decidedOfOpened;
        long cameDue;
        long onTime;
        long handled;
        final Map<String, Set<String>> accounts = new TreeMap<>();
    }

    private record Key(LocalDate date, String category) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = date.compareTo(o.date);
            return c != 0 ? c : category.compareTo(o.category);
        }
    }

    private final JdbcClient db;
    private final WorkflowPolicy policy;

    public Stats(JdbcClient db, WorkflowPolicy policy) {
        this.db = db;
        this.policy = policy;
    }

    /** The days {@code from} to {@code to} (inclusive, China days), by day then category. */
    public List<Day> between(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay(WorkflowPolicy.ZONE).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(WorkflowPolicy.ZONE).toOffsetDateTime();
        Instant now = policy.clock().instant();
        Map<Key, Counter> counts = new TreeMap<>();
        db.sql("select created_at, category from report where created_at >= ? and created_at < ?").params(start, end)
                .query(rs -> {
                    counter(counts, Cases.instant(rs, 1), rs.getString(2)).reports++;
                });
        db.sql("select opened_at, category, decided_at, due from workflow_case where opened_at >= ? and opened_at < ?")
                .params(start, end)
                .query(rs -> {
                    Counter c = counter(counts, Cases.instant(rs, 1), rs.getString(2));
                    c.opened++;
                    OffsetDateTime decided = rs.getObject(3, OffsetDateTime.class);
                    Instant due = Cases.instant(rs, 4);
                    if (decided != null) {
                        c.decidedOfOpened++;
                    }
                    if (decided != null || now.isAfter(due)) {
                        c.cameDue++;
                        if (decided != null && !decided.toInstant().isAfter(due)) {
                            c.onTime++;
                        }
                    }
                });
        db.sql("select decided_at, category from workflow_case where decided_at >= ? and decided_at < ?")
                .params(start, end)
                .query(rs -> {
                    counter(counts, Cases.instant(rs, 1), rs.getString(2)).handled++;
                });
        db.sql("select decided_at, category, action, account from decision where decided_at >= ? and decided_at < ? "
                        + "and reversed_at is null").params(start, end)
                .query(rs -> {
                    counter(counts, Cases.instant(rs, 1), rs.getString(2)).accounts
                            .computeIfAbsent(rs.getString(3), a -> new HashSet<>()).add(rs.getString(4));
                });
        return counts.entrySet().stream().map(e -> {
            Counter c = e.getValue();
            Map<String, Long> accounts = new TreeMap<>();
            c.accounts.forEach((action, set) -> accounts.put(action, (long) set.size()));
            return new Day(e.getKey().date(), e.getKey().category(), c.reports, c.opened, c.handled, accounts,
                    c.opened == 0 ? null : (double) c.decidedOfOpened / c.opened,
                    c.cameDue == 0 ? null : (double) c.onTime / c.cameDue);
        }).toList();
    }

    private static Counter counter(Map<Key, Counter> counts, Instant at, String category) {
        return counts.computeIfAbsent(new Key(at.atZone(WorkflowPolicy.ZONE).toLocalDate(), category), k -> new Counter());
    }
}
