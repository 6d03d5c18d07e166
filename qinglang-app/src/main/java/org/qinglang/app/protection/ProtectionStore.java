package org.qinglang.app.protection;

import org.qinglang.core.enforce.ProtectedAction;
import org.qinglang.core.enforce.ProtectionSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code protection_setting} table (防护设置表): one row per account with protection on (an ended one is
 * deleted by the sweep, {@link Protections#sweep}; what was on when is the audit trail's). Runs in the caller's
 * transaction. Upsert is delete-then-insert, which PostgreSQL and H2 both run unchanged.
 */
@Repository
class ProtectionStore {

    private final JdbcClient db;

    ProtectionStore(JdbcClient db) {
        this.db = db;
    }

    /** Every stored setting, by account. */
    Map<String, ProtectionSettings> loadAll() {
        Map<String, ProtectionSettings> out = new HashMap<>();
        db.sql("select account, audience, period, comment, dm, repost, mention, since from protection_setting")
                .query(rs -> {
                    ProtectionSettings s = ProtectionSettings.builder(ProtectionIds.audience(rs.getString(2), "audience"))
                            .treat(ProtectedAction.COMMENT, ProtectionIds.decision(rs.getString(4), "comment"))
                            .treat(ProtectedAction.DM, ProtectionIds.decision(rs.getString(5), "dm"))
                            .treat(ProtectedAction.REPOST, ProtectionIds.decision(rs.getString(6), "repost"))
                            .treat(ProtectedAction.MENTION, ProtectionIds.decision(rs.getString(7), "mention"))
                            .on(ProtectionIds.period(rs.getString(3), "period"),
                                    rs.getObject(8, OffsetDateTime.class).toInstant());
                    out.put(rs.getString(1), s);
                });
        return out;
    }

    /** Stores {@code s} (which is on) as the setting of {@code account}, replacing any. */
    void put(String account, ProtectionSettings s, String by) {
        delete(account);
        db.sql("insert into protection_setting (account, audience, period, comment, dm, repost, mention, since, "
                        + "updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(account, ProtectionIds.id(s.audience()), ProtectionIds.id(s.period()),
                        ProtectionIds.id(s.treatment(ProtectedAction.COMMENT)),
                        ProtectionIds.id(s.treatment(ProtectedAction.DM)),
                        ProtectionIds.id(s.treatment(ProtectedAction.REPOST)),
                        ProtectionIds.id(s.treatment(ProtectedAction.MENTION)),
                        utc(s.since()), by)
                .update();
    }

    /** Removes the setting of {@code account}; true if there was one. */
    boolean delete(String account) {
        return db.sql("delete from protection_setting where account = ?").param(account).update() > 0;
    }

    /**
     * Removes the setting of {@code account} if it is the one turned on at {@code since}; true if it was. A setting
     * turned on again since then has another {@code since} and stays.
     */
    boolean deleteIfSince(String account, Instant since) {
        return db.sql("delete from protection_setting where account = ? and since = ?").params(account, utc(since))
                .update() > 0;
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
