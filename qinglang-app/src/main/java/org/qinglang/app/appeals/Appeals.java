package org.qinglang.app.appeals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.Msg;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.cases.Cases;
import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.app.sanctions.Outbox;
import org.qinglang.core.enforce.Appeal;
import org.qinglang.core.enforce.AppealCheck;
import org.qinglang.core.enforce.Reversal;
import org.qinglang.core.enforce.Reviewer;
import org.qinglang.core.enforce.Sanction;
import org.qinglang.core.enforce.SanctionAction;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Appeals (申诉) in the database: filing within the window, deciding by a different senior reviewer (core
 * {@link org.qinglang.core.enforce.AppealPolicy#mayDecide}), and the reversal an overturn carries out.
 */
@Service
public class Appeals {

    /** Appeal states. */
    public static final String PENDING = "pending";
    public static final String UPHELD = "upheld";
    public static final String OVERTURNED = "overturned";

    /** An appeal as stored, with its decision's facts; {@code reason} is what the account said (as filed). */
    public record View(long id, long decisionId, String account, String action, String status, Instant filedAt,
                       Instant answerBy, Optional<String> decidedBy, Optional<String> answer, Optional<String> reason) {
    }

    /** The decision an appeal is about, as the core needs it. */
    private record Decided(long id, String account, String decidedBy, Instant decidedAt, Sanction sanction,
                           Optional<Instant> reversedAt) {
    }

    private final JdbcClient db;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final WorkflowPolicy policy;
    private final ObjectMapper json;

    public Appeals(JdbcClient db, AuditTrail audit, Outbox outbox, WorkflowPolicy policy, ObjectMapper json) {
        this.db = db;
        this.audit = audit;
        this.outbox = outbox;
        this.policy = policy;
        this.json = json;
    }

    /** Files an appeal against decision {@code decisionId} for the platform of {@code apiKeyId}. */
    @Transactional
    public View file(long decisionId, Optional<String> reason, long apiKeyId, String actor) {
        // the decision's row locked first: of two appeals against it at once, the second waits and then sees the first
        // pending (409), where both would have passed the check below
        Decided d = db.sql("select id from decision where id = ? for update").param(decisionId).query(Long.class)
                .optional().flatMap(this::decided).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found",
                "decisionId", OptionalLong.empty(), new Msg("没有编号为 " + decisionId + " 的处理决定",
                "there is no decision " + decisionId)));
        Instant now = policy.clock().instant();
        AppealCheck inTime = policy.appeals().inTime(new Appeal(String.valueOf(decisionId), d.account(), d.decidedBy(),
                d.decidedAt(), now));
        if (!inTime.allowed()) {
            throw new ApiException(HttpStatus.CONFLICT, inTime.code(), "decisionId", OptionalLong.empty(),
                    new Msg(inTime.zh(), inTime.en()));
        }
        // one appeal per decision: after it is decided (upheld), filing again would only put the same decision
        // before another senior reviewer, as often as the platform liked
        if (d.reversedAt().isPresent() || db.sql("select count(*) from appeal where decision_id = ?")
                .param(decisionId).query(Long.class).single() > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "already_appealed", "decisionId", OptionalLong.empty(),
                    new Msg("该处理决定已申诉过（每项决定可申诉一次）或已被撤销",
                            "this decision was appealed already (once per decision) or was reversed"));
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into appeal (decision_id, api_key_id, reason, filed_at, status) values (?, ?, ?, ?, ?)")
                .params(decisionId, apiKeyId, reason.orElse(null), Cases.utc(now), PENDING).update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        audit.append(actor, "appeal.file", "appeal:" + id, null, Map.of("decision", decisionId, "status", PENDING));
        return find(id).orElseThrow();
    }

    /** Appeal {@code id}. */
    public Optional<View> find(long id) {
        return db.sql("select a.id, a.decision_id, d.account, d.action, a.status, a.filed_at, a.decided_by, a.answer, "
                        + "a.reason from appeal a join decision d on d.id = a.decision_id where a.id = ?").param(id)
                .query((rs, n) -> view(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Cases.instant(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9)))
                .optional();
    }

    /** Appeal {@code id} if the platform of {@code apiKeyId} filed it. */
    public Optional<View> find(long id, long apiKeyId) {
        return db.sql("select count(*) from appeal where id = ? and api_key_id = ?").params(id, apiKeyId)
                .query(Long.class).single() == 1 ? find(id) : Optional.empty();
    }

    /** How many appeals are pending. */
    public long pendingCount() {
        return db.sql("select count(*) from appeal where status = ?").param(PENDING).query(Long.class).single();
    }

    /** Pending appeals, oldest first (the answer is due first). */
    public List<View> pending(int limit) {
        return db.sql("select a.id from appeal a where a.status = ? order by a.filed_at, a.id limit ?")
                .params(PENDING, limit).query(Long.class).list().stream().map(id -> find(id).orElseThrow()).toList();
    }

    /**
     * Decides appeal {@code id}: {@code overturn} reverses the sanction (the strike removed, the decision marked
     * reversed, the reversal queued for the platform); otherwise the decision stands.
     */
    @Transactional
    public View decide(long id, Reviewer reviewer, boolean overturn, String answer) {
        View a = find(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found", "id",
                OptionalLong.empty(), new Msg("没有编号为 " + id + " 的申诉", "there is no appeal " + id)));
        if (!a.status().equals(PENDING)) {
            throw new ApiException(HttpStatus.CONFLICT, "already_decided", "id", OptionalLong.empty(),
                    new Msg("申诉 " + id + " 已复核", "appeal " + id + " is already decided"));
        }
        Decided d = decided(a.decisionId()).orElseThrow();
        Appeal appeal = new Appeal(String.valueOf(d.id()), d.account(), d.decidedBy(), d.decidedAt(), a.filedAt());
        AppealCheck may = policy.appeals().mayDecide(appeal, reviewer);
        if (!may.allowed()) {
            throw new ApiException(HttpStatus.FORBIDDEN, may.code(), "", OptionalLong.empty(), new Msg(may.zh(), may.en()));
        }
        Instant now = policy.clock().instant();
        int n = db.sql("update appeal set status = ?, decided_by = ?, decided_at = ?, answer = ? where id = ? and status = ?")
                .params(overturn ? OVERTURNED : UPHELD, reviewer.id(), Cases.utc(now), answer, id, PENDING).update();
        if (n != 1) {
            throw new ApiException(HttpStatus.CONFLICT, "already_decided", "id", OptionalLong.empty(),
                    new Msg("申诉 " + id + " 已复核", "appeal " + id + " is already decided"));
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", overturn ? OVERTURNED : UPHELD);
        if (overturn) {
            Reversal r = policy.appeals().overturn(appeal, d.sanction(), reviewer, now);
            db.sql("delete from strike where decision_id = ?").param(d.id()).update();
            if (db.sql("update decision set reversed_at = ? where id = ? and reversed_at is null")
                    .params(Cases.utc(now), d.id()).update() != 1) {
                throw new ApiException(HttpStatus.CONFLICT, "already_reversed", "id", OptionalLong.empty(),
                        new Msg("该处理决定已被撤销", "this decision was already reversed"));
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", Outbox.REVERSAL);
            payload.put("decisionId", d.id());
            payload.put("account", r.account());
            payload.put("action", r.action().id());
            payload.put("undo", r.undo().stream().map(Reversal.Undo::id).toList());
            payload.put("at", r.at().toString());
            outbox.put(Outbox.REVERSAL, d.id(), payload, now);
            after.put("undo", payload.get("undo"));
        }
        audit.append("user:" + reviewer.id(), "appeal.decide", "appeal:" + id, Map.of("status", PENDING), after);
        return find(id).orElseThrow();
    }

    private View view(long id, long decisionId, String account, String action, String status, Instant filedAt,
                      String decidedBy, String answer, String reason) {
        Appeal a = new Appeal(String.valueOf(decisionId), account, "-", filedAt, filedAt);
        return new View(id, decisionId, account, action, status, filedAt, policy.appeals().answerBy(a),
                Optional.ofNullable(decidedBy), Optional.ofNullable(answer), Optional.ofNullable(reason));
    }

    private Optional<Decided> decided(long id) {
        return db.sql("select id, account, decided_by, decided_at, action, step, duration_s, starts_at, statement, "
                        + "reversed_at from decision where id = ?").param(id)
                .query((rs, n) -> {
                    Optional<Duration> duration = rs.getObject(7) == null ? Optional.empty()
                            : Optional.of(Duration.ofSeconds(rs.getLong(7)));
                    Instant starts = Cases.instant(rs, 8);
                    Sanction s = new Sanction(SanctionAction.fromId(rs.getString(5)), rs.getInt(6), duration, starts,
                            duration.map(starts::plus), reasoning(rs.getString(9)));
                    return new Decided(rs.getLong(1), rs.getString(2), rs.getString(3), Cases.instant(rs, 4), s,
                            Optional.ofNullable(rs.getObject(10, OffsetDateTime.class)).map(OffsetDateTime::toInstant));
                })
                .optional();
    }

    private Sanction.Reasoning reasoning(String statement) {
        try {
            JsonNode ladder = json.readTree(statement).get("ladder");
            return json.treeToValue(ladder, Sanction.Reasoning.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored decision's statement lacks its ladder reasoning", e);
        }
    }

    /** For messages: the status in {@code locale}. */
    public static String statusLabel(String status, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        return switch (status) {
            case PENDING -> en ? "pending" : "待复核";
            case UPHELD -> en ? "upheld" : "维持原决定";
            default -> en ? "overturned" : "申诉成立，已撤销";
        };
    }
}
