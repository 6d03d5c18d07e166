package org.qinglang.app.cases;

import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.server.Databases;
import org.qinglang.core.enforce.CaseFile;
import org.qinglang.core.enforce.CasePriority;
import org.qinglang.core.enforce.CaseSignal;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.ReportCategory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    private final JdbcTemplate jdbc;
    private final JdbcClient db;
    private final AuditTrail audit;
    private final WorkflowPolicy policy;
    private final boolean postgres;

    public Cases(JdbcTemplate jdbc, AuditTrail audit, WorkflowPolicy policy) {
        this.jdbc = jdbc;
        this.db = JdbcClient.create(jdbc);
        this.postgres = Databases.isPostgres(Objects.requireNonNull(jdbc.getDataSource(), "jdbc's data source"));
        this.audit = audit;
        this.policy = policy;
    }

    /** A signal to add to the open case of {@code about}: see {@link #add}. */
    public record Adding(Target about, boolean minor, CaseSignal signal, Optional<String> eventId,
                         Optional<String> alertKind) {
        public Adding {
            Objects.requireNonNull(about, "about");
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(alertKind, "alertKind");
        }
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
        return addAll(List.of(new Adding(about, minor, signal, eventId, alertKind)), actor).get(0);
    }

    /**
     * Adds every signal of {@code all} as {@link #add} would one by one, in a handful of statements for the
     * whole list rather than a dozen for each signal (the intake files flagged events this way: one statement
     * per event made PostgreSQL's round trips the intake's limit). Element i of the result is the case of
     * {@code all[i]}, or empty if its event was already a signal, or came earlier in the list. Each touched case
     * is re-ranked once, from all its signals; the audit record of each signal gives its case's rank after the
     * whole list. Runs in the caller's transaction; open cases are locked in target order across the whole list
     * (a long list is looked up {@value #PER_STATEMENT} keys a statement, but still locked in that one order and
     * audited once, after every case lock, as {@link #add} is: otherwise two long lists, or a long list and a
     * report, could each hold what the other waits for).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Optional<Long>> addAll(List<Adding> all, String actor) {
        Objects.requireNonNull(actor, "actor");
        if (all.size() > 1) { // one key is an equality lookup, which a generic plan serves as well
            planWithValues();
        }
        Instant now = policy.clock().instant();
        // an event already a signal (or earlier in the list) adds nothing, and opens no case either
        Set<String> taken = takenEvents(all);
        List<Adding> adds = new ArrayList<>(all.size());
        List<Integer> positions = new ArrayList<>(all.size()); // of each of adds in all
        for (int i = 0; i < all.size(); i++) {
            Adding a = all.get(i);
            if (a.eventId().isEmpty() || taken.add(a.eventId().get())) {
                adds.add(a);
                positions.add(i);
            }
        }
        List<Optional<Long>> out = new ArrayList<>(Collections.nCopies(all.size(), Optional.empty()));
        if (adds.isEmpty()) {
            return out;
        }
        Map<String, Long> open = openOrOpening(adds);
        int[] inserted = insertSignals(adds, open);
        // an insert that still meets its event (filed by another transaction since the look above) adds nothing
        Map<Long, Boolean> minorByCase = new TreeMap<>();
        for (int j = 0; j < adds.size(); j++) {
            if (inserted[j] != 0) {
                long id = open.get(adds.get(j).about().key());
                out.set(positions.get(j), Optional.of(id));
                minorByCase.merge(id, adds.get(j).minor(), Boolean::logicalOr);
            }
        }
        if (minorByCase.isEmpty()) {
            return out;
        }
        Map<Long, CasePriority.Ranked> ranks = rerank(minorByCase, now);
        List<AuditTrail.Entry> entries = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (out.get(i).isPresent()) {
                long id = out.get(i).get();
                CasePriority.Ranked ranked = ranks.get(id);
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("signal", kind(all.get(i).signal()));
                after.put("category", all.get(i).signal().category().id());
                after.put("rank", ranked.rank());
                after.put("due", ranked.due().toString());
                entries.add(new AuditTrail.Entry(actor, "case.signal", "case:" + id, null, after));
            }
        }
        audit.appendAll(entries);
        return out;
    }

    /**
     * The open case of each target of {@code adds}, locked, opening the missing ones (from the first signal about
     * each). The open cases are looked up first: most signals join one, and on H2 an insert that meets an open
     * case builds a duplicate-key exception inside H2 and takes a number from the case sequence before doing
     * nothing.
     */
    private Map<String, Long> openOrOpening(List<Adding> adds) {
        Map<String, Adding> firstByKey = new TreeMap<>();
        adds.forEach(a -> firstByKey.putIfAbsent(a.about().key(), a));
        Map<String, Long> open = openCases(firstByKey.keySet());
        List<Adding> opening = firstByKey.entrySet().stream().filter(e -> !open.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        if (opening.isEmpty()) {
            return open;
        }
        jdbc.batchUpdate("insert into workflow_case (target, open_target, account, content_id, content_type, "
                        + "target_is_minor, category, severity, priority_rank, due, opened_at, status) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) on conflict do nothing", opening, opening.size(),
                (ps, a) -> {
                    String key = a.about().key();
                    OffsetDateTime at = utc(a.signal().at());
                    ps.setString(1, key);
                    ps.setString(2, key);
                    ps.setString(3, a.about().account());
                    ps.setString(4, a.about().contentId().orElse(null));
                    ps.setString(5, a.about().contentType());
                    ps.setBoolean(6, a.minor());
                    ps.setString(7, a.signal().category().id());
                    ps.setString(8, OffenceSeverity.MINOR.id());
                    ps.setObject(9, at);
                    ps.setObject(10, at);
                    ps.setString(11, OPEN);
                });
        open.putAll(openCases(opening.stream().map(a -> a.about().key()).toList()));
        return open;
    }

    /** Inserts the signals into their cases; element j is 0 where {@code adds[j]}'s event was a signal already. */
    private int[] insertSignals(List<Adding> adds, Map<String, Long> open) {
        return jdbc.batchUpdate("insert into case_signal (case_id, kind, category, severity, reporter, credibility, "
                        + "at, event_id, alert_kind) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                adds, adds.size(), (ps, a) -> {
                    CaseSignal signal = a.signal();
                    ps.setLong(1, open.get(a.about().key()));
                    ps.setString(2, kind(signal));
                    ps.setString(3, signal.category().id());
                    ps.setString(4, severity(signal).map(OffenceSeverity::id).orElse(null));
                    ps.setString(5, signal instanceof CaseSignal.Report r ? r.reporter() : null);
                    ps.setObject(6, signal instanceof CaseSignal.Report r ? r.credibility() : null, Types.DOUBLE);
                    ps.setObject(7, utc(signal.at()));
                    ps.setString(8, a.eventId().orElse(null));
                    ps.setString(9, a.alertKind().orElse(null));
                })[0];
    }

    /**
     * Makes PostgreSQL plan every further statement of the caller's transaction with its values. After five runs
     * of a statement its plan cache keeps a generic plan, and one made while the tables were small (a sequential
     * scan for a lookup of many keys) stays in use when they have grown, until they are next analysed: the
     * intake fell to a few hundred events a second that way, reading the whole case table three times a batch.
     * Planning costs far less than that. Call it inside the transaction; nothing to do on H2.
     */
    void planWithValues() {
        if (postgres) {
            db.sql("set local plan_cache_mode = force_custom_plan").update();
        }
    }

    /** The events of {@code adds} that are already signals. */
    private Set<String> takenEvents(List<Adding> adds) {
        List<Object> events = adds.stream().flatMap(a -> a.eventId().stream()).distinct().<Object>map(e -> e).toList();
        Set<String> taken = new HashSet<>();
        for (List<Object> part : parts(events)) {
            taken.addAll(db.sql("select event_id from case_signal where event_id in (" + inList(part.size()) + ")")
                    .params(part).query(String.class).list());
        }
        return taken;
    }

    /** How many cases are in the queue (open or claimed). */
    public long queueSize() {
        return db.sql("select count(*) from workflow_case where status in (?, ?)").params(OPEN, CLAIMED)
                .query(Long.class).single();
    }

    /** Now, by the workflow's clock. */
    public Instant now() {
        return policy.clock().instant();
    }

    /**
     * The ids of the cases in the queue (open or claimed), in id order: what {@link Intake} re-ranks every few
     * minutes, a part at a time ({@link #rerankQueued}), since report pressure fades as its reports age and a
     * rank computed when a case's last signal came would keep an old burst of reports above fresher ones.
     */
    public List<Long> queuedIds() {
        return db.sql("select id from workflow_case where status in (?, ?) order by id").params(OPEN, CLAIMED)
                .query(Long.class).list();
    }

    /**
     * Re-ranks those of {@code ids} still in the queue at {@code now}, each locked first, skipping any that another
     * transaction holds: a signal being filed (a report that the target is a minor, say) holds its case and re-ranks
     * it itself, so it is never overwritten with what was read before it, and the re-rank never waits for the
     * intake nor the intake for it. Returns how many were re-ranked. Called with a few hundred ids to a
     * transaction, so that no transaction holds the whole queue's locks.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int rerankQueued(List<Long> ids, Instant now) {
        Map<Long, Boolean> locked = new LinkedHashMap<>();
        for (List<Object> part : parts(new ArrayList<>(ids))) {
            db.sql("select id from workflow_case where id in (" + inList(part.size()) + ") and status in (?, ?) "
                            + "for update skip locked")
                    .params(concat(part, OPEN, CLAIMED)).query(Long.class).list().forEach(id -> locked.put(id, false));
        }
        if (!locked.isEmpty()) {
            rerank(locked, now);
        }
        return locked.size();
    }

    private static List<Object> concat(List<Object> values, Object... more) {
        List<Object> all = new ArrayList<>(values);
        all.addAll(Arrays.asList(more));
        return all;
    }

    /**
     * Recomputes the rank, deadline, category and severity of each case from all its signals ({@code minor}:
     * whether a new signal said the target is a minor) and stores them; returns each case's rank.
     */
    private Map<Long, CasePriority.Ranked> rerank(Map<Long, Boolean> minorByCase, Instant now) {
        Map<Long, String> keys = new HashMap<>();
        Map<Long, Boolean> wasMinor = new HashMap<>();
        Map<Long, List<CaseSignal>> signals = new HashMap<>();
        for (List<Object> ids : parts(new ArrayList<>(minorByCase.keySet()))) {
            String in = inList(ids.size());
            db.sql("select id, target, target_is_minor from workflow_case where id in (" + in + ")").params(ids)
                    .query(rs -> {
                        keys.put(rs.getLong(1), rs.getString(2));
                        wasMinor.put(rs.getLong(1), rs.getBoolean(3));
                    });
            db.sql("select case_id, kind, category, severity, reporter, credibility, at, alert_kind from case_signal "
                            + "where case_id in (" + in + ") order by case_id, at, id").params(ids)
                    .query(rs -> {
                        signals.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(signal(rs));
                    });
        }
        Map<Long, CasePriority.Ranked> ranks = new LinkedHashMap<>();
        List<Object[]> updates = new ArrayList<>();
        minorByCase.forEach((id, minor) -> {
            CaseFile file = new CaseFile(keys.get(id), wasMinor.get(id) || minor, signals.get(id));
            CasePriority.Ranked ranked = policy.priority().rank(file, now);
            ranks.put(id, ranked);
            updates.add(new Object[]{file.targetIsMinor(), mainCategory(file).id(), file.severity().id(), ranked.rank(),
                    utc(ranked.due()), id});
        });
        jdbc.batchUpdate("update workflow_case set target_is_minor = ?, category = ?, severity = ?, priority_rank = ?, "
                + "due = ? where id = ?", updates);
        return ranks;
    }

    private static String kind(CaseSignal signal) {
        return signal instanceof CaseSignal.Report ? "report"
                : signal instanceof CaseSignal.Detection ? "verdict" : "alert";
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
        // two indexed lookups joined to the event's key (an "in (…) or = (…)" over event read the whole table)
        return db.sql("select e.id, e.type, e.ts, e.actor, e.text, e.suggestion, e.risk_level from event e join ("
                        + "select s.event_id as id from case_signal s where s.case_id = ? and s.event_id is not null "
                        + "union select c.content_id from workflow_case c where c.id = ? and c.content_id is not null"
                        + ") k on e.id = k.id order by e.ts, e.id limit ?")
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
     * Puts case {@code id}, claimed by {@code holder}, back in the queue (放回队列), open and unclaimed; {@code by} is who
     * does it (the holder, or someone freeing the case of a holder who is away: 改派). One conditional update: false
     * if the case is no longer claimed by {@code holder} (decided or put back meanwhile). Audited with the holder.
     */
    @Transactional
    public boolean release(long id, String holder, String by) {
        int n = db.sql("update workflow_case set claimed_by = null, claimed_at = null, status = ? "
                        + "where id = ? and status = ? and claimed_by = ?")
                .params(OPEN, id, CLAIMED, holder).update();
        if (n == 1) {
            audit.append("user:" + by, "case.release", "case:" + id, Map.of("status", CLAIMED, "claimedBy", holder),
                    Map.of("status", OPEN));
        }
        return n == 1;
    }

    /**
     * The case {@code reviewer} claimed within {@code window} before now and still holds, the latest if several: what
     * a second press of the console's "claim next" (a double click) gets, instead of a second case that would stay
     * claimed by the reviewer without ever being opened.
     */
    public Optional<Case> claimedWithin(String reviewer, Duration window) {
        return db.sql("select id from workflow_case where status = ? and claimed_by = ? and claimed_at >= ? "
                        + "order by claimed_at desc, id desc limit 1")
                .params(CLAIMED, reviewer, utc(policy.clock().instant().minus(window)))
                .query(Long.class).optional().flatMap(this::find);
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

    /** A signal from a row of (case_id, kind, category, severity, reporter, credibility, at, alert_kind). */
    private static CaseSignal signal(ResultSet rs) throws SQLException {
        ReportCategory category = ReportCategory.fromId(rs.getString(3));
        Instant at = instant(rs, 7);
        return switch (rs.getString(2)) {
            case "report" -> new CaseSignal.Report(rs.getString(5), category, rs.getDouble(6), at);
            case "verdict" -> new CaseSignal.Detection(category, OffenceSeverity.fromId(rs.getString(4)), at);
            default -> new CaseSignal.Alert(rs.getString(8), category, OffenceSeverity.fromId(rs.getString(4)), at);
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

    /** The open cases about {@code keys} by key, locked for this transaction in key order. */
    private Map<String, Long> openCases(Collection<String> keys) {
        Map<String, Long> open = new HashMap<>();
        for (List<Object> part : parts(new ArrayList<Object>(new TreeSet<>(keys)))) {
            db.sql("select open_target, id from workflow_case where open_target in (" + inList(part.size()) + ") "
                            + "order by open_target for update")
                    .params(part)
                    .query(rs -> {
                        open.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return open;
    }

    /** Targets or cases named in one {@code in (…)} list. */
    private static final int PER_STATEMENT = 200;

    /** {@code values} in parts of at most {@value #PER_STATEMENT}, in order. */
    private static List<List<Object>> parts(List<Object> values) {
        List<List<Object>> parts = new ArrayList<>();
        for (int from = 0; from < values.size(); from += PER_STATEMENT) {
            parts.add(values.subList(from, Math.min(values.size(), from + PER_STATEMENT)));
        }
        return parts;
    }

    /** {@code ?, ?, …}: {@code n} parameters for an {@code in} list. */
    static String inList(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
