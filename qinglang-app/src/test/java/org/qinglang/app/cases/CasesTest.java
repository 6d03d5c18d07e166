package org.qinglang.app.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.server.TestDatabases;
import org.qinglang.core.enforce.CaseSignal;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.ReportCategory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases on H2 and PostgreSQL: merging, queue order, and claims that never give one case to two reviewers. */
class CasesTest {

    private TestDatabases.Db db;
    private Cases cases;
    private TransactionTemplate tx;
    private JdbcClient jdbc;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.drop().run();
        }
    }

    private void open(String name) {
        db = TestDatabases.named(name);
        jdbc = JdbcClient.create(db.dataSource());
        cases = new Cases(new JdbcTemplate(db.dataSource()), new AuditTrail(jdbc, new ObjectMapper()), new WorkflowPolicy());
        tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    }

    private long report(String account, ReportCategory category, boolean minor) {
        return tx.execute(s -> cases.add(Target.account(account), minor,
                new CaseSignal.Report("r-" + account, category, 0.75, Instant.now()), Optional.empty(),
                Optional.empty(), "test").orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void signalsMergeAndTheQueueIsInPriorityOrder(String name) {
        open(name);
        long rumour = report("u-1", ReportCategory.RUMOUR, false);
        long abuse = report("u-2", ReportCategory.CYBERVIOLENCE, false);
        long minor = report("u-3", ReportCategory.OTHER, true);
        long verdict = tx.execute(s -> cases.add(Target.account("u-1"), false, new CaseSignal.Detection(
                ReportCategory.RUMOUR, OffenceSeverity.SERIOUS, Instant.now()), Optional.of("e-1"), Optional.empty(),
                "test").orElseThrow());
        assertThat(verdict).isEqualTo(rumour);
        Optional<Long> again = tx.execute(s -> cases.add(Target.account("u-1"), false, new CaseSignal.Detection(
                ReportCategory.RUMOUR, OffenceSeverity.SERIOUS, Instant.now()), Optional.of("e-1"), Optional.empty(),
                "test"));
        assertThat(again).isEmpty();
        assertThat(cases.find(rumour).orElseThrow().severity()).isEqualTo(OffenceSeverity.SERIOUS);
        assertThat(cases.queue(10)).extracting(Cases.Case::id).containsExactly(minor, abuse, rumour);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void reRankingTheQueueLetsAnOldBurstOfReportsFallBelowFresherOnes(String name) {
        open(name);
        Instant weekAgo = Instant.now().minus(java.time.Duration.ofDays(7));
        long old = 0;
        for (int i = 0; i < 7; i++) { // seven reports a week ago
            int n = i;
            old = tx.execute(s -> cases.add(Target.account("old"), false, new CaseSignal.Report("r-old-" + n,
                    ReportCategory.CYBERVIOLENCE, 0.75, weekAgo.plusSeconds(n)), Optional.empty(), Optional.empty(),
                    "test").orElseThrow());
        }
        // ranked when its reports came, the old case stays first however long ago that was
        jdbc.sql("update workflow_case set priority_rank = ? where id = ?").params(Long.MAX_VALUE / 2, old).update();
        long fresh = 0;
        for (int i = 0; i < 3; i++) { // three reports now
            int n = i;
            fresh = tx.execute(s -> cases.add(Target.account("fresh"), false, new CaseSignal.Report("r-fresh-" + n,
                    ReportCategory.CYBERVIOLENCE, 0.75, Instant.now()), Optional.empty(), Optional.empty(), "test")
                    .orElseThrow());
        }
        assertThat(cases.queue(10)).extracting(Cases.Case::id).containsExactly(old, fresh);
        int reranked = tx.execute(st -> cases.rerankQueued(cases.queuedIds(), Instant.now()));
        assertThat(reranked).isEqualTo(2);
        assertThat(cases.queue(10)).extracting(Cases.Case::id).containsExactly(fresh, old);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCasesDecisionsAndTheCasesOfADayAreReadByIndex(String name) throws Exception {
        open(name);
        try (java.sql.Connection c = db.dataSource().getConnection()) {
            assertThat(indexedColumns(c, "decision")).contains("case_id");
            assertThat(indexedColumns(c, "workflow_case")).contains("opened_at");
        }
    }

    /** The first columns of the indexes of {@code table}, lower case (H2 reports names in upper case). */
    private static java.util.Set<String> indexedColumns(java.sql.Connection c, String table) throws java.sql.SQLException {
        java.util.Set<String> columns = new java.util.HashSet<>();
        for (String t : new String[]{table, table.toUpperCase(java.util.Locale.ROOT)}) {
            try (java.sql.ResultSet rs = c.getMetaData().getIndexInfo(null, c.getSchema(), t, false, false)) {
                while (rs.next()) {
                    if (rs.getShort("ORDINAL_POSITION") == 1) {
                        columns.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return columns;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void casesAnAlertOpenedUnderItsTargetsAccountKeyAreKeyedApart(String name) throws Exception {
        open(name);
        // as Intake.alert filed them before 2026-12-03: under the target's account key
        long pileOnly = tx.execute(st -> cases.add(Target.account("victim-1"), false, new CaseSignal.Alert("pileon",
                ReportCategory.CYBERVIOLENCE, OffenceSeverity.SERIOUS, Instant.now()), Optional.empty(),
                Optional.of("pileon"), "test").orElseThrow());
        long mixed = tx.execute(st -> cases.add(Target.account("victim-2"), false, new CaseSignal.Alert("pileon",
                ReportCategory.CYBERVIOLENCE, OffenceSeverity.SERIOUS, Instant.now()), Optional.empty(),
                Optional.of("pileon"), "test").orElseThrow());
        report("victim-2", ReportCategory.CYBERVIOLENCE, false); // a report against the account too: left as it is
        long group = tx.execute(st -> cases.add(Target.account("group-7"), false, new CaseSignal.Alert("coordination",
                ReportCategory.FAKE_ENGAGEMENT, OffenceSeverity.MODERATE, Instant.now()), Optional.empty(),
                Optional.of("coordination"), "test").orElseThrow());

        String migration = new String(getClass().getResourceAsStream("/db/migration/V31__alert_cases_keyed_apart.sql")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        for (String statement : migration.split(";")) {
            if (!statement.isBlank()) {
                jdbc.sql(statement).update();
            }
        }
        assertThat(cases.find(pileOnly).orElseThrow().about()).isEqualTo(Target.alert("pileon", "victim-1"));
        assertThat(cases.find(pileOnly).orElseThrow().target()).isEqualTo("pileon:victim-1");
        assertThat(cases.find(group).orElseThrow().target()).isEqualTo("coord:group-7");
        assertThat(cases.find(group).orElseThrow().about().isAlert()).isTrue();
        assertThat(cases.find(mixed).orElseThrow().target()).isEqualTo("account:victim-2");
        assertThat(jdbc.sql("select open_target from workflow_case where id = ?").param(pileOnly).query(String.class)
                .single()).isEqualTo("pileon:victim-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void reRankingTheQueueNeverUndoesASignalFiledMeanwhile(String name) throws Exception {
        open(name);
        long id = report("kid", ReportCategory.OTHER, false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection filer = db.dataSource().getConnection(); java.sql.Statement st = filer.createStatement()) {
            // a report that the target is a minor, being filed: its case row is locked and changed, not yet committed
            filer.setAutoCommit(false);
            st.executeUpdate("update workflow_case set target_is_minor = true where id = " + id);
            java.util.concurrent.Future<Integer> rerank = pool.submit(
                    () -> tx.execute(x -> cases.rerankQueued(cases.queuedIds(), Instant.now())));
            assertThat(rerank.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the case being filed is skipped: its filing re-ranks it").isZero();
            filer.commit();
        } finally {
            pool.shutdown();
        }
        assertThat(cases.find(id).orElseThrow().targetIsMinor()).as("minors first must stay first").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoConcurrentReviewersNeverClaimTheSameCase(String name) throws Exception {
        open(name);
        int n = 30;
        for (int i = 0; i < n; i++) {
            report("a-" + i, ReportCategory.values()[i % ReportCategory.values().length], i % 7 == 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> claims = new ArrayList<>();
        for (String reviewer : List.of("alice", "bob")) {
            Callable<List<Long>> work = () -> {
                start.await();
                List<Long> mine = new ArrayList<>();
                for (Optional<Cases.Case> c; (c = tx.execute(s -> cases.claimNext(reviewer))).isPresent(); ) {
                    mine.add(c.get().id());
                }
                return mine;
            };
            claims.add(pool.submit(work));
        }
        start.countDown();
        List<Long> alice = claims.get(0).get();
        List<Long> bob = claims.get(1).get();
        pool.shutdown();
        Set<Long> both = new HashSet<>(alice);
        both.retainAll(bob);
        assertThat(both).isEmpty();
        assertThat(alice.size() + bob.size()).isEqualTo(n);
        assertThat(jdbc.sql("select count(*) from workflow_case where status = 'claimed'").query(Long.class).single())
                .isEqualTo(n);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'case.claim'").query(Long.class).single())
                .isEqualTo(n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void ofTwoClaimsOnOneCaseExactlyOneWins(String name) throws Exception {
        open(name);
        long id = report("u-9", ReportCategory.FRAUD, false);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> wins = new ArrayList<>();
        for (String reviewer : List.of("alice", "bob")) {
            wins.add(pool.submit(() -> {
                start.await();
                return tx.execute(s -> cases.claim(id, reviewer));
            }));
        }
        start.countDown();
        int won = (wins.get(0).get() ? 1 : 0) + (wins.get(1).get() ? 1 : 0);
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        assertThat(cases.find(id).orElseThrow().claimedBy()).isPresent();
        Boolean late = tx.execute(s -> cases.claim(id, "carol"));
        assertThat(late).isFalse();
    }
}
