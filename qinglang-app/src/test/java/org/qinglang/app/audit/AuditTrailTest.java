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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail on H2 and PostgreSQL: appended rows verify; an edited, removed or last-removed row is named; the
 * head is signed, so removing the newest rows and pointing the head at the last one kept is found, by
 * {@code audit verify} and by the server at its next append.
 */
class AuditTrailTest {

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

    /** A database with five rows appended by a server whose data directory is {@link #dataDir}. */
    private JdbcClient open(String name) {
        db = TestDatabases.named(name);
        jdbc = JdbcClient.create(db.dataSource());
        tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        key = new AuditKey(dataDir);
        trail = new AuditTrail(jdbc, new ObjectMapper(), key);
        appendFive(trail);
        return jdbc;
    }

    private void appendFive(AuditTrail to) {
        for (int i = 1; i <= 5; i++) {
            int n = i;
            tx.executeWithoutResult(s -> to.append("user:admin", "thing.change", "thing:" + n,
                    n == 1 ? null : Map.of("v", n - 1), Map.of("v", n, "note", "<b>" + n + "</b>")));
        }
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
        assertThat(r.out).contains("intact: 5 rows")
                .contains("signed with audit key " + AuditKey.keyId(key.publicKey()));
        assertThat(jdbc.sql("select signature from audit_head").query(String.class).single()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEditedRowIsNamed(String name) {
        JdbcClient jdbc = open(name);
        jdbc.sql("update audit_log set after = ? where seq = 2").param("{\"v\":99}").update();
        Result r = verify();
        assertThat(r.code).isEqualTo(Qinglang.BROKEN);
        assertThat(r.out).contains("row 2: its fields do not match its hash (the row was edited)")
                .doesNotContain("row 3:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRemovedRowIsNamed(String name) {
        JdbcClient jdbc = open(name);
        jdbc.sql("delete from audit_log where seq = 3").update();
        Result r = verify();
        assertThat(r.code).isEqualTo(Qinglang.BROKEN);
        assertThat(r.out).contains("row 3: rows 3 to 3 are missing (removed)")
                .contains("row 4: its prev_hash is not the hash of the row before it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theResultIsInChineseUnlessEnglishIsChosen(String name) {
        JdbcClient jdbc = open(name);
        Result r = verifyIn(Map.of(), dataDir);
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.OK);
        assertThat(r.out).startsWith("审计日志完整：5 行，链头 ").contains("已用审计密钥 " + AuditKey.keyId(key.publicKey()));
        jdbc.sql("delete from audit_log where seq = 3").update();
        r = verifyIn(Map.of(), dataDir);
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.BROKEN);
        assertThat(r.out.lines()).containsExactly("第 3 行：第 3 至 3 行缺失（已被删除）",
                "第 4 行：其 prev_hash 不是上一行的哈希（之前有记录被删除或修改）", "审计日志已被破坏：4 行中有 2 处问题");
        r = verifyIn(Map.of("LANG", "zh_CN.UTF-8"), dataDir, "--lang", "en");
        assertThat(r.out).contains("row 3: rows 3 to 3 are missing (removed)")
                .contains("audit trail BROKEN: 2 problem(s) in 4 rows");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void removingTheNewestRowIsFoundByTheHead(String name) {
        JdbcClient jdbc = open(name);
        jdbc.sql("delete from audit_log where seq = 5").update();
        Result r = verify();
        assertThat(r.code).isEqualTo(Qinglang.BROKEN);
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void removingTheNewestRowsAndPointingTheHeadAtTheLastKeptIsFound(String name) {
        open(name);
        truncateTo(3);
        Result r = verify();
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.BROKEN);
        assertThat(r.out).contains("row 3: the head's signature does not match its row number and hash")
                .contains("audit trail BROKEN: 1 problem(s) in 3 rows");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void removingTheHeadsSignatureAsWellIsFoundWithTheKey(String name) {
        open(name);
        truncateTo(3);
        jdbc.sql("update audit_head set signature = null").update();
        Result r = verify();
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.BROKEN);
        assertThat(r.out).contains("row 3: the head is not signed, though the server has an audit key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theServerDoesNotExtendAForgedHeadSilently(String name) {
        open(name);
        truncateTo(3);
        jdbc.sql("update audit_head set signature = null").update();
        // the server restarts (its key is not new) and appends: the forged head is recorded, not signed over
        AuditTrail restarted = new AuditTrail(jdbc, new ObjectMapper(), new AuditKey(dataDir));
        tx.executeWithoutResult(s -> restarted.signHead());
        tx.executeWithoutResult(s -> restarted.append("user:admin", "thing.change", "thing:6", null, Map.of("v", 6)));
        assertThat(jdbc.sql("select action from audit_log where seq = 4").query(String.class).single())
                .isEqualTo(AuditTrail.HEAD_INVALID);
        Result r = verify();
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.BROKEN);
        assertThat(r.out).contains("row 4: when appending, the server found the head moved by someone else, so rows "
                        + "before this one may have been removed: the head (row 3) was not signed")
                .contains("audit trail BROKEN: 1 problem(s) in 5 rows");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anOlderSignedHeadPutBackIsFoundByTheRunningServer(String name) {
        open(name);
        Map<String, Object> kept = jdbc.sql("select seq, hash, signature from audit_head").query().singleRow();
        tx.executeWithoutResult(s -> trail.append("user:admin", "thing.change", "thing:6", null, Map.of("v", 6)));
        tx.executeWithoutResult(s -> trail.append("user:admin", "thing.change", "thing:7", null, Map.of("v", 7)));
        jdbc.sql("delete from audit_log where seq > 5").update();
        jdbc.sql("update audit_head set seq = ?, hash = ?, signature = ?")
                .params(kept.get("seq"), kept.get("hash"), kept.get("signature")).update();
        // a genuine older head put back is not found by verify alone (docs/server.md says so) ...
        assertThat(verify().code).isEqualTo(Qinglang.OK);
        // ... but the server that signed a later one records it at its next append
        tx.executeWithoutResult(s -> trail.append("user:admin", "thing.change", "thing:8", null, Map.of("v", 8)));
        Result r = verify();
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.BROKEN);
        assertThat(r.out).contains("row 6: when appending, the server found the head moved by someone else")
                .contains("the head went back from row 7 to row 5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHeadWrittenBeforeHeadsWereSignedVerifiesAndSaysSo(String name) {
        db = TestDatabases.named(name);
        jdbc = JdbcClient.create(db.dataSource());
        tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        appendFive(new AuditTrail(jdbc, new ObjectMapper())); // writes the head unsigned, as before V29
        Result r = verify();
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.OK);
        assertThat(r.out).contains("audit trail intact: 5 rows").contains("head not signed (written before")
                .contains("no audit key at " + dataDir.resolve(AuditKey.PUBLIC_FILE));
        // the upgraded server's first start makes its key and signs the head it found
        AuditTrail upgraded = new AuditTrail(jdbc, new ObjectMapper(), new AuditKey(dataDir));
        tx.executeWithoutResult(s -> upgraded.signHead());
        r = verify();
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.OK);
        assertThat(r.out).contains("audit trail intact: 5 rows").contains("signed with audit key")
                .doesNotContain("not signed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseNotMigratedSinceVerifiesUnsigned(String name) throws Exception {
        JdbcClient jdbc = open(name);
        jdbc.sql("alter table audit_head drop column signature").update();
        Path noKey = Files.createDirectory(dataDir.resolve("elsewhere"));
        Result r = verifyWith(noKey);
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.OK);
        assertThat(r.out).contains("audit trail intact: 5 rows").contains("head not signed (written before");
        // with the key, which only a server that signs heads makes, a head without a signature is not its own
        r = verify();
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.BROKEN);
        assertThat(r.out).contains("row 5: the head is not signed, though the server has an audit key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aKeyNamedButNotThereIsAnError(String name) {
        open(name);
        Result r = verify("--key", dataDir.resolve("none.pem").toString());
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.IO);
        assertThat(r.out).contains("audit verify: no audit key at " + dataDir.resolve("none.pem"))
                .doesNotContain("intact");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSignedHeadWithoutTheKeyIsNotCalledIntact(String name) throws Exception {
        open(name);
        Files.delete(dataDir.resolve(AuditKey.PUBLIC_FILE));
        Result r = verify();
        assertThat(r.code).as(r.out).isEqualTo(Qinglang.IO);
        assertThat(r.out).doesNotContain("audit trail intact")
                .contains("the head is signed, but there is no audit key at " + dataDir.resolve(AuditKey.PUBLIC_FILE));
    }

    /** What someone who can write the database does: rows after {@code seq} removed, the head pointed at it. */
    private void truncateTo(long seq) {
        jdbc.sql("delete from audit_log where seq > ?").param(seq).update();
        jdbc.sql("update audit_head set seq = ?, hash = (select hash from audit_log where seq = ?)")
                .params(seq, seq).update();
    }

    private record Result(int code, String out) {
    }

    private Result verify(String... more) {
        return verifyWith(dataDir, more);
    }

    private Result verifyWith(Path data, String... more) {
        // English messages, whatever the machine's locale: the tests check their text
        return verifyIn(Map.of("QINGLANG_LANG", "en"), data, more);
    }

    private Result verifyIn(Map<String, String> env, Path data, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = Stream.concat(Stream.of("audit", "verify", "--db", db.url(), "--data", data.toString()),
                Stream.of(more)).toArray(String[]::new);
        int code = Qinglang.execute(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
        return new Result(code, out + err.toString());
    }
}
