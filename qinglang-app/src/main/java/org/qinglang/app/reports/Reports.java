package org.qinglang.app.reports;

import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.cases.Cases;
import org.qinglang.app.cases.Target;
import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.core.enforce.CaseSignal;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.enforce.ReportFeedback;
import org.qinglang.core.enforce.SanctionAction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Filed reports (举报): filing one puts it in its target's case with the reporter's credibility at that moment;
 * deciding the case settles every report in it as founded or unfounded, which is what later credibility counts.
 * Thread-safe.
 */
@Service
public class Reports {

    /** Outcomes of a report: still {@code open}, {@code founded} (action taken) or {@code unfounded}. */
    public static final String OPEN = "open";
    public static final String FOUNDED = "founded";
    public static final String UNFOUNDED = "unfounded";

    /**
     * A report as the platform files it; {@code clientId} is the platform's own id of it, if it gives one: a retry
     * with the same id by the same API key finds the report filed first.
     */
    public record NewReport(String reporter, ReportCategory category, Target target, Optional<String> reason,
                            boolean minorInvolved, Optional<String> clientId) {
        public NewReport {
            Objects.requireNonNull(reporter, "reporter");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(clientId, "clientId");
        }
    }

    /**
     * A filed report: its id, its case, the credibility it was weighed with, its outcome so far, and whether it was
     * filed before (a retry with the same client id: nothing was filed now).
     */
    public record Filed(long id, long caseId, double credibility, String outcome, boolean before) {
    }

    /** The report the platform of {@code apiKeyId} filed with {@code clientId}, if any. */
    public Optional<Filed> byClientId(long apiKeyId, String clientId) {
        return db.sql("select id, case_id, credibility, outcome from report where api_key_id = ? and client_id = ?")
                .params(apiKeyId, clientId)
                .query((rs, n) -> new Filed(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getString(4), true))
                .optional();
    }

    /** A report with its outcome so far. */
    public record Status(long id, String outcome, ReportFeedback feedback) {
    }

    private final JdbcClient db;
    private final Cases cases;
    private final AuditTrail audit;
    private final WorkflowPolicy policy;

    public Reports(JdbcClient db, Cases cases, AuditTrail audit, WorkflowPolicy policy) {
        this.db = db;
        this.cases = cases;
        this.audit = audit;
        this.policy = policy;
    }

    /** Files {@code r} for the platform of API key {@code apiKeyId}; {@code actor} for the audit trail. */
    @Transactional
    public Filed file(NewReport r, long apiKeyId, String actor) {
        if (r.clientId().isPresent()) {
            // a retry that another transaction files at this very moment fails at the unique index instead
            Optional<Filed> before = byClientId(apiKeyId, r.clientId().get());
            if (before.isPresent()) {
                return before.get();
            }
        }
        Instant now = policy.clock().instant();
        record Counts(long founded, long unfounded) {
        }
        Counts c = db.sql("select coalesce(sum(case when outcome = ? then 1 else 0 end), 0), "
                        + "coalesce(sum(case when outcome = ? then 1 else 0 end), 0) from report where reporter = ?")
                .params(FOUNDED, UNFOUNDED, r.reporter())
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2))).single();
        double credibility = policy.credibility().of(c.founded(), c.unfounded());
        CaseSignal.Report signal = new CaseSignal.Report(r.reporter(), r.category(), credibility, now);
        long caseId = cases.add(r.target(), r.minorInvolved(), signal, Optional.empty(), Optional.empty(), actor)
                .orElseThrow();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into report (api_key_id, reporter, category, target_account, target_content, reason, "
                        + "minor_involved, credibility, created_at, case_id, outcome, client_id) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(apiKeyId, r.reporter(), r.category().id(), r.target().account(),
                        r.target().contentId().orElse(null), r.reason().orElse(null), r.minorInvolved(), credibility,
                        Cases.utc(now), caseId, OPEN, r.clientId().orElse(null))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("category", r.category().id());
        after.put("target", r.target().key());
        after.put("minorInvolved", r.minorInvolved());
        after.put("case", caseId);
        audit.append(actor, "report.file", "report:" + id, null, after);
        return new Filed(id, caseId, credibility, OPEN, false);
    }

    /** A report as a reviewer reads it in its case. */
    public record Listed(long id, String reporter, ReportCategory category, Optional<String> reason,
                         boolean minorInvolved, double credibility, Instant createdAt, String outcome,
                         Optional<SanctionAction> action) {
    }

    /** The reports of case {@code caseId}, oldest first, at most {@code limit}. */
    public List<Listed> ofCase(long caseId, int limit) {
        return db.sql("select id, reporter, category, reason, minor_involved, credibility, created_at, outcome, action "
                        + "from report where case_id = ? order by created_at, id limit ?")
                .params(caseId, limit)
                .query((rs, n) -> new Listed(rs.getLong(1), rs.getString(2), ReportCategory.fromId(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), rs.getBoolean(5), rs.getDouble(6), Cases.instant(rs, 7),
                        rs.getString(8), Optional.ofNullable(rs.getString(9)).map(SanctionAction::fromId)))
                .list();
    }

    /** Report {@code id}, if the platform of {@code apiKeyId} filed it (another platform's reports are not found). */
    public Optional<Status> find(long id, long apiKeyId) {
        return db.sql("select id, outcome, category, created_at, action from report where id = ? and api_key_id = ?")
                .params(id, apiKeyId)
                .query((rs, n) -> new Status(rs.getLong(1), rs.getString(2), new ReportFeedback(
                        ReportCategory.fromId(rs.getString(3)), Cases.instant(rs, 4),
                        Optional.ofNullable(rs.getString(5)).map(SanctionAction::fromId))))
                .optional();
    }

    /**
     * Settles the open reports of case {@code caseId} (in the caller's transaction): founded with
     * {@code action} if the case was decided with one, unfounded if no violation was found.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int settle(long caseId, Optional<SanctionAction> action) {
        return db.sql("update report set outcome = ?, action = ? where case_id = ? and outcome = ?")
                .params(action.isPresent() ? FOUNDED : UNFOUNDED, action.map(SanctionAction::id).orElse(null),
                        caseId, OPEN)
                .update();
    }
}
