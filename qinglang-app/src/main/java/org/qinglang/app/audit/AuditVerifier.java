package org.qinglang.app.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the audit trail (审计校验) over plain JDBC: rows numbered 1, 2, 3 … with no gap, each row's
 * {@code prev_hash} the hash of the row before, each hash matching the row's fields, and the head naming the
 * last row. Any edited, removed or inserted row breaks one of these and is named by its number.
 */
public final class AuditVerifier {

    /** One thing found wrong, at row {@code seq}. */
    public record Problem(long seq, String what) {
    }

    /** What the check found: how many rows it read and what was wrong (empty if nothing). */
    public record Report(long rows, String headHash, List<Problem> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private AuditVerifier() {
    }

    /** Verifies the trail in the database behind {@code c}; reads every row once, in order. */
    public static Report verify(Connection c) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        long expected = 1;
        long rows = 0;
        String prev = AuditChain.GENESIS;
        try (PreparedStatement ps = c.prepareStatement(
                "select seq, at, actor, action, subject, before, after, prev_hash, hash from audit_log order by seq")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    long seq = rs.getLong(1);
                    if (seq != expected) {
                        problems.add(new Problem(expected, seq > expected
                                ? "rows " + expected + " to " + (seq - 1) + " are missing (removed)"
                                : "row " + seq + " is out of order or duplicated"));
                    }
                    String prevHash = rs.getString(8);
                    String hash = rs.getString(9);
                    if (!prevHash.equals(prev)) {
                        problems.add(new Problem(seq, "its prev_hash is not the hash of the row before it "
                                + "(a row before it was removed or edited)"));
                    }
                    String recomputed = AuditChain.hash(prevHash, seq, rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
                    if (!recomputed.equals(hash)) {
                        problems.add(new Problem(seq, "its fields do not match its hash (the row was edited)"));
                    }
                    prev = hash;
                    expected = seq + 1;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select seq, hash from audit_head where id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                problems.add(new Problem(expected, "the chain's head row is missing"));
            } else if (rs.getLong(1) != expected - 1 || !rs.getString(2).equals(prev)) {
                problems.add(new Problem(rs.getLong(1), "the head names row " + rs.getLong(1) + " but the trail ends at row "
                        + (expected - 1) + " (the newest rows were removed, or the head was edited)"));
            }
        }
        return new Report(rows, prev, List.copyOf(problems));
    }
}
