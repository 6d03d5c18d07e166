package org.qinglang.app.events;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.server.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Concurrent batches committed together: each event stored once, each request told its own, a bad batch alone. */
class GroupCommitTest {

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
        if (name.equals("PostgreSQL")) {
            assumeTrue(TestDatabases.pgUrl() != null, "skipped: " + TestDatabases.PG_ENV + " is not set");
            db = TestDatabases.postgres();
        } else {
            db = TestDatabases.h2();
        }
        return new JdbcTemplate(db.dataSource());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrentBatchesStoreEveryEventOnceAndABadBatchFailsAlone(String name) throws Exception {
        JdbcTemplate jdbc = open(name);
        EventStore store = new EventStore(jdbc);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        GroupCommit group = new GroupCommit(store, tx);
        int requests = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger failed = new AtomicInteger();
        List<Future<boolean[]>> results = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            for (int r = 0; r < requests; r++) {
                int req = r;
                results.add(pool.submit(() -> {
                    List<EventStore.Row> rows = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        // neighbouring requests share half their ids: each id must be new for exactly one of them
                        rows.add(EventStoreTest.row("g-" + (req / 2) + "-" + i, "文本"));
                    }
                    if (req == 5) {
                        rows.add(EventStoreTest.row("x".repeat(300), "an id over the column's 128 characters"));
                    }
                    start.await();
                    try {
                        return group.insert(rows, 1, now);
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        return null;
                    }
                }));
            }
            start.countDown();
            int fresh = 0;
            for (int r = 0; r < requests; r++) {
                boolean[] got = results.get(r).get();
                if (r == 5) {
                    assertThat(got).isNull();
                    continue;
                }
                assertThat(got).hasSize(50);
                for (boolean b : got) {
                    fresh += b ? 1 : 0;
                }
            }
            assertThat(failed).hasValue(1);
            // request 5 failed whole, so its twin (4) stored the shared ids alone
            assertThat(fresh).isEqualTo(12 * 50);
            assertThat(store.count()).isEqualTo(12 * 50);
        } finally {
            pool.shutdownNow();
        }
    }
}
