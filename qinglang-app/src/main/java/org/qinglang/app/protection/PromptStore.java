package org.qinglang.app.protection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The {@code protection_prompt} table (显著提示记录). Runs in the caller's transaction. */
@Repository
class PromptStore {

    private static final String COLUMNS = "id, account, alert_kind, alert_level, alert_ts, created_at, answered_at, taken";

    private final JdbcClient db;

    PromptStore(JdbcClient db) {
        this.db = db;
    }

    long insert(String account, String kind, String level, Instant alertTs, String alertJson, Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        db.sql("insert into protection_prompt (account, alert_kind, alert_level, alert_ts, alert, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(account, kind, level, ProtectionStore.utc(alertTs), alertJson, ProtectionStore.utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** The newest prompt of {@code account} not yet answered. */
    Optional<Prompt> pending(String account) {
        return db.sql("select " + COLUMNS + " from protection_prompt where account = ? and answered_at is null "
                        + "order by id desc limit 1")
                .param(account).query((rs, n) -> prompt(rs)).optional();
    }

    Optional<Prompt> find(long id) {
        return db.sql("select " + COLUMNS + " from protection_prompt where id = ?").param(id)
                .query((rs, n) -> prompt(rs)).optional();
    }

    /** Records the answer if there was none yet; false if it was already answered. */
    boolean answer(long id, boolean taken, Instant now) {
        return db.sql("update protection_prompt set answered_at = ?, taken = ? where id = ? and answered_at is null")
                .params(ProtectionStore.utc(now), taken, id).update() == 1;
    }

    private static Prompt prompt(ResultSet rs) throws SQLException {
        OffsetDateTime answered = rs.getObject(7, OffsetDateTime.class);
        boolean taken = rs.getBoolean(8);
        return new Prompt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant(),
                answered == null ? Optional.empty() : Optional.of(answered.toInstant()),
                answered == null ? Optional.empty() : Optional.of(taken));
    }
}
