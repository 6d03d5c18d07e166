package org.qinglang.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.Qinglang;
import org.qinglang.app.server.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail on H2 and PostgreSQL: appended rows verify; an edited, removed or last-removed row is named. */
class AuditTrailTest {

    private TestDatabases.Db db;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    private JdbcClient open(String name) {
        db = TestDatabases.named(name);
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        AuditTrail trail = new AuditTrail(jdbc, new ObjectMapper());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        for (int i = 1; i <= 5; i++) {
            int n = i;
            tx.executeWithoutResult(s -> trail.append("user:admin", "thing.change", "thing:" + n,
                    n == 1 ? null : Map.of("v", n - 1), Map.of("v", n, "note", "<b>" + n + "</b>")));
        }
        return jdbc;
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.drop().run();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUntouchedTrailVerifies(String name) {
        open(name);
        Result r = verify();
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.OK);
        assertThat(r.out).contains("intact: 5 rows");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEditedRowIsNamed(String name) {
        JdbcClient jdbc = open(name);
        jdbc.sql("update audit_log set after = ? where seq = 2").param("{\"v\":99}").update();
        Result r = verify();
        assertThat(r.code).isEqualTo(Qinglang.FAILED);
        assertThat(r.out).contains("row 2: its fields do not match its hash (the row was edited)")
                .doesNotContain("row 3:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRemovedRowIsNamed(String name) {
        JdbcClient jdbc = open(name);
        jdbc.sql("delete from audit_log where seq = 3").update();
        Result r = verify();
        assertThat(r.code).isEqualTo(Qinglang.FAILED);
        assertThat(r.out).contains("row 3: rows 3 to 3 are missing (removed)")
                .contains("row 4: its prev_hash is not the hash of the row before it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void removingTheNewestRowIsFoundByTheHead(String name) {
        JdbcClient jdbc = open(name);
        jdbc.sql("delete from audit_log where seq = 5").update();
        Result r = verify();
        assertThat(r.code).isEqualTo(Qinglang.FAILED);
        assertThat(r.out).contains("row 5: the head names row 5 but the trail ends at row 4");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRewrittenHashIsCaughtByTheNextRow(String name) {
        JdbcClient jdbc = open(name);
        // edit row 2 and recompute its own hash: the link from row 3 still breaks
        jdbc.sql("update audit_log set actor = 'user:mallory', hash = ? where seq = 2")
                .param("f".repeat(64)).update();
        Result r = verify();
        assertThat(r.out).contains("row 2: its fields do not match its hash")
                .contains("row 3: its prev_hash is not the hash of the row before it");
    }

    private record Result(int code, String out) {
    }

    private Result verify() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Qinglang.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "audit", "verify", "--db", db.url());
        return new Result(code, out + err.toString());
    }
}
