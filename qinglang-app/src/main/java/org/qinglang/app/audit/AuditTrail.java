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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Appends to the audit trail (审计日志) inside the caller's transaction, so the record and the change commit
 * or roll back together. Appends are serial: each locks the one-row {@code audit_head} to learn the previous
 * hash ({@link #appendAll} locks it once for many records). Thread-safe.
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
     * One audit record: {@code actor} did {@code action} to {@code subject}, which was {@code before} and is now
     * {@code after}.
     */
    public record Entry(String actor, String action, String subject, Object before, Object after) {
        public Entry {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /**
     * Records that {@code actor} did {@code action} to {@code subject}, which was {@code before} and is now
     * {@code after} (values written as JSON; {@code null} for "did not exist"). Must run in a transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String actor, String action, String subject, Object before, Object after) {
        appendAll(List.of(new Entry(actor, action, subject, before, after)));
    }

    /**
     * Records {@code entries} in order, as {@link #append} would one by one, with one lock of the head, one
     * insert per {@value #PER_INSERT} rows and one update of the head. Must run in a transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Head head = db.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq = head.seq();
        String hash = head.hash();
        for (int from = 0; from < entries.size(); from += PER_INSERT) {
            List<Entry> slice = entries.subList(from, Math.min(entries.size(), from + PER_INSERT));
            List<Object> params = new ArrayList<>(slice.size() * 9);
            for (Entry e : slice) {
                seq++;
                String b = toJson(e.before());
                String a = toJson(e.after());
                String prev = hash;
                hash = AuditChain.hash(prev, seq, at, e.actor(), e.action(), e.subject(), b, a);
                params.addAll(Arrays.asList(seq, at.atOffset(ZoneOffset.UTC), e.actor(), e.action(), e.subject(), b, a,
                        prev, hash));
            }
            db.sql("insert into audit_log (seq, at, actor, action, subject, before, after, prev_hash, hash) values "
                    + String.join(", ", Collections.nCopies(slice.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?)")))
                    .params(params).update();
        }
        db.sql("update audit_head set seq = ?, hash = ? where id = 1").params(seq, hash).update();
    }

    /** Rows per insert statement in {@link #appendAll} (9 parameters each). */
    private static final int PER_INSERT = 200;

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
