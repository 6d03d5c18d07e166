package org.qinglang.app.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends to the audit trail (审计日志) inside the caller's transaction, so the record and the change commit
 * or roll back together. Appends are serial: each locks the one-row {@code audit_head} to learn the previous
 * hash ({@link #appendAll} locks it once for many records), and moves the head to the new last row, signed with
 * the {@link AuditKey} (a signature over its seq and hash) in the same transaction.
 *
 * <p>Before extending the chain it checks the head it found: a head that is not signed, whose signature does not
 * match, or that is behind one this object committed was moved by someone other than the server (the newest rows
 * removed and the head pointed at an older one, or an older signed head put back). The chain is then not
 * extended silently: an {@value #HEAD_INVALID} row, naming what was found, goes first, and {@code audit verify}
 * reports every such row. Exceptions, not reported: an unsigned head when the key was made at this start (a
 * database written before heads were signed, adopted at {@link #signHead}), and the unsigned head of an empty
 * trail (a new database). Thread-safe.
 */
@Component
public class AuditTrail {

    /** The action of the row that records a head found moved by someone other than the server. */
    public static final String HEAD_INVALID = "audit.head.invalid";

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final JdbcClient db;
    private final ObjectMapper json;
    private final Clock clock;
    private final Optional<AuditKey> key;
    /** The last head this object committed (or found validly signed): found again, it needs no new check. */
    private volatile Head lastKnown;
    /** The highest row a head committed by this object named; -1 before the first. */
    private final AtomicLong highestCommitted = new AtomicLong(-1);

    /** The server's trail: heads signed with {@code key}. */
    @Autowired
    public AuditTrail(JdbcClient db, ObjectMapper json, AuditKey key) {
        this(db, json, Optional.of(key));
    }

    /**
     * A trail that neither signs nor checks the head (it writes it unsigned): for tests and tools that have no
     * data directory. The chain itself is kept as by the server's trail.
     */
    public AuditTrail(JdbcClient db, ObjectMapper json) {
        this(db, json, Optional.empty());
    }

    private AuditTrail(JdbcClient db, ObjectMapper json, Optional<AuditKey> key) {
        this.db = db;
        this.json = json;
        this.clock = Clock.systemUTC();
        this.key = key;
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
     * Takes the head's lock now, for the rest of the caller's transaction, instead of at its first append. Every
     * audited write waits for that lock, so a transaction that reads what another audited write may change and
     * then writes on the strength of it (a decision reading an account's strikes) takes it before it reads. Take
     * it after the rows the transaction locks for its own subject, as every append does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void serialize() {
        db.sql("select seq from audit_head where id = 1 for update").query(Long.class).single();
    }

    /**
     * Records {@code entries} in order, as {@link #append} would one by one, with one lock of the head, one
     * insert per {@value #PER_INSERT} rows and one update of the head. Must run in a transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Entry> entries) {
        if (!entries.isEmpty()) {
            advance(entries);
        }
    }

    /**
     * Signs the head if it is not (a database written before heads were signed) and checks it as an append would,
     * appending nothing else. The server calls it at start, so that from then on its head is always signed.
     */
    @Transactional
    public void signHead() {
        advance(List.of());
    }

    private void advance(List<Entry> entries) {
        Head head = db.sql("select seq, hash, signature from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3))).single();
        List<Entry> all = entries;
        Optional<String> wrong = key.flatMap(k -> wrongWith(head, k));
        if (wrong.isPresent()) {
            log.warn("audit head (row {}) was not left by this server: {}; recorded as {}", head.seq(), wrong.get(),
                    HEAD_INVALID);
            all = new ArrayList<>(entries.size() + 1);
            all.add(new Entry("system", HEAD_INVALID, "audit_head",
                    Map.of("seq", head.seq(), "hash", head.hash(), "signed", head.signature() != null),
                    Map.of("problem", wrong.get())));
            all.addAll(entries);
        }
        if (all.isEmpty() && (key.isEmpty() || head.signature() != null)) {
            return;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq = head.seq();
        String hash = head.hash();
        for (int from = 0; from < all.size(); from += PER_INSERT) {
            List<Entry> slice = all.subList(from, Math.min(all.size(), from + PER_INSERT));
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
        Head moved = new Head(seq, hash, key.isPresent() ? key.get().sign(seq, hash) : null);
        db.sql("update audit_head set seq = ?, hash = ?, signature = ? where id = 1")
                .params(moved.seq(), moved.hash(), moved.signature()).update();
        if (key.isPresent() && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    lastKnown = moved;
                    highestCommitted.accumulateAndGet(moved.seq(), Math::max);
                }
            });
        }
    }

    /**
     * What is wrong with {@code head}, found under its lock before the chain is extended: empty if it is the
     * last head this object committed, or validly signed and not behind it, or one of the exceptions above.
     */
    private Optional<String> wrongWith(Head head, AuditKey k) {
        long highest = highestCommitted.get();
        if (head.seq() < highest) {
            return Optional.of("the head went back from row " + highest + " to row " + head.seq() + " while the server"
                    + " ran (rows after it were removed, or the database was restored from a backup)");
        }
        if (head.equals(lastKnown)) {
            return Optional.empty();
        }
        if (head.signature() == null) {
            if (head.seq() == 0 && head.hash().equals(AuditChain.GENESIS)) {
                return Optional.empty(); // a new database
            }
            if (k.madeNow() && highest < 0) {
                log.info("audit head (row {}) was written before heads were signed: signed from now on", head.seq());
                return Optional.empty();
            }
            return Optional.of("the head (row " + head.seq() + ") was not signed: its signature was removed, or it was"
                    + " written by a server without this audit key");
        }
        if (!AuditKey.verify(k.publicKey(), head.seq(), head.hash(), head.signature())) {
            return Optional.of("the head's signature does not match row " + head.seq() + " and its hash: the head was"
                    + " edited, or signed with another audit key");
        }
        lastKnown = head;
        return Optional.empty();
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

    /** The head row: the last row's seq and hash, and the signature of both (null: not signed). */
    private record Head(long seq, String hash, String signature) {
    }
}
