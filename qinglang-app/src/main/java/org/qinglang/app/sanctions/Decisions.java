package org.qinglang.app.sanctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;
import org.qinglang.app.api.Msg;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.cases.Cases;
import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.app.reports.Reports;
import org.qinglang.core.enforce.Offence;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.OffenderRole;
import org.qinglang.core.enforce.Permission;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.enforce.Reviewer;
import org.qinglang.core.enforce.Sanction;
import org.qinglang.core.enforce.SanctionAction;
import org.qinglang.core.enforce.SanctionLadder;
import org.qinglang.core.enforce.StatementOfReasons;
import org.qinglang.core.enforce.Strike;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Deciding cases (处理决定): the ladder's suggestion from the account's strikes, the reviewer's choice of step,
 * the permission that step needs (core {@link Permission#toApply}), the statement of reasons, the strike, the
 * reports settled, the case closed, the webhook queued and the audit record, all in one transaction.
 */
@Service
public class Decisions {

    /** Where users appeal, as the statement of reasons tells them. */
    public static final String APPEAL_HOW = "App 内「设置 → 帮助与反馈 → 申诉」/ in the app: Settings → Help → Appeal";

    /** What the reviewer decides for one account. */
    public record Finding(OffenceSeverity severity, Optional<ReportCategory> category, OffenderRole role,
                          OptionalInt step, StatementOfReasons.Ground ground, String facts) {
        public Finding {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(ground, "ground");
            Objects.requireNonNull(facts, "facts");
        }
    }

    /** One account of a batch decision and its part in the pile-on. */
    public record Subject(String account, OffenderRole role) {
    }

    /**
     * Refuses {@code account} at {@code field} if {@code seen} has it already (a batch's form and JSON alike): one
     * decision, and one strike, per account and offence.
     */
    public static void once(Set<String> seen, String account, String field) {
        if (!seen.add(account)) {
            throw new InvalidField(FieldError.badValue(field, "同一账号只能出现一次", "an account may appear only once"));
        }
    }

    /**
     * An offender role by the core's id ({@code first-poster}, {@code repeat-poster}, {@code inciter},
     * {@code participant}) or the name a stream alert gives a participant ({@code first}, {@code repeat},
     * {@code member}), case-insensitive.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static OffenderRole role(String id) {
        return switch (id.strip().toLowerCase(Locale.ROOT)) {
            case "first" -> OffenderRole.FIRST_POSTER;
            case "repeat" -> OffenderRole.REPEAT_POSTER;
            case "member" -> OffenderRole.PARTICIPANT;
            default -> OffenderRole.fromId(id.strip());
        };
    }

    /** A decision made. */
    public record Made(long id, String account, Sanction sanction, StatementOfReasons statement) {
    }

    private final JdbcClient db;
    private final Cases cases;
    private final Reports reports;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final WorkflowPolicy policy;
    private final ObjectMapper json;

    public Decisions(JdbcClient db, Cases cases, Reports reports, Outbox outbox, AuditTrail audit,
                     WorkflowPolicy policy, ObjectMapper json) {
        this.db = db;
        this.cases = cases;
        this.reports = reports;
        this.outbox = outbox;
        this.audit = audit;
        this.policy = policy;
        this.json = json;
    }

    /** A decision as stored, with its statement of reasons as the fields written ({@link StatementOfReasons#fields()}). */
    public record Stored(long id, long caseId, String account, SanctionAction action, int step, String decidedBy,
                         Instant decidedAt, Optional<Instant> reversedAt, Map<String, Object> statement) {
    }

    private static final TypeReference<LinkedHashMap<String, Object>> STATEMENT = new TypeReference<>() {
    };
    private static final String STORED = "select id, case_id, account, action, step, decided_by, decided_at, reversed_at, "
            + "statement from decision ";

    /** The decisions of case {@code caseId}, in the order made. */
    public List<Stored> ofCase(long caseId) {
        return db.sql(STORED + "where case_id = ? order by id").param(caseId).query((rs, n) -> stored(rs)).list();
    }

    /** Decision {@code id}. */
    public Optional<Stored> find(long id) {
        return db.sql(STORED + "where id = ?").param(id).query((rs, n) -> stored(rs)).optional();
    }

    private Stored stored(ResultSet rs) throws SQLException {
        Map<String, Object> statement;
        try {
            statement = json.readValue(rs.getString(9), STATEMENT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored statement of reasons is always JSON", e);
        }
        return new Stored(rs.getLong(1), rs.getLong(2), rs.getString(3), SanctionAction.fromId(rs.getString(4)),
                rs.getInt(5), rs.getString(6), Cases.instant(rs, 7),
                Optional.ofNullable(rs.getObject(8, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                statement);
    }

    /** The strikes of {@code account} (违规记录), oldest first. */
    public List<Strike> strikes(String account) {
        return db.sql("select decision_id, severity, at from strike where account = ? order by at, decision_id")
                .param(account)
                .query((rs, n) -> new Strike(String.valueOf(rs.getLong(1)), OffenceSeverity.fromId(rs.getString(2)),
                        Cases.instant(rs, 3)))
                .list();
    }

    /**
     * Records that the platform carried out decision {@code id} (已执行回执) and returns when it first said so;
     * empty if there is no such decision. A second acknowledgement keeps the first time.
     */
    @Transactional
    public Optional<Instant> ack(long id, String actor) {
        Optional<Optional<Instant>> acked = db.sql("select acked_at from decision where id = ? for update").param(id)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant))
                .optional();
        if (acked.isEmpty() || acked.get().isPresent()) {
            return acked.flatMap(a -> a);
        }
        Instant now = policy.clock().instant();
        db.sql("update decision set acked_at = ? where id = ?").params(Cases.utc(now), id).update();
        audit.append(actor, "sanction.ack", "decision:" + id, null, Map.of("ackedAt", now.toString()));
        return Optional.of(now);
    }

    /** The ladder's steps, lowest first. */
    public List<SanctionLadder.Step> ladderSteps() {
        return policy.ladder().steps();
    }

    /**
     * What the ladder suggests for an account and an offence now, and how many of its strikes are in force (有效违规记录:
     * those the ladder still counts), from one read of its strikes.
     */
    public record Suggested(Sanction sanction, int strikesInForce) {
    }

    /** What the ladder suggests for {@code account} and this offence now. */
    public Suggested suggest(String account, Offence offence, OffenderRole role) {
        Instant now = policy.clock().instant();
        List<Strike> strikes = strikes(account);
        int inForce = (int) strikes.stream().filter(s -> policy.ladder().inForce(s, now)).count();
        return new Suggested(policy.ladder().next(strikes, offence, role, now), inForce);
    }

    /**
     * Closes case {@code caseId} as no violation (不违规): its reports are settled as unfounded. Needs
     * {@link Permission#DECIDE}: finding no violation is a decision, which a compliance officer (who claims cases to
     * refer them to the police) may not make.
     */
    @Transactional
    public void noViolation(long caseId, Reviewer reviewer, String facts) {
        if (!reviewer.may(Permission.DECIDE)) {
            throw forbidden(Permission.DECIDE);
        }
        Cases.Case c = heldBy(caseId, reviewer);
        Instant now = policy.clock().instant();
        close(caseId, reviewer, false, now);
        int settled = reports.settle(caseId, Optional.empty());
        audit.append("user:" + reviewer.id(), "case.decide", "case:" + caseId, Map.of("status", c.status()),
                Map.of("status", Cases.DECIDED, "violation", false, "reportsSettled", settled, "facts", facts));
    }

    /**
     * Puts case {@code caseId} back in the queue (放回队列), open and unclaimed, so that another reviewer can take it:
     * the one who claimed it may, and with {@link Permission#REASSIGN} (a senior reviewer) anyone's claim (改派), as
     * when its reviewer is away or claimed it for a referral that is not needed. 403 for someone else's claim without
     * the permission; 409 if the case is not claimed (open, or decided).
     */
    @Transactional
    public void release(long caseId, Reviewer reviewer) {
        Cases.Case c = found(caseId);
        String holder = c.status().equals(Cases.CLAIMED) ? c.claimedBy().orElse("") : "";
        if (!holder.isEmpty() && !holder.equals(reviewer.id()) && !reviewer.may(Permission.REASSIGN)) {
            throw forbidden(Permission.REASSIGN);
        }
        if (holder.isEmpty() || !cases.release(caseId, holder, reviewer.id())) {
            throw new ApiException(HttpStatus.CONFLICT, "not_claimed", "id", OptionalLong.empty(),
                    new Msg("案件 " + caseId + " 未被认领或已结案", "case " + caseId + " is not claimed, or is decided"));
        }
    }

    /**
     * Decides case {@code caseId} against its account with {@code finding}; refused (409) for an alert's case,
     * whose account is whom the alert is about ({@link org.qinglang.app.cases.Target#isAlert}).
     */
    @Transactional
    public Made decide(long caseId, Reviewer reviewer, Finding finding) {
        Cases.Case c = heldBy(caseId, reviewer);
        if (c.about().isAlert()) {
            // an alert's target is whom it is about (a pile-on's victim): the decision falls on its participants
            throw new ApiException(HttpStatus.CONFLICT, "alert_case", "id", OptionalLong.empty(),
                    new Msg("案件 " + caseId + " 是关于 " + c.about().account() + " 的告警，处罚对象是参与账号而非该账号："
                            + "请批量处置参与者，或认定不违规",
                            "case " + caseId + " is an alert about " + c.about().account() + ": decide for its"
                                    + " participants in a batch, or find no violation; never against the target"));
        }
        Instant now = policy.clock().instant();
        close(caseId, reviewer, true, now);
        // two decisions on one account at once (two of its cases) must not both read its strikes before either
        // writes one: both would take the same step, the tolerated first offence twice
        audit.serialize();
        Offence offence = new Offence(finding.severity(), finding.category().orElse(c.category()));
        Sanction suggested = policy.ladder().next(strikes(c.about().account()), offence, finding.role(), now);
        Sanction sanction = finding.step().isPresent() ? atStep(finding.step().getAsInt(), suggested, now) : suggested;
        Made made = record(c, c.about().account(), reviewer, offence, finding.role(), sanction, finding, now);
        reports.settle(caseId, Optional.of(sanction.action()));
        return made;
    }

    /**
     * Decides case {@code caseId} against every account of {@code subjects} at once (批量处置): each by its own
     * strikes and role for the same offence (core {@link SanctionLadder#batch}). Needs
     * {@link Permission#BATCH_DECIDE}, and each sanction's own permission.
     */
    @Transactional
    public List<Made> decideBatch(long caseId, Reviewer reviewer, OffenceSeverity severity,
                                  Optional<ReportCategory> category, List<Subject> subjects,
                                  StatementOfReasons.Ground ground, String facts) {
        if (!reviewer.may(Permission.BATCH_DECIDE)) {
            throw forbidden(Permission.BATCH_DECIDE);
        }
        Cases.Case c = heldBy(caseId, reviewer);
        Instant now = policy.clock().instant();
        close(caseId, reviewer, true, now);
        audit.serialize(); // as decide: each account's strikes read and written by one decision at a time
        Offence offence = new Offence(severity, category.orElse(c.category()));
        List<SanctionLadder.Subject> withHistory = new ArrayList<>();
        for (Subject s : subjects) {
            withHistory.add(new SanctionLadder.Subject(s.account(), s.role(), strikes(s.account())));
        }
        List<Made> made = new ArrayList<>();
        SanctionAction heaviest = SanctionAction.WARN;
        for (SanctionLadder.BatchDecision d : policy.ladder().batch(withHistory, offence, now)) {
            Finding f = new Finding(severity, Optional.of(offence.category()), d.role(), OptionalInt.empty(), ground, facts);
            made.add(record(c, d.account(), reviewer, offence, d.role(), d.sanction(), f, now));
            if (d.sanction().action().tier() > heaviest.tier()) {
                heaviest = d.sanction().action();
            }
        }
        reports.settle(caseId, Optional.of(heaviest));
        return made;
    }

    /** The sanction of ladder step {@code step}, keeping the suggestion's reasoning. */
    private Sanction atStep(int step, Sanction suggested, Instant now) {
        List<SanctionLadder.Step> steps = policy.ladder().steps();
        if (step < 0 || step >= steps.size()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_value", "step", OptionalLong.of(steps.size() - 1),
                    new Msg("step 应为 0 到 " + (steps.size() - 1) + " 的处罚阶梯级别",
                            "step must be a ladder step from 0 to " + (steps.size() - 1)));
        }
        SanctionLadder.Step s = steps.get(step);
        if (s.graveOnly() && !suggested.reasoning().grave()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_value", "step", OptionalLong.empty(),
                    new Msg("第 " + step + " 级仅适用于特别严重的违规（severity 为 grave）",
                            "step " + step + " is for grave offences only (severity grave)"));
        }
        return new Sanction(s.action(), step, s.duration(), now, s.duration().map(now::plus), suggested.reasoning());
    }

    private Made record(Cases.Case c, String account, Reviewer reviewer, Offence offence, OffenderRole role,
                        Sanction sanction, Finding finding, Instant now) {
        Permission needed = Permission.toApply(sanction);
        if (!reviewer.may(needed)) {
            throw forbidden(needed);
        }
        boolean own = account.equals(c.about().account());
        Optional<String> content = own ? c.about().contentId() : Optional.empty();
        String contentType = own && StatementOfReasons.CONTENT_TYPES.contains(c.about().contentType())
                ? c.about().contentType() : "account";
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into decision (case_id, account, content_id, category, severity, role, action, step, duration_s, "
                        + "starts_at, ends_at, decided_by, decided_at, statement) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')")
                .params(c.id(), account, content.orElse(null), offence.category().id(), offence.severity().id(), role.id(),
                        sanction.action().id(), sanction.step(), sanction.duration().map(d -> d.toSeconds()).orElse(null),
                        Cases.utc(sanction.startsAt()), sanction.endsAt().map(Cases::utc).orElse(null), reviewer.id(),
                        Cases.utc(now))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        List<Cases.Signal> signals = cases.signals(c.id());
        boolean reported = signals.stream().anyMatch(s -> s.kind().equals("report"));
        boolean detected = signals.stream().anyMatch(s -> !s.kind().equals("report"));
        StatementOfReasons statement = StatementOfReasons.of(String.valueOf(id), account, content, contentType, offence,
                finding.ground(), finding.facts(),
                reported ? StatementOfReasons.Source.USER_REPORT : StatementOfReasons.Source.OWN_INITIATIVE,
                detected, detected ? StatementOfReasons.Automation.PARTIALLY : StatementOfReasons.Automation.NOT_AUTOMATED,
                List.of(), sanction, policy.appeals(), APPEAL_HOW);
        Map<String, Object> fields = new LinkedHashMap<>(statement.fields());
        fields.put("step", sanction.step());
        fields.put("role", role.id());
        fields.put("severity", offence.severity().id());
        fields.put("ladder", sanction.reasoning());
        fields.put("reasoning", sanction.reasoning().explain(Locale.CHINESE));
        db.sql("update decision set statement = ? where id = ?").params(write(fields), id).update();
        db.sql("insert into strike (decision_id, account, severity, at) values (?, ?, ?, ?)")
                .params(id, account, offence.severity().id(), Cases.utc(now)).update();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", Outbox.SANCTION);
        payload.put("decisionId", id);
        payload.putAll(statement.fields());
        outbox.put(Outbox.SANCTION, id, payload, now);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("case", c.id());
        after.put("account", account);
        after.put("action", sanction.action().id());
        after.put("step", sanction.step());
        after.put("severity", offence.severity().id());
        after.put("role", role.id());
        audit.append("user:" + reviewer.id(), "decision.make", "decision:" + id, null, after);
        return new Made(id, account, sanction, statement);
    }

    /** Case {@code caseId}, or 404. */
    private Cases.Case found(long caseId) {
        return cases.find(caseId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found", "id",
                OptionalLong.empty(), new Msg("没有编号为 " + caseId + " 的案件", "there is no case " + caseId)));
    }

    private Cases.Case heldBy(long caseId, Reviewer reviewer) {
        Cases.Case c = found(caseId);
        if (!c.status().equals(Cases.CLAIMED) || !c.claimedBy().orElse("").equals(reviewer.id())) {
            throw notClaimed(caseId);
        }
        return c;
    }

    /**
     * Closes the case {@code reviewer} holds, first of a decision's writes: one conditional update, so that of two
     * decisions of one case at once (or a decision and a release), the second waits for the first and finds the case
     * no longer held (409) before it writes anything; the transaction's later writes are undone with it if they fail.
     */
    private void close(long caseId, Reviewer reviewer, boolean violation, Instant now) {
        if (!cases.close(caseId, reviewer.id(), violation, now)) {
            throw notClaimed(caseId);
        }
    }

    private static ApiException notClaimed(long caseId) {
        return new ApiException(HttpStatus.CONFLICT, "not_claimed", "id", OptionalLong.empty(),
                new Msg("请先认领案件 " + caseId + "（只有认领人可以处理；已结案的不能再处理）",
                        "claim case " + caseId + " first (only who claimed it decides it; a decided case is closed)"));
    }

    static ApiException forbidden(Permission needed) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "", OptionalLong.empty(),
                new Msg("您的角色没有此项权限：" + needed.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        "your role lacks the permission " + needed.name().toLowerCase(Locale.ROOT).replace('_', '-')));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a statement must be writable as JSON", e);
        }
    }
}
