package org.qinglang.app.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Appends to the audit trail (审计日志) inside the caller's transaction, so the record and the change commit
 * or roll back together. Appends are serial: each locks the one-row {@code audit_head} to learn the previous
 * hash. Thread-safe.
 */
@Component
public class AuditTrail {

    private final JdbcClient db;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditTrail(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /**
     * Records that {@code actor} did {@code action} to {@code subject}, which was {@code before} and is now
     * {@code after} (values written as JSON; {@code null} for "did not exist"). Must run in a transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String actor, String action, String subject, Object before, Object after) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Head head = db.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long seq = head.seq() + 1;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String b = toJson(before);
        String a = toJson(after);
        String hash = AuditChain.hash(head.hash(), seq, at, actor, action, subject, b, a);
        db.sql("insert into audit_log (seq, at, actor, action, subject, before, after, prev_hash, hash) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(seq, at.atOffset(ZoneOffset.UTC), actor, action, subject, b, a, head.hash(), hash).update();
        db.sql("update audit_head set seq = ?, hash = ? where id = 1").params(seq, hash).update();
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an audit value must be writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private record Head(long seq, String hash) {
    }
}
