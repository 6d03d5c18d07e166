package org.qinglang.app.protection;

import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.sanctions.Outbox;
import org.qinglang.app.stream.AlertSink;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.EventCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The prominent prompt (显著提示), an {@link AlertSink}: when a pile-on alert of level warning or above is raised
 * on an account, a prompt is recorded offering the person one-click protection — unless protection is already
 * on, or a prompt is still waiting for an answer (an alert growing from warning to severe does not prompt
 * twice). The platform reads the pending prompt and shows it; the answer is recorded once, and taking it
 * turns protection on.
 *
 * <p>Each prompt is also pushed to the platform as a webhook of kind {@code prompt} (header
 * {@code X-Qinglang-Event: prompt}; body: account, prompt id, alert level, when), queued in the workflow's
 * {@link Outbox} in the same transaction as the prompt, and signed and retried like every webhook. Thread-safe.
 */
@Service
public class ProtectionPrompts implements AlertSink {

    private final PromptStore store;
    private final Protections protections;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    private final Object lock = new Object();

    @Autowired
    ProtectionPrompts(PromptStore store, Protections protections, AuditTrail audit, Outbox outbox,
                      TransactionTemplate tx) {
        this(store, protections, audit, outbox, tx, Clock.systemUTC());
    }

    ProtectionPrompts(PromptStore store, Protections protections, AuditTrail audit, Outbox outbox,
                      TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.protections = protections;
        this.audit = audit;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** The webhook kind ({@code X-Qinglang-Event}) of a prompt to show. */
    public static final String PROMPT_WEBHOOK = "prompt";

    /** What happened to an answer. */
    public enum Answer { RECORDED, NOT_FOUND, ALREADY_ANSWERED }

    @Override
    public void accept(Alert alert) {
        if (alert.kind() != Alert.Kind.PILEON || alert.level().compareTo(Alert.Level.WARNING) < 0
                || alert.target().isEmpty() || alert.target().length() > AccountId.MAX) {
            return;
        }
        String account = alert.target();
        if (protections.activeNow(account)) {
            return;
        }
        synchronized (lock) { // one process: check-then-insert is serial, so one pending prompt per account
            tx.executeWithoutResult(status -> record(account, alert));
        }
    }

    private void record(String account, Alert alert) {
        if (store.pending(account).isPresent()) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = store.insert(account, alert.kind().id(), alert.level().id(), alert.ts(), codec.writeAlert(alert),
                now);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("account", account);
        after.put("level", alert.level().id());
        audit.append("system:pileon", "protection.prompt", "prompt:" + id, null, after);
        Map<String, Object> push = new LinkedHashMap<>(after);
        push.put("prompt", id);
        push.put("at", now.toString());
        outbox.put(PROMPT_WEBHOOK, id, push, now);
    }

    /** The prompt waiting for {@code account}'s answer, if any. */
    public Optional<Prompt> pending(String account) {
        return store.pending(account);
    }

    /** The prompt {@code id} if it belongs to {@code account}. */
    public Optional<Prompt> find(String account, long id) {
        return store.find(id).filter(p -> p.account().equals(account));
    }

    /**
     * Records {@code account}'s answer to prompt {@code id}; when {@code taken}, {@code turnOn} has already been
     * committed by the caller (so a failure to turn protection on never records the offer as taken).
     */
    public Answer answer(String account, long id, boolean taken, String by) {
        Optional<Prompt> p = find(account, id);
        if (p.isEmpty()) {
            return Answer.NOT_FOUND;
        }
        if (p.get().answeredAt().isPresent()) {
            return Answer.ALREADY_ANSWERED;
        }
        Boolean recorded = tx.execute(status -> {
            if (!store.answer(id, taken, clock.instant().truncatedTo(ChronoUnit.MICROS))) {
                return false;
            }
            audit.append(by, "protection.prompt.answer", "prompt:" + id, null, Map.of("taken", taken));
            return true;
        });
        return Boolean.TRUE.equals(recorded) ? Answer.RECORDED : Answer.ALREADY_ANSWERED;
    }
}
