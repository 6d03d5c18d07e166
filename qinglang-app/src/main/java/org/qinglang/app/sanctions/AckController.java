package org.qinglang.app.sanctions;

import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.Msg;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.cases.Cases;
import org.qinglang.app.cases.WorkflowFields;
import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.app.security.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code POST /api/v1/sanctions/{id}/ack} (scope ingest): the platform says it carried out sanction (decision)
 * {@code id} (已执行回执). Idempotent: a second ack keeps the first time.
 */
@RestController
class AckController {

    /** The acknowledgement as stored. */
    record Acked(long id, String ackedAt) {
    }

    private final JdbcClient db;
    private final AuditTrail audit;
    private final WorkflowPolicy policy;

    AckController(JdbcClient db, AuditTrail audit, WorkflowPolicy policy) {
        this.db = db;
        this.audit = audit;
        this.policy = policy;
    }

    @PostMapping(path = "/api/v1/sanctions/{id}/ack", produces = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    public Acked ack(@PathVariable("id") String id, Authentication auth) {
        long n = WorkflowFields.pathId(id);
        Optional<Optional<Instant>> acked = db.sql("select acked_at from decision where id = ? for update").param(n)
                .query((rs, i) -> Optional.ofNullable(rs.getObject(1, java.time.OffsetDateTime.class))
                        .map(java.time.OffsetDateTime::toInstant))
                .optional();
        if (acked.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "id", OptionalLong.empty(),
                    new Msg("没有编号为 " + n + " 的处罚", "there is no sanction " + n));
        }
        if (acked.get().isPresent()) {
            return new Acked(n, acked.get().get().toString());
        }
        Instant now = policy.clock().instant();
        db.sql("update decision set acked_at = ? where id = ?").params(Cases.utc(now), n).update();
        audit.append(Callers.who(auth), "sanction.ack", "decision:" + n, null, Map.of("ackedAt", now.toString()));
        return new Acked(n, now.toString());
    }
}
