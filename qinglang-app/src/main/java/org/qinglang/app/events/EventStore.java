package org.qinglang.app.events;

import org.qinglang.core.stream.EventType;
import org.qinglang.core.verdict.Context;
import org.qinglang.core.verdict.Suggestion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The event table (事件表): inserts a batch with JDBC batching, skipping ids already there
 * ({@code on conflict do nothing}, which PostgreSQL and H2 in PostgreSQL mode both understand), and says
 * which rows were new; the new ones whose verdict said block or review also go into the intake's queue
 * ({@code intake_queue}, read by {@code cases.Intake}). Runs in the caller's transaction.
 */
@Repository
class EventStore {

    /** An event with the verdict it got (empty fields when it has no text). */
    record Row(IncomingEvent event, Optional<String> suggestion, Optional<String> riskLevel, Optional<String> labels) {
    }

    private static final String INSERT = "insert into event (id, type, ts, actor, target_account, target_content, "
            + "text, relation, actor_age_days, ip_hash, device_hash, scene, score, category, reason, suggestion, "
            + "risk_level, labels, received_at, api_key_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "on conflict do nothing";
    private static final String ENQUEUE = "insert into intake_queue (event_id) values (?)";

    private final JdbcTemplate jdbc;

    EventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What an event holds, as stored or as sent again: a repeat that differs is another event under a used id. */
    record Content(String type, String actor, Optional<String> targetAccount, Optional<String> targetContent,
                   Optional<String> text) {
        static Content of(IncomingEvent e) {
            return new Content(e.type().id(), e.actor(), e.targetAccount(), e.targetContent(), e.text());
        }
    }

    /** What the events of {@code ids} hold as stored, by id. */
    Map<String, Content> stored(List<String> ids) {
        Map<String, Content> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 200) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 200));
            jdbc.query("select id, type, actor, target_account, target_content, text from event where id in ("
                            + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")",
                    rs -> {
                        out.put(rs.getString(1), new Content(rs.getString(2), rs.getString(3),
                                Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                                Optional.ofNullable(rs.getString(6))));
                    }, part.toArray());
        }
        return out;
    }

    /** Inserts {@code rows}; element i of the result is true if row i was new, false if its id was there. */
    boolean[] insert(List<Row> rows, long apiKeyId, OffsetDateTime receivedAt) {
        // inserted in id order (stable: of an id twice in a batch, the first row still comes first), so that two
        // batches holding the same ids in other orders wait for each other in one order instead of deadlocking
        Integer[] order = new Integer[rows.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparing(k -> rows.get(k).event().id()));
        List<Row> sorted = Arrays.stream(order).map(rows::get).toList();
        int[][] counts = jdbc.batchUpdate(INSERT, sorted, 1000, (ps, r) -> bind(ps, r, apiKeyId, receivedAt));
        boolean[] fresh = new boolean[rows.size()];
        int i = 0;
        for (int[] chunk : counts) {
            for (int c : chunk) {
                if (c == java.sql.Statement.SUCCESS_NO_INFO) {
                    // a driver that batches rows into one statement (pgjdbc's reWriteBatchedInserts) says nothing
                    // of each row: duplicates could not be told from new events (Databases refuses the option)
                    throw new IllegalStateException("the JDBC driver did not say which events were new");
                }
                fresh[order[i++]] = c != 0;
            }
        }
        List<String> flagged = new ArrayList<>();
        for (int k = 0; k < fresh.length; k++) {
            if (fresh[k] && rows.get(k).suggestion().filter(EventStore::flagged).isPresent()) {
                flagged.add(rows.get(k).event().id());
            }
        }
        if (!flagged.isEmpty()) {
            jdbc.batchUpdate(ENQUEUE, flagged, 1000, (ps, id) -> ps.setString(1, id));
        }
        return fresh;
    }

    /** True for the suggestions that make a case: any but pass (review, block). */
    static boolean flagged(String suggestion) {
        return !suggestion.equals(Suggestion.PASS.id());
    }

    /**
     * Reads the events stamped at {@code from} or later back, each with the time it was received, in the order the
     * detectors had them: by their time as handed on (cut to a minute after receipt, {@code StreamHandOff#AHEAD}),
     * ties by id; the newest {@code limit} of them when there are more (fewer if several share the oldest time kept).
     * Rows are fetched 1,000 at a time, so the caller's transaction (needed by PostgreSQL to stream them) holds
     * only those. Returns how many were read.
     */
    int recent(Instant from, int limit, BiConsumer<IncomingEvent, OffsetDateTime> each) {
        if (limit <= 0) {
            return 0;
        }
        OffsetDateTime since = from.atOffset(ZoneOffset.UTC);
        List<OffsetDateTime> beyond = jdbc.queryForList("select ts from event where ts >= ? order by ts desc "
                + "limit 1 offset ?", OffsetDateTime.class, since, limit);
        String where = beyond.isEmpty() ? "ts >= ?" : "ts > ?";
        Object bound = beyond.isEmpty() ? since : beyond.get(0);
        int[] read = {0};
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("select id, type, ts, actor, target_account, target_content, "
                    + "text, relation, actor_age_days, ip_hash, device_hash, scene, score, category, reason, received_at "
                    + "from event where " + where + " order by least(ts, received_at + interval '1' minute), id");
            ps.setFetchSize(1000);
            ps.setObject(1, bound);
            return ps;
        }, (ResultSet rs) -> {
            each.accept(stored(rs), rs.getObject(16, OffsetDateTime.class));
            read[0]++;
        });
        return read[0];
    }

    /** The event of the current row of a {@link #recent} query, as it was received (its index 0). */
    private static IncomingEvent stored(ResultSet rs) throws SQLException {
        String relation = rs.getString(8);
        int age = rs.getInt(9);
        Context context = new Context(relation == null ? Context.Relation.UNKNOWN : Context.Relation.fromId(relation),
                rs.wasNull() ? Context.UNKNOWN_AGE : age, Objects.requireNonNullElse(rs.getString(12), ""));
        double score = rs.getDouble(13);
        Optional<Double> scoreGiven = rs.wasNull() ? Optional.empty() : Optional.of(score);
        return new IncomingEvent(0, rs.getString(1), EventType.fromId(rs.getString(2)),
                rs.getObject(3, OffsetDateTime.class), rs.getString(4), Optional.ofNullable(rs.getString(5)),
                Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)), context,
                Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(11)), scoreGiven,
                Optional.ofNullable(rs.getString(14)), Optional.ofNullable(rs.getString(15)));
    }

    /** How many events are stored. */
    long count() {
        return jdbc.queryForObject("select count(*) from event", Long.class);
    }

    private static void bind(PreparedStatement ps, Row r, long apiKeyId, OffsetDateTime receivedAt) throws SQLException {
        IncomingEvent e = r.event();
        Context ctx = e.context();
        ps.setString(1, e.id());
        ps.setString(2, e.type().id());
        ps.setObject(3, e.ts());
        ps.setString(4, e.actor());
        ps.setString(5, e.targetAccount().orElse(null));
        ps.setString(6, e.targetContent().orElse(null));
        ps.setString(7, e.text().orElse(null));
        ps.setString(8, ctx.relation() == Context.Relation.UNKNOWN ? null : ctx.relation().id());
        if (ctx.ageKnown()) {
            ps.setInt(9, ctx.actorAgeDays());
        } else {
            ps.setNull(9, Types.INTEGER);
        }
        ps.setString(10, e.ipHash().orElse(null));
        ps.setString(11, e.deviceHash().orElse(null));
        ps.setString(12, ctx.scene().isEmpty() ? null : ctx.scene());
        if (e.score().isPresent()) {
            ps.setDouble(13, e.score().get());
        } else {
            ps.setNull(13, Types.DOUBLE);
        }
        ps.setString(14, e.category().orElse(null));
        ps.setString(15, e.reason().orElse(null));
        ps.setString(16, r.suggestion().orElse(null));
        ps.setString(17, r.riskLevel().orElse(null));
        ps.setString(18, r.labels().orElse(null));
        ps.setObject(19, receivedAt);
        ps.setLong(20, apiKeyId);
    }
}
