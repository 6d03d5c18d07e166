package org.qinglang.app.sanctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.cases.Cases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Map;

/**
 * The webhook outbox (发件箱): an effect for the platform is a row written in the transaction of the change
 * it reports, so it is sent if and only if the change committed. {@link WebhookDispatcher} sends it.
 */
@Component
public class Outbox {

    /** A sanction to carry out. */
    public static final String SANCTION = "sanction";
    /** A sanction to undo after a successful appeal. */
    public static final String REVERSAL = "reversal";

    private final JdbcClient db;
    private final ObjectMapper json;

    public Outbox(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Queues {@code payload} (written as JSON) of {@code kind} about the row {@code decisionId}, due now: a
     * decision for {@link #SANCTION} and {@link #REVERSAL}, a prompt for
     * {@link org.qinglang.app.protection.ProtectionPrompts#PROMPT_WEBHOOK}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void put(String kind, long decisionId, Map<String, Object> payload, Instant now) {
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a webhook payload must be writable as JSON", e);
        }
        db.sql("insert into webhook_outbox (kind, decision_id, payload, created_at, attempts, next_attempt_at, failed) "
                        + "values (?, ?, ?, ?, 0, ?, false)")
                .params(kind, decisionId, body, Cases.utc(now), Cases.utc(now)).update();
    }
}
