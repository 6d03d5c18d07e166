package org.qinglang.app.protection;

import org.qinglang.app.audit.AuditTrail;
import org.qinglang.core.enforce.ActorRelation;
import org.qinglang.core.enforce.OneClickProtection;
import org.qinglang.core.enforce.ProtectedAction;
import org.qinglang.core.enforce.ProtectionDecision;
import org.qinglang.core.enforce.ProtectionPeriod;
import org.qinglang.core.enforce.ProtectionSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Every account's one-click protection (一键防护) in memory: an immutable {@link ProtectionSettings} per
 * protected account in a {@link ConcurrentHashMap}, loaded from the database at start. A change is written
 * through: the row and its audit record are committed first, then the map entry is replaced, all inside
 * the map's per-key {@code compute}, so changes to one account apply in the order they committed and a
 * failed write leaves the map as it was. {@link #decide} reads only the map (no lock, no database, no
 * allocation in the core lookup). Thread-safe.
 */
@Service
public class Protections {

    private final ConcurrentHashMap<String, ProtectionSettings> settings;
    private final ProtectionStore store;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final OneClickProtection policy = OneClickProtection.DEFAULT;

    @Autowired
    Protections(ProtectionStore store, AuditTrail audit, TransactionTemplate tx) {
        this(store, audit, tx, Clock.systemUTC());
    }

    Protections(ProtectionStore store, AuditTrail audit, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.settings = new ConcurrentHashMap<>(store.loadAll());
    }

    /** The settings of {@code account}: {@link ProtectionSettings#off()} if it has none. */
    public ProtectionSettings get(String account) {
        return settings.getOrDefault(account, ProtectionSettings.off());
    }

    /** True if {@code account}'s protection is on and in its period now. */
    public boolean activeNow(String account) {
        return get(account).activeAt(clock.instant());
    }

    /** The next reminder that protection is ending (or, until off, still on), if any. */
    public Optional<Instant> remindAt(ProtectionSettings s) {
        return policy.nextReminder(s, clock.instant());
    }

    /** What happens now to {@code action} by an actor with {@code relation} to {@code account}. */
    public ProtectionDecision decide(String account, ActorRelation relation, ProtectedAction action) {
        ProtectionSettings s = settings.get(account);
        return s == null ? ProtectionDecision.ALLOW : OneClickProtection.decide(s, relation, action, clock.instant());
    }

    /**
     * Turns protection on for {@code account} from now, with {@code audience}'s builder already holding the
     * treatments, for {@code period}; {@code by} is who, for the audit trail. Committed when it returns.
     */
    public ProtectionSettings turnOn(String account, ProtectionSettings.Builder builder,
                                     ProtectionPeriod period, String by) {
        return turnOnIf(() -> true, account, builder, period, by).orElseThrow();
    }

    /**
     * {@link #turnOn}, but only if {@code claim}, run first in the same transaction, answers true: when it answers
     * false nothing is written, memory is left as it was, and the answer is empty. Whatever {@code claim} writes
     * commits or rolls back with the protection. The prominent prompt's answer uses it, so that taking the offer
     * and recording it are one change.
     */
    Optional<ProtectionSettings> turnOnIf(BooleanSupplier claim, String account, ProtectionSettings.Builder builder,
                                          ProtectionPeriod period, String by) {
        ProtectionSettings on = builder.on(period, clock.instant().truncatedTo(ChronoUnit.MICROS));
        boolean[] done = new boolean[1];
        settings.compute(account, (k, old) -> {
            done[0] = Boolean.TRUE.equals(tx.execute(status -> {
                if (!claim.getAsBoolean()) {
                    return false;
                }
                store.put(account, on, by);
                audit.append(by, "protection.on", "account:" + account, old == null ? null : view(old), view(on));
                return true;
            }));
            return done[0] ? on : old;
        });
        return done[0] ? Optional.of(on) : Optional.empty();
    }

    /** Turns protection off for {@code account}; true if it was on. Committed when it returns. */
    public boolean turnOff(String account, String by) {
        boolean[] was = new boolean[1];
        settings.compute(account, (k, old) -> {
            tx.executeWithoutResult(status -> {
                was[0] = store.delete(account);
                if (was[0]) {
                    audit.append(by, "protection.off", "account:" + account, old == null ? null : view(old), null);
                }
            });
            return null;
        });
        return was[0];
    }

    /** The settings as the audit trail records them. */
    static Map<String, String> view(ProtectionSettings s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("audience", ProtectionIds.id(s.audience()));
        m.put("period", ProtectionIds.id(s.period()));
        for (ProtectedAction a : ProtectedAction.values()) {
            m.put(a.id(), s.treatment(a).id());
        }
        m.put("since", s.since().toString());
        return m;
    }
}
