package org.qinglang.app.events;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.server.TestDatabases;
import org.qinglang.core.stream.EventType;
import org.qinglang.core.verdict.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event table on H2 and PostgreSQL: batches insert once, ids already there are skipped and reported. */
class EventStoreTest {

    private TestDatabases.Db db;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.drop().run();
        }
    }

    private JdbcTemplate open(String name) {
        db = TestDatabases.named(name);
        return new JdbcTemplate(db.dataSource());
    }

    static EventStore.Row row(String id, String text) {
        IncomingEvent e = new IncomingEvent(0, id, EventType.COMMENT, OffsetDateTime.parse("2026-11-22T10:00:03+08:00"),
                "u-77", Optional.of("u-9"), Optional.of("p-301"), Optional.of(text),
                new Context(Context.Relation.STRANGER, 3, "comment"), Optional.of("a".repeat(64)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new EventStore.Row(e, Optional.of("block"), Optional.of("high"), Optional.of("[]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchInsertsOnceAndResendingSkipsEveryRow(String name) {
        JdbcTemplate jdbc = open(name);
        EventStore store = new EventStore(jdbc);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        List<EventStore.Row> rows = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            rows.add(row("e-" + i, "文本 " + i));
        }
        rows.add(row("e-7", "the same id again, in the same batch"));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean[] first = tx.execute(s -> store.insert(rows, 1, now));
        assertThat(first).hasSize(2_501);
        assertThat(count(first)).isEqualTo(2_500);
        assertThat(first[2_500]).isFalse();
        boolean[] again = tx.execute(s -> store.insert(rows.subList(0, 10), 1, now));
        assertThat(count(again)).isZero();
        assertThat(store.count()).isEqualTo(2_500);
        Map<String, Object> stored = jdbc.queryForMap("select text, relation, actor_age_days, scene, suggestion, ip_hash "
                + "from event where id = 'e-7'");
        assertThat(stored).containsEntry("text", "文本 7").containsEntry("relation", "stranger")
                .containsEntry("actor_age_days", 3).containsEntry("scene", "comment").containsEntry("suggestion", "block");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFailedBatchLeavesNothing(String name) {
        JdbcTemplate jdbc = open(name);
        EventStore store = new EventStore(jdbc);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        List<EventStore.Row> rows = List.of(row("ok-1", "fine"), row("ok-2", "x".repeat(10_001)));
        assertThatThrownBy(() -> tx.execute(s -> store.insert(rows, 1, OffsetDateTime.now(ZoneOffset.UTC))));
        assertThat(store.count()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void recentEventsComeBackInTimeOrderTheNewestWithinTheLimit(String name) {
        JdbcTemplate jdbc = open(name);
        EventStore store = new EventStore(jdbc);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        OffsetDateTime t0 = OffsetDateTime.parse("2026-11-22T10:00:00+08:00");
        List<EventStore.Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // inserted newest first: the order read back is the events' time, then id
            rows.add(at("r-" + i, t0.plusMinutes(10 - i)));
        }
        rows.add(at("r-tie", t0.plusMinutes(5)));
        rows.add(at("r-old", t0.minusHours(2)));
        OffsetDateTime received = OffsetDateTime.parse("2026-11-22T02:30:00Z");
        tx.execute(s -> store.insert(rows, 1, received));

        List<String> ids = new ArrayList<>();
        List<IncomingEvent> read = new ArrayList<>();
        int n = tx.execute(s -> store.recent(t0.toInstant(), 100, (e, at) -> {
            ids.add(e.id());
            read.add(e);
            assertThat(at.toInstant()).isEqualTo(received.toInstant());
        }));
        assertThat(n).isEqualTo(7);
        assertThat(ids).containsExactly("r-5", "r-tie", "r-4", "r-3", "r-2", "r-1", "r-0");
        IncomingEvent e = read.get(0);
        assertThat(e.ts().toInstant()).isEqualTo(t0.plusMinutes(5).toInstant());
        assertThat(e.context()).isEqualTo(new Context(Context.Relation.STRANGER, 3, "comment"));
        assertThat(e.targetAccount()).contains("u-9");
        assertThat(e.ipHash()).contains("a".repeat(64));
        assertThat(e.deviceHash()).isEmpty();
        assertThat(e.score()).isEmpty();
        assertThat(e.text()).contains("文本 r-5");

        ids.clear();
        // the newest three: r-0, r-1 and r-2; nothing stamped as early as the fourth newest (r-3, 10:07)
        tx.execute(s -> store.recent(t0.toInstant(), 3, (x, at) -> ids.add(x.id())));
        assertThat(ids).containsExactly("r-2", "r-1", "r-0");
        ids.clear();
        // the sixth and seventh newest share a time (r-5 and r-tie, 10:05): both are left out, so five, not six
        tx.execute(s -> store.recent(t0.toInstant(), 6, (x, at) -> ids.add(x.id())));
        assertThat(ids).containsExactly("r-4", "r-3", "r-2", "r-1", "r-0");
        int none = tx.execute(s -> store.recent(t0.toInstant(), 0, (x, at) -> ids.add(x.id())));
        assertThat(none).isZero();
    }

    private static EventStore.Row at(String id, OffsetDateTime ts) {
        EventStore.Row r = row(id, "文本 " + id);
        IncomingEvent e = r.event();
        return new EventStore.Row(new IncomingEvent(0, id, e.type(), ts, e.actor(), e.targetAccount(), e.targetContent(),
                e.text(), e.context(), e.ipHash(), e.deviceHash(), e.score(), e.category(), e.reason()),
                r.suggestion(), r.riskLevel(), r.labels());
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }
}
