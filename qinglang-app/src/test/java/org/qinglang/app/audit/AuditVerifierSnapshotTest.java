package org.qinglang.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.Qinglang;
import org.qinglang.app.server.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit verify} reads one snapshot, on H2 and PostgreSQL: rows the server appends while it reads are not
 * taken for removed ones, and the log streams (autocommit off, a fetch size) instead of being loaded whole.
 */
class AuditVerifierSnapshotTest {

    @TempDir
    Path dataDir;

    private TestDatabases.Db db;
    private JdbcClient jdbc;
    private TransactionTemplate tx;
    private AuditKey key;
    private AuditTrail trail;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    private void open(String name, int rows) {
        db = TestDatabases.named(name);
        jdbc = JdbcClient.create(db.dataSource());
        tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        key = new AuditKey(dataDir);
        trail = new AuditTrail(jdbc, new ObjectMapper(), key);
        tx.executeWithoutResult(s -> trail.appendAll(IntStream.rangeClosed(1, rows)
                .mapToObj(i -> new AuditTrail.Entry("system", "thing.change", "thing:" + i, null, Map.of("v", i)))
                .toList()));
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.drop().run();
        }
    }

    /** What a statement ran with: its SQL, the connection's autocommit and isolation, the fetch size. */
    private record Executed(String sql, boolean autoCommit, int isolation, int fetchSize) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void rowsAppendedBetweenItsStatementsAreNotSeen(String name) throws Exception {
        open(name, 5);
        List<Executed> executed = new ArrayList<>();
        AuditVerifier.Report r;
        try (Connection real = db.dataSource().getConnection()) {
            // before every statement but the first, the server appends a row and commits
            int[] statements = {0};
            Connection c = proxy(Connection.class, (m, args) -> {
                if (!m.getName().equals("prepareStatement")) {
                    return call(real, m, args);
                }
                if (statements[0]++ > 0) {
                    tx.executeWithoutResult(s -> trail.append("system", "thing.change", "thing:new", null, null));
                }
                PreparedStatement ps = (PreparedStatement) call(real, m, args);
                return proxy(PreparedStatement.class, (m2, args2) -> {
                    if (m2.getName().equals("executeQuery")) {
                        executed.add(new Executed((String) args[0], real.getAutoCommit(),
                                real.getTransactionIsolation(), ps.getFetchSize()));
                    }
                    return call(ps, m2, args2);
                });
            });
            r = AuditVerifier.verify(c, Optional.of(key.publicKey()));
            assertThat(real.getAutoCommit()).as("autocommit as it was").isTrue();
        }
        assertThat(r.problems()).isEmpty();
        assertThat(r.rows()).isEqualTo(5);
        assertThat(r.signature()).isEqualTo(AuditVerifier.HeadSignature.VALID);
        assertThat(jdbc.sql("select count(*) from audit_log").query(Long.class).single()).isEqualTo(6);
        assertThat(executed).hasSize(2).allSatisfy(e -> {
            assertThat(e.autoCommit()).as(e.sql()).isFalse();
            assertThat(e.isolation()).as(e.sql()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        });
        assertThat(executed).filteredOn(e -> e.sql().contains("from audit_log order by seq")).singleElement()
                .extracting(Executed::fetchSize).isEqualTo(AuditVerifier.FETCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void verifyWhileTheServerAppendsReportsIntact(String name) throws Exception {
        open(name, 3000);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread appender = new Thread(() -> {
            try {
                while (!stop.get()) {
                    tx.executeWithoutResult(s -> trail.append("system", "thing.change", "thing:more", null, null));
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "appender");
        appender.start();
        List<String> outs = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                StringWriter out = new StringWriter();
                int code = Qinglang.execute(new PrintWriter(out, true), new PrintWriter(out, true),
                        Map.of("QINGLANG_LANG", "en"), "audit", "verify", "--db", db.url(),
                        "--data", dataDir.toString());
                outs.add(code + " " + out);
            }
        } finally {
            stop.set(true);
            appender.join();
        }
        assertThat(failed.get()).isNull();
        assertThat(outs).allSatisfy(o -> assertThat(o).startsWith(Qinglang.OK + " audit trail intact: "));
        assertThat(jdbc.sql("select count(*) from audit_log").query(Long.class).single()).isGreaterThan(3000);
    }

    private interface Handler {
        Object handle(Method m, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Handler h) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (p, m, args) -> h.handle(m, args)));
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
