package org.qinglang.app.cases;

import org.qinglang.app.audit.AuditTrail;
import org.qinglang.core.enforce.CaseFile;
import org.qinglang.core.enforce.CasePriority;
import org.qinglang.core.enforce.CaseSignal;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.ReportCategory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cases (案件) in the database: signals merge into the target's open case, whose rank, deadline, category
 * and severity the core's {@link CasePriority} recomputes from all its signals; the queue is read in rank
 * order; claiming is one conditional {@code update}, so two reviewers never get the same case. Thread-safe.
 */
@Service
public class Cases {

    /** Case states: {@code open} (in the queue), {@code claimed} (a reviewer has it), {@code decided}. */
    public static final String OPEN = "open";
    public static final String CLAIMED = "claimed";
    public static final String DECIDED = "decided";

    /**
     * A case as the queue and the decide form show it.
     *
     * @param rank the packed priority ({@link CasePriority.Ranked#rank()}) when its last signal came
     */
    public record Case(long id, String target, Target about, boolean targetIsMinor, ReportCategory category,
                       OffenceSeverity severity, long rank, Instant due, Instant openedAt, String status,
                       Optional<String> claimedBy, Optional<Instant> decidedAt) {
    }

    /** One signal of a case, as stored. */
    public record Signal(String kind, ReportCategory category, Optional<OffenceSeverity> severity,
                         Optional<String> reporter, Instant at) {
    }

    private static final String COLUMNS = "id, target, account, content_id, content_type, target_is_minor, category, "
            + "severity, priority_rank, due, opened_at, status, claimed_by, decided_at";

    private final JdbcClient db;
    private final AuditTrail audit;
    private final WorkflowPolicy policy;

    public Cases(JdbcClient db, AuditTrail audit, WorkflowPolicy policy) {
        this.db = db;
        this.audit = audit;
        this.policy = policy;
    }

    /**
     * Adds {@code signal} about {@code about} to its open case, opening one if there is none, and re-ranks the
     * case. Runs in the caller's transaction; returns the case id, or empty if {@code eventId} was already a
     * signal (verdicts are taken once).
     *
     * @param minor   true if the target is said to be a minor (未成年人)
     * @param eventId the text event a verdict signal comes from
     * @param alertKind the detector's kind, for an alert signal
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> add(Target about, boolean minor, CaseSignal signal, Optional<String> eventId,
                              Optional<String> alertKind, String actor) {
        Objects.requireNonNull(signal, "signal");
        Instant now = policy.clock().instant();
        String key = about.key();
        OffsetDateTime at = utc(signal.at());
        // the open case first: most signals join one, and on H2 an insert that meets an open case builds a
        // duplicate-key exception inside H2 and takes a number from the case sequence (each 32nd of which is a
        // commit of its own) before doing nothing
        Optional<Long> open = openCase(key);
        if (open.isEmpty()) {
            db.sql("insert into workflow_case (target, open_target, account, content_id, content_type, target_is_minor, "
                            + "category, severity, priority_rank, due, opened_at, status) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) on conflict do nothing")
                    .params(key, key, about.account(), about.contentId().orElse(null), about.contentType(), minor,
                            signal.category().id(), OffenceSeverity.MINOR.id(), at, at, OPEN).update();
            open = openCase(key);
        }
        long id = open.orElseThrow();
        String kind = signal instanceof CaseSignal.Report ? "report"
                : signal instanceof CaseSignal.Detection ? "verdict" : "alert";
        int added = db.sql("insert into case_signal (case_id, kind, category, severity, reporter, credibility, at, "
                        + "event_id, alert_kind) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(id, kind, signal.category().id(), severity(signal).map(OffenceSeverity::id).orElse(null),
                        signal instanceof CaseSignal.Report r ? r.reporter() : null,
                        signal instanceof CaseSignal.Report r ? r.credibility() : null,
                        at, eventId.orElse(null), alertKind.orElse(null)).update();
        if (added == 0) {
            return Optional.empty();
        }
        boolean wasMinor = db.sql("select target_is_minor from workflow_case where id = ?").param(id)
                .query(Boolean.class).single();
        CaseFile file = file(id, key, wasMinor || minor);
        CasePriority.Ranked ranked = policy.priority().rank(file, now);
        ReportCategory main = mainCategory(file);
        db.sql("update workflow_case set target_is_minor = ?, category = ?, severity = ?, priority_rank = ?, due = ? "
                        + "where id = ?")
                .params(file.targetIsMinor(), main.id(), file.severity().id(), ranked.rank(), utc(ranked.due()), id)
                .update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("signal", kind);
        after.put("category", signal.category().id());
        after.put("rank", ranked.rank());
        after.put("due", ranked.due().toString());
        audit.append(actor, "case.signal", "case:" + id, null, after);
        return Optional.of(id);
    }

    /** An account taking part in what a case is about, with its role ({@code first}, {@code inciter} …). */
    public record Participant(String account, String role) {
    }

    /**
     * Records the participants of an alert about case {@code id}, each with its role (the latest alert's role
     * wins). Runs in the caller's transaction. Accounts past 128 characters are left out.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void participants(long id, Map<String, String> roleByAccount) {
        for (Map.Entry<String, String> e : roleByAccount.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > 128) {
                continue;
            }
            int n = db.sql("update case_participant set role = ? where case_id = ? and account = ?")
                    .params(e.getValue(), id, e.getKey()).update();
            if (n == 0) {
                db.sql("insert into case_participant (case_id, account, role) values (?, ?, ?)")
                        .params(id, e.getKey(), e.getValue()).update();
            }
        }
    }

    /** The participants of case {@code id}, by account. */
    public List<Participant> participants(long id) {
        return db.sql("select account, role from case_participant where case_id = ? order by account").param(id)
                .query((rs, n) -> new Participant(rs.getString(1), rs.getString(2))).list();
    }

    /** The case {@code id}. */
    public Optional<Case> find(long id) {
        return db.sql("select " + COLUMNS + " from workflow_case where id = ?").param(id).query(Cases::row).optional();
    }

    /** The signals of case {@code id}, oldest first. */
    public List<Signal> signals(long id) {
        return db.sql("select kind, category, severity, reporter, at from case_signal where case_id = ? order by at, id")
                .param(id)
                .query((rs, n) -> new Signal(rs.getString(1), ReportCategory.fromId(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)).map(OffenceSeverity::fromId),
                        Optional.ofNullable(rs.getString(4)), instant(rs, 5)))
                .list();
    }

    /** A text event behind a case, as received and judged: its verdict signal, or the content the case is about. */
    public record Flagged(String eventId, String type, Instant ts, String actor, String text, String suggestion,
                          String riskLevel) {
    }

    /**
     * The events behind case {@code id}: those whose verdicts are its signals and, if the case is about content
     * that arrived as an event, that event; oldest first, at most {@code limit}.
     */
    public List<Flagged> flagged(long id, int limit) {
        return db.sql("select e.id, e.type, e.ts, e.actor, e.text, e.suggestion, e.risk_level from event e "
                        + "where e.id in (select s.event_id from case_signal s where s.case_id = ? and s.event_id is not null) "
                        + "or e.id = (select c.content_id from workflow_case c where c.id = ?) order by e.ts, e.id limit ?")
                .params(id, id, limit)
                .query((rs, n) -> new Flagged(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getString(4),
                        Objects.requireNonNullElse(rs.getString(5), ""), Objects.requireNonNullElse(rs.getString(6), ""),
                        Objects.requireNonNullElse(rs.getString(7), "")))
                .list();
    }

    /** The review queue (审核队列): open and claimed cases, most urgent first, at most {@code limit}. */
    public List<Case> queue(int limit) {
        return db.sql("select " + COLUMNS + " from workflow_case where status in ('open', 'claimed') "
                        + "order by priority_rank desc, due, opened_at, id limit ?")
                .param(limit).query(Cases::row).list();
    }

    /**
     * Claims case {@code id} for {@code reviewer} (认领): true if it was open and unclaimed and is now theirs,
     * false if someone else has it or it is decided. One conditional update: of two concurrent claims, one wins.
     */
    @Transactional
    public boolean claim(long id, String reviewer) {
        int n = db.sql("update workflow_case set claimed_by = ?, claimed_at = ?, status = ? "
                        + "where id = ? and claimed_by is null and status = ?")
                .params(reviewer, utc(policy.clock().instant()), CLAIMED, id, OPEN).update();
        if (n == 1) {
            audit.append("user:" + reviewer, "case.claim", "case:" + id, Map.of("status", OPEN),
                    Map.of("status", CLAIMED, "claimedBy", reviewer));
        }
        return n == 1;
    }

    /**
     * Claims the most urgent open case for {@code reviewer}, if any is left. The row is picked with
     * {@code for update skip locked}, so a concurrent claimer takes the next one instead of waiting for this.
     */
    @Transactional
    public Optional<Case> claimNext(String reviewer) {
        // H2 applies the limit before skipping locked rows, so it may answer "none" while another claim is in
        // flight: look again while open cases are left (bounded, a claim takes milliseconds)
        for (int attempt = 0; attempt < 1000; attempt++) {
            Optional<Long> id = db.sql("select id from workflow_case where status = ? and claimed_by is null "
                    + "order by priority_rank desc, due, opened_at, id limit 1 for update skip locked")
                    .param(OPEN).query(Long.class).optional();
            if (id.isPresent() && claim(id.get(), reviewer)) {
                return find(id.get());
            }
            if (id.isEmpty() && db.sql("select count(*) from workflow_case where status = ? and claimed_by is null")
                    .param(OPEN).query(Long.class).single() == 0) {
                return Optional.empty();
            }
            Thread.onSpinWait();
        }
        return Optional.empty();
    }

    /**
     * Closes case {@code id} as decided (结案) in the caller's transaction, if {@code reviewer} holds it: true if
     * it did. Signals that come later open a new case.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean close(long id, String reviewer, boolean violation, Instant at) {
        return db.sql("update workflow_case set status = ?, open_target = null, decided_at = ?, violation = ? "
                        + "where id = ? and status = ? and claimed_by = ?")
                .params(DECIDED, utc(at), violation, id, CLAIMED, reviewer).update() == 1;
    }

    private CaseFile file(long id, String key, boolean minor) {
        List<CaseSignal> signals = db.sql("select kind, category, severity, reporter, credibility, at, alert_kind "
                        + "from case_signal where case_id = ? order by at, id").param(id)
                .query((rs, n) -> signal(rs)).list();
        return new CaseFile(key, minor, signals);
    }

    private static CaseSignal signal(ResultSet rs) throws SQLException {
        ReportCategory category = ReportCategory.fromId(rs.getString(2));
        Instant at = instant(rs, 6);
        return switch (rs.getString(1)) {
            case "report" -> new CaseSignal.Report(rs.getString(4), category, rs.getDouble(5), at);
            case "verdict" -> new CaseSignal.Detection(category, OffenceSeverity.fromId(rs.getString(3)), at);
            default -> new CaseSignal.Alert(rs.getString(7), category, OffenceSeverity.fromId(rs.getString(3)), at);
        };
    }

    /** The category whose deadline comes first (the one the case is due by); the first such signal on a tie. */
    private ReportCategory mainCategory(CaseFile file) {
        ReportCategory main = file.signals().get(0).category();
        Instant first = Instant.MAX;
        for (CaseSignal s : file.signals()) {
            Instant due = policy.deadlines().due(s.category(), s.at());
            if (due.isBefore(first)) {
                first = due;
                main = s.category();
            }
        }
        return main;
    }

    private static Optional<OffenceSeverity> severity(CaseSignal s) {
        if (s instanceof CaseSignal.Detection d) {
            return Optional.of(d.severity());
        }
        return s instanceof CaseSignal.Alert a ? Optional.of(a.severity()) : Optional.empty();
    }

    private static Case row(ResultSet rs, int n) throws SQLException {
        Target about = new Target(rs.getString(3), Optional.ofNullable(rs.getString(4)), rs.getString(5));
        return new Case(rs.getLong(1), rs.getString(2), about, rs.getBoolean(6), ReportCategory.fromId(rs.getString(7)),
                OffenceSeverity.fromId(rs.getString(8)), rs.getLong(9), instant(rs, 10), instant(rs, 11),
                rs.getString(12), Optional.ofNullable(rs.getString(13)),
                Optional.ofNullable(rs.getObject(14, OffsetDateTime.class)).map(OffsetDateTime::toInstant));
    }

    /** A timestamp column as an instant. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** An instant as a UTC timestamp for the database. */
    public static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** The open case about {@code key}, locked for this transaction, if there is one. */
    private Optional<Long> openCase(String key) {
        return db.sql("select id from workflow_case where open_target = ? for update").param(key)
                .query(Long.class).optional();
    }
}
