package org.qinglang.app.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.qinglang.core.enforce.CaseSignal;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.verdict.RiskLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signals that are not reports into cases (自动发现): every text event whose verdict said block or review
 * (ingestion queues it in {@code intake_queue}; a scheduled task files the queue in order, each event once,
 * so ingestion stays as fast as it is), and the stream detectors' alerts (pile-on → 网络暴力 about the target,
 * coordination → 水军刷量).
 */
@Component
public class Intake {

    /** The actor of automatic signals in the audit trail. */
    public static final String SYSTEM = "system:intake";

    private final JdbcClient db;
    private final Cases cases;
    private final TransactionTemplate tx;
    private final Counter setAside;

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    public Intake(JdbcClient db, Cases cases, PlatformTransactionManager transactions, MeterRegistry meters) {
        this.db = db;
        this.cases = cases;
        this.tx = new TransactionTemplate(transactions);
        this.setAside = Counter.builder("qinglang.intake.set-aside")
                .description("flagged events taken off the intake queue because they could not be filed").register(meters);
        // an intake that falls behind ingestion shows here first: flagged events not yet in a case
        Gauge.builder("qinglang.intake.backlog", this, Intake::backlog)
                .description("flagged events waiting to be filed into cases").register(meters);
    }

    /** How many flagged events wait in the queue. */
    public long backlog() {
        return db.sql("select count(*) from intake_queue").query(Long.class).single();
    }

    /** Runs {@link #verdicts(int)} every few seconds. */
    @Scheduled(initialDelayString = "${qinglang.workflow.intake-ms:5000}",
            fixedDelayString = "${qinglang.workflow.intake-ms:5000}")
    void scheduled() {
        while (verdicts(500) == 500) {
            // keep going while there is a backlog
        }
    }

    /** Re-ranks the queue every few minutes, as report pressure fades ({@link #rerankQueue}). */
    @Scheduled(initialDelayString = "${qinglang.workflow.rerank-ms:300000}",
            fixedDelayString = "${qinglang.workflow.rerank-ms:300000}")
    void rerank() {
        rerankQueue(cases.now());
    }

    /** How many queued cases one transaction re-ranks (and holds locked). */
    private static final int RERANK_PER_TRANSACTION = 200;

    /** Re-ranks every case in the queue at {@code now}, {@value #RERANK_PER_TRANSACTION} to a transaction; returns how many. */
    public int rerankQueue(Instant now) {
        List<Long> ids = cases.queuedIds();
        int done = 0;
        for (int from = 0; from < ids.size(); from += RERANK_PER_TRANSACTION) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + RERANK_PER_TRANSACTION));
            done += Objects.requireNonNull(tx.execute(s -> cases.rerankQueued(part, now)));
        }
        return done;
    }

    private record Flagged(String id, String type, Instant receivedAt, String actor, String category, String risk,
                           String labels) {
    }

    /** How many queued events one transaction files (one commit per event made H2 spend its time committing). */
    private static final int PER_TRANSACTION = 100;

    /**
     * Files up to {@code limit} queued flagged text events, oldest first, {@value #PER_TRANSACTION} to a
     * transaction that reads them from the queue's head, files them together ({@link Cases#addAll}) and takes them
     * off the queue; returns how many it looked at. A batch that fails for a passing reason (a lock not had in
     * time, a lost connection) stays queued for the next run; one that fails otherwise is filed one event to a
     * transaction, and an event that then fails alone is set aside ({@link #fileOneByOne}).
     */
    public int verdicts(int limit) {
        int done = 0;
        while (done < limit) {
            int want = Math.min(PER_TRANSACTION, limit - done);
            int n;
            try {
                n = Objects.requireNonNull(tx.execute(s -> fileHead(want)));
            } catch (RuntimeException e) {
                if (passing(e)) {
                    LOG.warn("filing flagged events failed for now ({}); they stay queued", e.getClass().getName());
                    break;
                }
                LOG.warn("a batch of flagged events could not be filed ({}); filing them one by one",
                        e.getClass().getName());
                n = fileOneByOne(want);
            }
            done += n;
            if (n < want) {
                break;
            }
        }
        return done;
    }

    /**
     * Files up to {@code n} events of the queue's head one to a transaction, after a batch of them failed: an
     * event that fails alone is taken off the queue (it stays in the event table) and logged by its id, so
     * that one row the workflow cannot file does not hold up every flagged event behind it for ever.
     * Returns how many it looked at.
     */
    private int fileOneByOne(int n) {
        int done = 0;
        while (done < n) {
            Optional<String> head = db.sql("select event_id from intake_queue order by seq limit 1")
                    .query(String.class).optional();
            if (head.isEmpty()) {
                break;
            }
            try {
                tx.execute(s -> fileHead(1));
            } catch (RuntimeException e) {
                if (passing(e)) {
                    break; // the event is not at fault: it stays queued for the next run
                }
                LOG.error("flagged event {} could not be filed into a case ({}); taken off the intake queue",
                        head.get(), e.getClass().getName());
                setAside.increment();
                tx.execute(s -> db.sql("delete from intake_queue where event_id = ?").param(head.get()).update());
            }
            done++;
        }
        return done;
    }

    /**
     * True if {@code e} says nothing about the events being filed: a lock not had in time, a deadlock or
     * serialization failure, a connection lost (Spring's transient and resource failures, or SQL states 40…, 08…,
     * 55P03, 57…, HYT00), so that they are tried again rather than set aside.
     */
    static boolean passing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.dao.TransientDataAccessException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.dao.PessimisticLockingFailureException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql) {
                for (java.sql.SQLException x = sql; x != null; x = x.getNextException()) {
                    String state = x.getSQLState();
                    if (state != null && (state.startsWith("40") || state.startsWith("08") || state.startsWith("57")
                            || state.equals("55P03") || state.equals("HYT00"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Files the {@code n} events at the head of the queue; returns how many there were. */
    private int fileHead(int n) {
        cases.planWithValues();
        // the queue's head first, then its events by key: joined the other way round, H2 reads the event table
        // the signal's time is when the platform told us, not the event's own time: a deadline runs from there,
        // and a client's clock (or a backfill of old events) must not open cases already overdue
        List<Flagged> flagged = db.sql("select e.id, e.type, e.received_at, e.actor, e.category, e.risk_level, e.labels "
                        + "from (select seq, event_id from intake_queue order by seq limit ?) q "
                        + "join event e on e.id = q.event_id order by q.seq")
                .param(n)
                .query((rs, i) -> new Flagged(rs.getString(1), rs.getString(2), Cases.instant(rs, 3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
        if (!flagged.isEmpty()) {
            file(flagged);
        }
        return flagged.size();
    }

    /** Files flagged events into the cases of their content, in one batch, and takes them off the queue. */
    private void file(List<Flagged> chunk) {
        List<Cases.Adding> adds = new ArrayList<>(chunk.size());
        for (Flagged f : chunk) {
            ReportCategory category = category(f.category(), f.labels());
            OffenceSeverity severity = severity(f.risk());
            Target about = new Target(f.actor(), Optional.of(f.id()), f.type());
            adds.add(new Cases.Adding(about, false, new CaseSignal.Detection(category, severity, f.receivedAt()),
                    Optional.of(f.id()), Optional.empty()));
        }
        cases.addAll(adds, SYSTEM);
        db.sql("delete from intake_queue where event_id in (" + Cases.inList(chunk.size()) + ")")
                .params(chunk.stream().<Object>map(Flagged::id).toList()).update();
    }

    /**
     * The severity of a verdict's risk level; minor for none or one this build does not know (a row written by
     * another version), so that one odd row cannot hold up the queue behind it.
     */
    static OffenceSeverity severity(String risk) {
        return Arrays.stream(RiskLevel.values()).filter(level -> level.id().equalsIgnoreCase(risk)).findFirst()
                .flatMap(OffenceSeverity::of).orElse(OffenceSeverity.MINOR);
    }

    /**
     * Puts a detector's alert into the case of its participants ({@link Target#alert}: keyed apart from cases
     * against the target's account, never decided against the target), with the participants by role; a closed
     * alert adds nothing. Returns the case.
     */
    public Optional<Long> alert(Alert alert) {
        OffenceSeverity severity = switch (alert.level()) {
            case CLOSED -> null;
            case WATCH -> OffenceSeverity.MINOR;
            case WARNING -> OffenceSeverity.MODERATE;
            case SEVERE -> OffenceSeverity.SERIOUS;
        };
        if (severity == null) {
            return Optional.empty();
        }
        ReportCategory category = alert.kind() == Alert.Kind.PILEON ? ReportCategory.CYBERVIOLENCE
                : ReportCategory.FAKE_ENGAGEMENT;
        CaseSignal.Alert signal = new CaseSignal.Alert(alert.kind().id(), category, severity, alert.ts());
        Map<String, String> roles = new LinkedHashMap<>();
        alert.participants().forEach((account, role) -> roles.put(account, role.id()));
        return tx.execute(s -> {
            Optional<Long> id = cases.add(Target.alert(alert.kind().id(), alert.target()), false, signal, Optional.empty(),
                    Optional.of(alert.kind().id()), SYSTEM);
            id.ifPresent(n -> cases.participants(n, roles));
            return id;
        });
    }

    /**
     * The category of a flagged event: the platform's own category if it names one, else from the verdict's
     * labels (色情 → pornography, 诈骗 → fraud …), else cyberviolence (the Moderator's model finds abuse, 辱骂).
     */
    static ReportCategory category(String eventCategory, String labels) {
        if (eventCategory != null) {
            try {
                return ReportCategory.fromId(eventCategory);
            } catch (IllegalArgumentException e) {
                // not one of ours: look at the labels
            }
        }
        String l = labels == null ? "" : labels;
        if (l.contains("未成年")) {
            return ReportCategory.MINORS;
        }
        if (l.contains("色情") || l.contains("低俗")) {
            return ReportCategory.PORNOGRAPHY;
        }
        if (l.contains("诈骗")) {
            return ReportCategory.FRAUD;
        }
        if (l.contains("隐私") || l.contains("人肉")) {
            return ReportCategory.DOXXING;
        }
        if (l.contains("谣言")) {
            return ReportCategory.RUMOUR;
        }
        if (l.contains("违法") || l.contains("违禁") || l.contains("赌") || l.contains("毒品")) {
            return ReportCategory.ILLEGAL;
        }
        return ReportCategory.CYBERVIOLENCE;
    }
}
