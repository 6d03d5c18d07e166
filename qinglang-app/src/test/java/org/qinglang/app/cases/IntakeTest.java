package org.qinglang.app.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.audit.AuditVerifier;
import org.qinglang.app.server.TestDatabases;
import org.qinglang.core.enforce.CaseSignal;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.ReportCategory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake and batch filing on H2 and PostgreSQL: queued flagged events become one case each, in batches,
 * once; and {@link Cases#addAll} leaves the database as {@link Cases#add} one by one would.
 */
class IntakeTest {

    private final List<TestDatabases.Db> opened = new ArrayList<>();

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @AfterEach
    void drop() {
        opened.forEach(db -> db.drop().run());
    }

    private record Setup(TestDatabases.Db db, JdbcClient jdbc, Cases cases, TransactionTemplate tx, Intake intake) {
    }

    private Setup open(String name) {
        TestDatabases.Db db = TestDatabases.named(name);
        opened.add(db);
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(db.dataSource());
        Cases cases = new Cases(new JdbcTemplate(db.dataSource()), new AuditTrail(jdbc, new ObjectMapper()),
                new WorkflowPolicy());
        Intake intake = new Intake(jdbc, cases, transactions, new SimpleMeterRegistry());
        return new Setup(db, jdbc, cases, new TransactionTemplate(transactions), intake);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void queuedFlaggedEventsBecomeOneCaseEachOnceAndTheQueueEmpties(String name) throws Exception {
        Setup s = open(name);
        OffsetDateTime ts = OffsetDateTime.of(2026, 12, 2, 8, 0, 0, 0, ZoneOffset.UTC);
        int n = 250; // more than one transaction's worth
        for (int i = 0; i < n; i++) {
            String id = "e-" + i;
            s.jdbc().sql("insert into event (id, type, ts, actor, text, suggestion, risk_level, labels, received_at, "
                            + "api_key_id) values (?, 'comment', ?, ?, '…', ?, ?, ?, ?, 1)")
                    .params(id, ts.plusSeconds(i), "u-" + (i % 7), i % 2 == 0 ? "block" : "review",
                            i == 7 ? "extreme" : i % 2 == 0 ? "high" : "medium", // e-7: a level this build does not know
                            i % 5 == 0 ? "[{\"label\":\"色情\"}]" : "[{\"label\":\"辱骂\"}]",
                            received(ts, i)).update();
            s.jdbc().sql("insert into intake_queue (event_id) values (?)").param(id).update();
        }
        assertThat(s.intake().backlog()).isEqualTo(n);

        assertThat(s.intake().verdicts(1000)).isEqualTo(n);

        assertThat(s.intake().backlog()).isZero();
        assertThat(s.intake().verdicts(1000)).isZero();
        assertThat(s.jdbc().sql("select count(*) from workflow_case").query(Long.class).single()).isEqualTo(n);
        assertThat(s.jdbc().sql("select count(*) from case_signal").query(Long.class).single()).isEqualTo(n);
        assertThat(s.cases().find(caseOf(s, "e-7")).orElseThrow().severity()).isEqualTo(OffenceSeverity.MINOR);
        for (int i : new int[]{0, 1, 5, 99, 100, 249}) {
            Cases.Case c = s.jdbc().sql("select id from workflow_case where target = ?").param("content:e-" + i)
                    .query(Long.class).optional().flatMap(s.cases()::find).orElseThrow();
            assertThat(c.about().account()).isEqualTo("u-" + (i % 7));
            assertThat(c.category()).isEqualTo(i % 5 == 0 ? ReportCategory.PORNOGRAPHY : ReportCategory.CYBERVIOLENCE);
            assertThat(c.severity()).isEqualTo(i % 2 == 0 ? OffenceSeverity.SERIOUS : OffenceSeverity.MODERATE);
            // opened when the event was received, not at the time the client gave it
            assertThat(c.openedAt()).isEqualTo(received(ts, i).toInstant());
            assertThat(c.rank()).isPositive();
        }
        try (Connection c = s.db().dataSource().getConnection()) {
            AuditVerifier.Report audit = AuditVerifier.verify(c);
            assertThat(audit.intact()).isTrue();
            assertThat(audit.rows()).isEqualTo(n);
        }
    }

    @org.junit.jupiter.api.Test
    void aBatchThatCannotHaveItsLockInTimeStaysQueuedAndIsFiledNextTime() throws Exception {
        // H2 gives up on a lock after a second: the audit head held longer (a large batch decision) fails the batch
        Setup s = open("H2");
        OffsetDateTime now = OffsetDateTime.of(2026, 12, 2, 8, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < 3; i++) {
            s.jdbc().sql("insert into event (id, type, ts, actor, text, suggestion, risk_level, labels, received_at, "
                            + "api_key_id) values (?, 'comment', ?, ?, '…', 'block', 'high', '[]', ?, 1)")
                    .params("e-" + i, now, "u-" + i, now).update();
            s.jdbc().sql("insert into intake_queue (event_id) values (?)").param("e-" + i).update();
        }
        try (Connection hold = s.db().dataSource().getConnection(); java.sql.Statement st = hold.createStatement()) {
            hold.setAutoCommit(false);
            st.executeQuery("select seq from audit_head where id = 1 for update").next();
            assertThat(s.intake().verdicts(100)).isZero();
            assertThat(s.intake().backlog()).as("none set aside: the events were not at fault").isEqualTo(3);
            hold.commit();
        }
        assertThat(s.intake().verdicts(100)).isEqualTo(3);
        assertThat(s.jdbc().sql("select count(*) from workflow_case").query(Long.class).single()).isEqualTo(3);
    }

    /** When the {@code i}th event of a test was received: days after its own time, as a backfill is. */
    private static OffsetDateTime received(OffsetDateTime ts, int i) {
        return ts.plusDays(3).plusSeconds(i);
    }

    @org.junit.jupiter.api.Test
    void anEventTheWorkflowCannotFileIsSetAsideAndTheRestAreFiled() {
        // a time no case can be dated with (year -999999999 at +08:00 is before the first instant in UTC); H2
        // keeps it, PostgreSQL would not: the row stands for any row the workflow cannot file
        Setup s = open("H2");
        OffsetDateTime now = OffsetDateTime.of(2026, 12, 2, 8, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime unfileable = OffsetDateTime.of(-999_999_999, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));
        for (int i = 0; i < 5; i++) {
            s.jdbc().sql("insert into event (id, type, ts, actor, text, suggestion, risk_level, labels, received_at, "
                            + "api_key_id) values (?, 'comment', ?, ?, '…', 'block', 'high', '[]', ?, 1)")
                    .params("e-" + i, now, "u-" + i, i == 1 ? unfileable : now).update();
            s.jdbc().sql("insert into intake_queue (event_id) values (?)").param("e-" + i).update();
        }
        assertThat(s.intake().verdicts(1000)).isEqualTo(5);
        assertThat(s.intake().backlog()).isZero();
        assertThat(s.jdbc().sql("select count(*) from workflow_case").query(Long.class).single()).isEqualTo(4);
        assertThat(s.jdbc().sql("select count(*) from workflow_case where target = 'content:e-1'").query(Long.class)
                .single()).isZero();
        assertThat(s.jdbc().sql("select count(*) from event where id = 'e-1'").query(Long.class).single()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void addingAllAtOnceGivesWhatAddingOneByOneGives(String name) {
        Instant t = Instant.parse("2026-12-02T08:00:00Z");
        List<Cases.Adding> adds = List.of(
                adding(Target.account("u-1"), false, report("r-1", ReportCategory.RUMOUR, t), null),
                adding(new Target("u-2", Optional.of("p-1"), "post"), false,
                        new CaseSignal.Detection(ReportCategory.CYBERVIOLENCE, OffenceSeverity.MODERATE, t), "e-1"),
                adding(Target.account("u-1"), true,
                        new CaseSignal.Detection(ReportCategory.CYBERVIOLENCE, OffenceSeverity.SERIOUS, t.plusSeconds(60)),
                        "e-2"),
                adding(Target.account("u-3"), false,
                        new CaseSignal.Detection(ReportCategory.FRAUD, OffenceSeverity.MINOR, t), "e-3"),
                adding(Target.account("u-4"), false,
                        new CaseSignal.Detection(ReportCategory.FRAUD, OffenceSeverity.MINOR, t), "e-1"), // taken: no case
                adding(Target.account("u-9"), false, report("r-2", ReportCategory.OTHER, t.plusSeconds(5)), null));

        Setup one = open(name);
        Setup all = open(name);
        for (Setup s : List.of(one, all)) { // an open case about u-9 and an event already filed, before the list
            s.tx().executeWithoutResult(x -> {
                s.cases().add(Target.account("u-9"), false, report("r-0", ReportCategory.PORNOGRAPHY, t), Optional.empty(),
                        Optional.empty(), "test");
                s.cases().add(Target.account("u-3"), false, new CaseSignal.Detection(ReportCategory.FRAUD,
                        OffenceSeverity.MINOR, t), Optional.of("e-3"), Optional.empty(), "test");
            });
        }
        List<Optional<String>> byOne = new ArrayList<>();
        for (Cases.Adding a : adds) {
            Optional<Long> id = one.tx().execute(x -> one.cases().add(a.about(), a.minor(), a.signal(), a.eventId(),
                    a.alertKind(), "test"));
            byOne.add(id.map(i -> target(one, i)));
        }
        List<Optional<String>> atOnce = all.tx().execute(x -> all.cases().addAll(adds, "test")).stream()
                .map(id -> id.map(i -> target(all, i))).toList();

        assertThat(atOnce).isEqualTo(byOne).containsExactly(Optional.of("account:u-1"), Optional.of("content:p-1"),
                Optional.of("account:u-1"), Optional.empty(), Optional.empty(), Optional.of("account:u-9"));
        assertThat(cases(all)).isEqualTo(cases(one)).hasSize(4);
        assertThat(cases(all)).anySatisfy(c -> assertThat(c).startsWith("account:u-1 true cyberviolence serious"));
        try (Connection c = all.db().dataSource().getConnection()) {
            AuditVerifier.Report audit = AuditVerifier.verify(c);
            assertThat(audit.intact()).isTrue();
            assertThat(audit.rows()).isEqualTo(2 + 4);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aListLongerThanOneStatementIsRankedAndAuditedAsAWhole(String name) throws Exception {
        Setup s = open(name);
        Instant t = Instant.parse("2026-12-02T08:00:00Z");
        List<Cases.Adding> adds = new ArrayList<>();
        for (int i = 0; i < 250; i++) { // past 200, the keys of one statement; the last signal moves the rank
            OffenceSeverity severity = i == 249 ? OffenceSeverity.SERIOUS : OffenceSeverity.MINOR;
            adds.add(adding(Target.account("u-" + (i % 3)), false,
                    new CaseSignal.Detection(ReportCategory.FRAUD, severity, t.plusSeconds(i)), "e-" + i));
        }

        List<Optional<Long>> ids = s.tx().execute(x -> s.cases().addAll(adds, "test"));

        assertThat(ids).allMatch(Optional::isPresent);
        long id = ids.get(249).orElseThrow();
        long rank = s.cases().find(id).orElseThrow().rank();
        List<String> audited = s.jdbc().sql("select after from audit_log where subject = ? order by seq")
                .param("case:" + id).query(String.class).list();
        assertThat(audited).hasSize(84);
        ObjectMapper json = new ObjectMapper();
        for (String after : audited) {
            assertThat(json.readTree(after).path("rank").asLong()).as(after).isEqualTo(rank);
        }
        try (Connection c = s.db().dataSource().getConnection()) {
            assertThat(AuditVerifier.verify(c).rows()).isEqualTo(250);
        }
    }

    private static long caseOf(Setup s, String eventId) {
        return s.jdbc().sql("select id from workflow_case where target = ?").param("content:" + eventId)
                .query(Long.class).single();
    }

    private static Cases.Adding adding(Target about, boolean minor, CaseSignal signal, String eventId) {
        return new Cases.Adding(about, minor, signal, Optional.ofNullable(eventId), Optional.empty());
    }

    private static CaseSignal report(String reporter, ReportCategory category, Instant at) {
        return new CaseSignal.Report(reporter, category, 0.75, at);
    }

    private static String target(Setup s, long id) {
        return s.cases().find(id).orElseThrow().target();
    }

    /** Every case with its signals, as text, in target order (the rank is left out: it moves with the clock). */
    private static List<String> cases(Setup s) {
        return s.jdbc().sql("select id, target from workflow_case order by target").query((rs, n) -> {
            Cases.Case c = s.cases().find(rs.getLong(1)).orElseThrow();
            return c.target() + " " + c.targetIsMinor() + " " + c.category().id() + " " + c.severity().id() + " "
                    + c.due() + " " + c.openedAt() + " " + c.status() + " " + s.cases().signals(c.id());
        }).list();
    }
}
