package org.qinglang.app.protection;

import org.qinglang.app.audit.AuditTrail;
import org.qinglang.core.enforce.ActorRelation;
import org.qinglang.core.enforce.OneClickProtection;
import org.qinglang.core.enforce.ProtectedAction;
import org.qinglang.core.enforce.ProtectionDecision;
import org.qinglang.core.enforce.ProtectionPeriod;
import org.qinglang.core.enforce.ProtectionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * allocation in the core lookup).
 *
 * <p>A protection whose period is over (到期) already decides nothing; {@link #sweep} also takes it out of the map
 * and its row out of the table, with an audit record, so that neither grows with every protection ever turned on.
 * The table holds what is in force; the history (on, off, ended) is the audit trail's. Thread-safe.
 */
@Service
public class Protections {

    private final ConcurrentHashMap<String, ProtectionSettings> settings;
    private final ProtectionStore store;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final OneClickProtection policy = OneClickProtection.DEFAULT;

    /** The actor of a protection ended by its period in the audit trail. */
    static final String SWEEP = "system:protection-sweep";
    /** The audit action of a protection ended by its period. */
    static final String EXPIRE = "protection.expire";

    private static final Logger LOG = LoggerFactory.getLogger(Protections.class);

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

    /**
     * Ends every protection whose period is over at the clock's now (到期清理): each leaves the map and the table,
     * and the audit trail records {@value #EXPIRE} with what it was, one transaction per account. Protection until
     * turned off never ends here. Runs beside decisions and changes: see {@link #expire}. At the first account that
     * cannot be ended now (the database is away) the sweep stops; that one and the rest stay as they are (they decide
     * nothing already) and are tried again at the next sweep. Returns how many ended.
     */
    int sweep() {
        Instant now = clock.instant();
        int ended = 0;
        String failure = null;
        for (Map.Entry<String, ProtectionSettings> e : settings.entrySet()) { // weakly consistent: no lock held
            if (!over(e.getValue(), now)) {
                continue;
            }
            try {
                if (expire(e.getKey(), now)) {
                    ended++;
                }
            } catch (RuntimeException ex) {
                // the database is likely away: each further try would hold its account's map bin (and the changes of
                // other accounts in it) for a connection timeout; the next sweep takes the rest
                failure = ex.getClass().getName();
                break;
            }
        }
        if (failure != null) {
            // no account named: an account id is a person's
            LOG.warn("the sweep stopped at a protection it could not remove ({}); the next sweep tries again", failure);
        }
        return ended;
    }

    /**
     * Ends {@code account}'s protection if it is over at {@code now}, read again inside the map's per-key
     * {@code compute} that every change runs in: a protection turned on again since the sweep looked (even at this
     * very instant, its period then starting after {@code now}) is not over, and stays. The row is deleted only if
     * it is the protection read (same {@code since}), so a row written by anyone else is never taken. True if it
     * ended.
     */
    boolean expire(String account, Instant now) {
        boolean[] ended = new boolean[1];
        settings.computeIfPresent(account, (k, s) -> {
            if (!over(s, now)) {
                return s;
            }
            tx.executeWithoutResult(status -> {
                if (store.deleteIfSince(account, s.since())) {
                    audit.append(SWEEP, EXPIRE, "account:" + account, view(s), null);
                }
            });
            ended[0] = true;
            return null;
        });
        return ended[0];
    }

    /** True if {@code s} has an end and {@code now} is at or after it (not merely outside its period). */
    private static boolean over(ProtectionSettings s, Instant now) {
        Optional<Instant> until = s.until();
        return until.isPresent() && !now.isBefore(until.get());
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
