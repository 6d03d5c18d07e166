package org.qinglang.app.protection;

import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.sanctions.Outbox;
import org.qinglang.app.stream.AlertSink;
import org.qinglang.core.enforce.ProtectionPeriod;
import org.qinglang.core.enforce.ProtectionSettings;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.EventCodec;
import org.qinglang.core.stream.PileOnMonitor;
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
 * turns protection on in the same transaction (of two answers at once, exactly one is recorded and has an
 * effect).
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
    public enum Answer { RECORDED, NOT_FOUND, ALREADY_ANSWERED, ALREADY_PROTECTED }

    /**
     * How long a prompt left unanswered keeps a new pile-on from prompting again: after it, the person is
     * prompted anew (the old prompt was likely never shown, or shown long ago).
     */
    static final java.time.Duration STALE = java.time.Duration.ofDays(7);

    @Override
    public void accept(Alert alert) {
        if (alert.kind() != Alert.Kind.PILEON || alert.level().compareTo(Alert.Level.WARNING) < 0
                || alert.target().isEmpty() || alert.target().length() > AccountId.MAX
                || alert.target().startsWith(PileOnMonitor.CONTENT_KEY)) { // a piece of content, not a person
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
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (store.pending(account).filter(p -> p.createdAt().isAfter(now.minus(STALE))).isPresent()) {
            return;
        }
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

    /**
     * The prompt waiting for {@code account}'s answer, if any (the newest), and none while protection is on: it
     * offers what the person has already.
     */
    public Optional<Prompt> pending(String account) {
        return protections.activeNow(account) ? Optional.empty() : store.pending(account);
    }

    /** The prompt {@code id} if it belongs to {@code account}. */
    public Optional<Prompt> find(String account, long id) {
        return store.find(id).filter(p -> p.account().equals(account));
    }

    /**
     * Records that {@code account} took prompt {@code id} and turns protection on with {@code builder} (holding the
     * audience and treatments) for {@code period}, in one transaction: the answer is claimed first, by one
     * conditional update, so of two answers at once exactly one is recorded and only that one has an effect.
     * Committed when it returns {@link Answer#RECORDED}; nothing changed otherwise.
     */
    public Answer take(String account, long id, ProtectionSettings.Builder builder, ProtectionPeriod period,
                       String by) {
        Optional<Answer> refused = refused(account, id);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (protections.activeNow(account)) {
            // taken after the person turned protection on themselves: their own settings stand
            return Answer.ALREADY_PROTECTED;
        }
        return protections.turnOnIf(() -> claim(id, true, by), account, builder, period, by).isPresent()
                ? Answer.RECORDED : Answer.ALREADY_ANSWERED;
    }

    /**
     * Records that {@code account} declined prompt {@code id}, if no answer was recorded first. Committed when it
     * returns {@link Answer#RECORDED}; nothing changed otherwise.
     */
    public Answer decline(String account, long id, String by) {
        Optional<Answer> refused = refused(account, id);
        if (refused.isPresent()) {
            return refused.get();
        }
        return Boolean.TRUE.equals(tx.execute(status -> claim(id, false, by)))
                ? Answer.RECORDED : Answer.ALREADY_ANSWERED;
    }

    /** Why prompt {@code id} cannot be answered by {@code account} as it reads now, if it cannot. */
    private Optional<Answer> refused(String account, long id) {
        Optional<Prompt> p = find(account, id);
        if (p.isEmpty()) {
            return Optional.of(Answer.NOT_FOUND);
        }
        return p.get().answeredAt().isPresent() ? Optional.of(Answer.ALREADY_ANSWERED) : Optional.empty();
    }

    /**
     * Records the answer and its audit record, in the caller's transaction, if the prompt has none yet; false
     * (nothing written) if another answer was recorded first. The conditional update is what decides: of two
     * answers at once, the second waits for the first's row lock and then finds the prompt answered.
     */
    private boolean claim(long id, boolean taken, String by) {
        if (!store.answer(id, taken, clock.instant().truncatedTo(ChronoUnit.MICROS))) {
            return false;
        }
        audit.append(by, "protection.prompt.answer", "prompt:" + id, null, Map.of("taken", taken));
        return true;
    }
}
