package org.qinglang.app.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks the audit trail (审计校验) over plain JDBC: rows numbered 1, 2, 3 … with no gap, each row's
 * {@code prev_hash} the hash of the row before, each hash matching the row's fields, the head naming the
 * last row, and, given the {@link AuditKey}'s public key, the head's signature. Any edited, removed or inserted
 * row breaks one of these and is named by its number; so is every {@value AuditTrail#HEAD_INVALID} row (the
 * server found the head moved by someone else when it appended).
 *
 * <p>Everything is read in one read-only transaction at REPEATABLE READ (a snapshot on PostgreSQL and, as the
 * first statement reads both tables, on H2), so rows the server appends meanwhile are not seen, neither in the
 * log nor in the head; and, with autocommit off, the rows stream in fetches of {@value #FETCH} instead of
 * being loaded at once.
 */
public final class AuditVerifier {

    /** Rows fetched at a time. */
    static final int FETCH = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One thing found wrong, at row {@code seq}: its kind and the {@code details} its message needs (told in
     * words by {@code audit verify}, in Chinese or English).
     */
    public record Problem(long seq, Kind kind, List<String> details) {
        public Problem {
            details = List.copyOf(details);
        }

        Problem(long seq, Kind kind, Object... details) {
            this(seq, kind, Arrays.stream(details).map(String::valueOf).toList());
        }
    }

    /** What is wrong at a row, and the details that go with it. */
    public enum Kind {
        /** Rows are missing (removed); details: the first missing row and the last. */
        MISSING,
        /** A row's number is lower than expected; details: its number. */
        OUT_OF_ORDER,
        /** A row's {@code prev_hash} is not the hash of the row before it (a row before was removed or edited). */
        PREV_HASH,
        /** A row's fields do not match its hash (the row was edited). */
        EDITED,
        /**
         * An {@value AuditTrail#HEAD_INVALID} row: the server found the head moved by someone else when it
         * appended; details: what it found, as it wrote it (none if the row says nothing).
         */
        HEAD_MOVED,
        /** The head row is missing. */
        NO_HEAD,
        /** The head names another row than the last; details: the row it names and the last row. */
        HEAD_BEHIND,
        /** The head is not signed though a key was given (its signature was removed). */
        HEAD_UNSIGNED,
        /** The head's signature does not match under the key given; details: the key's id. */
        BAD_SIGNATURE
    }

    /** What the check could tell of the head's signature. */
    public enum HeadSignature {
        /** Signed, and the signature matches the head under the key given. */
        VALID,
        /**
         * Not signed, and not reported as a problem: no key was given (a database written before heads were
         * signed, whose server has not started since, has none), or the trail is empty (a new database).
         */
        UNSIGNED,
        /** Signed, but no key was given to check the signature with. */
        NOT_CHECKED,
        /** No head, a wrong signature, or no signature where one was due: reported as a problem. */
        INVALID
    }

    /**
     * What the check found: how many rows it read, the hash they end in, the head's signature and what was
     * wrong (empty if nothing).
     */
    public record Report(long rows, String headHash, HeadSignature signature, List<Problem> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private AuditVerifier() {
    }

    /**
     * Verifies the trail in the database behind {@code c} without checking the head's signature (it is reported
     * {@link HeadSignature#NOT_CHECKED} or {@link HeadSignature#UNSIGNED}).
     */
    public static Report verify(Connection c) throws SQLException {
        return verify(c, Optional.empty());
    }

    /**
     * Verifies the trail in the database behind {@code c}, and the head's signature with {@code key} if given;
     * reads every row once, in order, in one read-only transaction. {@code c} must not be inside a transaction;
     * its autocommit, read-only and isolation settings are as before when this returns.
     */
    public static Report verify(Connection c, Optional<PublicKey> key) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        boolean readOnly = c.isReadOnly();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        try {
            c.setReadOnly(true);
            c.setTransactionIsolation(snapshotLevel(c, isolation));
            return verifyInSnapshot(c, key);
        } finally {
            c.rollback();
            c.setTransactionIsolation(isolation);
            c.setReadOnly(readOnly);
            c.setAutoCommit(autoCommit);
        }
    }

    private static int snapshotLevel(Connection c, int current) throws SQLException {
        if (c.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
            return Connection.TRANSACTION_REPEATABLE_READ;
        }
        if (c.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)) {
            return Connection.TRANSACTION_SERIALIZABLE;
        }
        return current;
    }

    private static Report verifyInSnapshot(Connection c, Optional<PublicKey> key) throws SQLException {
        // The head first, in a statement that also reads audit_log: H2 takes each table's snapshot at the first
        // statement that reads it, so both are from the same moment (PostgreSQL: the whole transaction's is).
        // "h.*": a database not migrated since heads were signed has no signature column.
        Head head;
        try (PreparedStatement ps = c.prepareStatement("select n.newest, h.* from (select max(seq) as newest "
                + "from audit_log) n left join audit_head h on h.id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            head = rs.getObject("id") == null ? null
                    : new Head(rs.getLong("seq"), rs.getString("hash"), signatureOf(rs));
        }
        List<Problem> problems = new ArrayList<>();
        long expected = 1;
        long rows = 0;
        String prev = AuditChain.GENESIS;
        try (PreparedStatement ps = c.prepareStatement(
                "select seq, at, actor, action, subject, before, after, prev_hash, hash from audit_log order by seq")) {
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    long seq = rs.getLong(1);
                    if (seq != expected) {
                        problems.add(seq > expected ? new Problem(expected, Kind.MISSING, expected, seq - 1)
                                : new Problem(expected, Kind.OUT_OF_ORDER, seq));
                    }
                    String prevHash = rs.getString(8);
                    String hash = rs.getString(9);
                    if (!prevHash.equals(prev)) {
                        problems.add(new Problem(seq, Kind.PREV_HASH));
                    }
                    String recomputed = AuditChain.hash(prevHash, seq, rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
                    if (!recomputed.equals(hash)) {
                        problems.add(new Problem(seq, Kind.EDITED));
                    }
                    if (AuditTrail.HEAD_INVALID.equals(rs.getString(4))) {
                        String found = problemIn(rs.getString(7));
                        problems.add(found == null ? new Problem(seq, Kind.HEAD_MOVED)
                                : new Problem(seq, Kind.HEAD_MOVED, found));
                    }
                    prev = hash;
                    expected = seq + 1;
                }
            }
        }
        long last = expected - 1;
        HeadSignature signature;
        if (head == null) {
            problems.add(new Problem(expected, Kind.NO_HEAD));
            signature = HeadSignature.INVALID;
        } else {
            if (head.seq() != last || !head.hash().equals(prev)) {
                problems.add(new Problem(head.seq(), Kind.HEAD_BEHIND, head.seq(), last));
            }
            signature = signatureCheck(head, rows, key, problems);
        }
        return new Report(rows, prev, signature, List.copyOf(problems));
    }

    private static HeadSignature signatureCheck(Head head, long rows, Optional<PublicKey> key, List<Problem> problems) {
        if (head.signature() == null) {
            boolean newDatabase = rows == 0 && head.seq() == 0 && head.hash().equals(AuditChain.GENESIS);
            if (key.isEmpty() || newDatabase) {
                return HeadSignature.UNSIGNED;
            }
            problems.add(new Problem(head.seq(), Kind.HEAD_UNSIGNED));
            return HeadSignature.INVALID;
        }
        if (key.isEmpty()) {
            return HeadSignature.NOT_CHECKED;
        }
        if (!AuditKey.verify(key.get(), head.seq(), head.hash(), head.signature())) {
            problems.add(new Problem(head.seq(), Kind.BAD_SIGNATURE, AuditKey.keyId(key.get())));
            return HeadSignature.INVALID;
        }
        return HeadSignature.VALID;
    }

    /** The signature column of the head, or null if unsigned or if the column is not there (not yet migrated). */
    private static String signatureOf(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equalsIgnoreCase("signature")) {
                return rs.getString(i);
            }
        }
        return null;
    }

    /**
     * The "problem" of an {@value AuditTrail#HEAD_INVALID} row's after, or the text itself if it is not that;
     * null if there is none.
     */
    private static String problemIn(String after) {
        if (after == null) {
            return null;
        }
        try {
            return JSON.readTree(after).path("problem").asText(after);
        } catch (JsonProcessingException e) {
            return after;
        }
    }

    private record Head(long seq, String hash, String signature) {
    }
}
