package org.qinglang.app.evidence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the events a bundle freezes and keeps the bundles (取证包表). The {@code evidence_bundle} table is
 * insert-only: this class has no update and no delete. Runs in the caller's transaction.
 */
@Repository
class EvidenceStore {

    /** One stored event about the person, as it was received and judged. */
    record Item(String eventId, String type, Instant ts, String actor, String targetContent, String text,
                String suggestion, String riskLevel, String labels, Instant receivedAt) {
    }

    private final JdbcClient db;

    EvidenceStore(JdbcClient db) {
        this.db = db;
    }

    /**
     * The events whose target account is {@code account} and whose verdict suggested block or review, with
     * {@code from <= ts < to}, oldest first; at most {@code max}.
     */
    List<Item> abusiveAbout(String account, Instant from, Instant to, int max) {
        List<Item> out = new ArrayList<>();
        db.sql("select id, type, ts, actor, target_content, text, suggestion, risk_level, labels, received_at "
                        + "from event where target_account = ? and suggestion in ('block', 'review') "
                        + "and ts >= ? and ts < ? order by ts, id limit ?")
                .params(account, utc(from), utc(to), max)
                .query(rs -> {
                    out.add(item(rs));
                });
        return out;
    }

    void insert(EvidenceBundle b) {
        db.sql("insert into evidence_bundle (id, account, captured_at, captured_by, item_count, document, sha256, "
                        + "signature, key_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(b.id(), b.account(), utc(b.capturedAt()), b.capturedBy(), b.itemCount(), b.document(),
                        b.sha256(), b.signature(), b.keyId())
                .update();
    }

    List<EvidenceCapture.Summary> ofAccount(String account, int limit) {
        return db.sql("select id, captured_at, captured_by, item_count, sha256 from evidence_bundle where account = ? "
                        + "order by captured_at desc, id limit ?")
                .params(account, limit)
                .query((rs, n) -> new EvidenceCapture.Summary(rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getInt(4), rs.getString(5)))
                .list();
    }

    Optional<EvidenceBundle> find(String id) {
        return db.sql("select id, account, captured_at, captured_by, item_count, document, sha256, signature, key_id "
                        + "from evidence_bundle where id = ?")
                .param(id)
                .query((rs, n) -> new EvidenceBundle(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
                .optional();
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4), orEmpty(rs.getString(5)), orEmpty(rs.getString(6)), rs.getString(7),
                orEmpty(rs.getString(8)), rs.getString(9) == null ? "[]" : rs.getString(9),
                rs.getObject(10, OffsetDateTime.class).toInstant());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
