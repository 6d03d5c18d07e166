package org.qinglang.app.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.cases.WorkflowFixture;
import org.qinglang.app.sanctions.Outbox;
import org.qinglang.app.server.TestDatabases;
import org.qinglang.core.enforce.ProtectionAudience;
import org.qinglang.core.enforce.ProtectionPeriod;
import org.qinglang.core.enforce.ProtectionSettings;
import org.qinglang.core.stream.Alert;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prominent prompt on H2 and PostgreSQL: which alerts raise it, once while pending, never while protected;
 * one answer recorded, even of two at once.
 */
class ProtectionPromptsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

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

    private static Alert alert(Alert.Kind kind, String target, Alert.Level level) {
        return new Alert(T0, kind, target, level, new Alert.Evidence(Map.of("abusiveShare", 0.8), List.of()), Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aWarningPromptsOnceAndTheAnswerIsKept(String name) {
        db = Dbs.open(name);
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        AuditTrail audit = new AuditTrail(jdbc, new ObjectMapper());
        MutableClock clock = new MutableClock(T0);
        Protections protections = new Protections(new ProtectionStore(jdbc), audit, tx, clock);
        ProtectionPrompts prompts = new ProtectionPrompts(new PromptStore(jdbc), protections, audit,
                new Outbox(jdbc, new ObjectMapper()), tx, clock);

        // a pile-on on a piece of content whose author no event named: not a person to offer protection to
        prompts.accept(alert(Alert.Kind.PILEON, org.qinglang.core.stream.PileOnMonitor.CONTENT_KEY + "p-301",
                Alert.Level.SEVERE));
        assertThat(prompts.pending(org.qinglang.core.stream.PileOnMonitor.CONTENT_KEY + "p-301")).isEmpty();
        prompts.accept(alert(Alert.Kind.PILEON, "u-9", Alert.Level.WATCH));
        prompts.accept(alert(Alert.Kind.COORDINATION, "u-9", Alert.Level.SEVERE));
        assertThat(prompts.pending("u-9")).isEmpty();

        prompts.accept(alert(Alert.Kind.PILEON, "u-9", Alert.Level.WARNING));
        Prompt p = prompts.pending("u-9").orElseThrow();
        assertThat(p.alertLevel()).isEqualTo("warning");
        assertThat(p.createdAt()).isEqualTo(T0);
        assertThat(jdbc.sql("select payload from webhook_outbox where kind = 'prompt' and decision_id = ?")
                .param(p.id()).query(String.class).list()).as("the prompt is pushed to the platform once")
                .singleElement().asString().contains("\"account\":\"u-9\"", "\"level\":\"warning\"");
        prompts.accept(alert(Alert.Kind.PILEON, "u-9", Alert.Level.SEVERE));
        assertThat(prompts.pending("u-9")).map(Prompt::id).contains(p.id());

        clock.advance(Duration.ofMinutes(5));
        assertThat(prompts.decline("u-8", p.id(), "apikey:1")).isEqualTo(ProtectionPrompts.Answer.NOT_FOUND);
        assertThat(prompts.decline("u-9", p.id(), "apikey:1")).isEqualTo(ProtectionPrompts.Answer.RECORDED);
        assertThat(prompts.take("u-9", p.id(), ProtectionSettings.builder(ProtectionAudience.STRANGERS),
                ProtectionPeriod.DAYS_7, "apikey:1")).isEqualTo(ProtectionPrompts.Answer.ALREADY_ANSWERED);
        assertThat(protections.get("u-9").on()).as("an answer refused changes nothing").isFalse();
        Prompt answered = prompts.find("u-9", p.id()).orElseThrow();
        assertThat(answered.taken()).contains(false);
        assertThat(answered.answeredAt()).contains(T0.plus(Duration.ofMinutes(5)));
        assertThat(prompts.pending("u-9")).isEmpty();

        prompts.accept(alert(Alert.Kind.PILEON, "u-9", Alert.Level.SEVERE));
        assertThat(prompts.pending("u-9")).isPresent().get().extracting(Prompt::alertLevel).isEqualTo("severe");

        protections.turnOn("u-7", ProtectionSettings.builder(ProtectionAudience.STRANGERS), ProtectionPeriod.DAYS_3, "x");
        prompts.accept(alert(Alert.Kind.PILEON, "u-7", Alert.Level.SEVERE));
        assertThat(prompts.pending("u-7")).isEmpty();
        clock.advance(Duration.ofDays(3));
        prompts.accept(alert(Alert.Kind.PILEON, "u-7", Alert.Level.SEVERE));
        assertThat(prompts.pending("u-7")).isPresent();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'protection.prompt'").query(Long.class)
                .single()).isEqualTo(3);

        // a prompt left pending while the person turned protection on themselves: not offered any more, and
        // taking it later does not replace their own settings
        Prompt u7 = prompts.pending("u-7").orElseThrow();
        protections.turnOn("u-7", ProtectionSettings.builder(ProtectionAudience.ALL_BUT_MUTUAL), ProtectionPeriod.UNTIL_OFF,
                "u-7");
        assertThat(prompts.pending("u-7")).isEmpty();
        assertThat(prompts.take("u-7", u7.id(), ProtectionSettings.builder(ProtectionAudience.STRANGERS),
                ProtectionPeriod.DAYS_7, "apikey:1")).isEqualTo(ProtectionPrompts.Answer.ALREADY_PROTECTED);
        assertThat(protections.get("u-7").period()).isEqualTo(ProtectionPeriod.UNTIL_OFF);

        // a prompt left unanswered for over a week does not keep a new pile-on from prompting anew
        Prompt old = prompts.pending("u-9").orElseThrow();
        clock.advance(ProtectionPrompts.STALE.plusMinutes(1));
        prompts.accept(alert(Alert.Kind.PILEON, "u-9", Alert.Level.WARNING));
        assertThat(prompts.pending("u-9")).map(Prompt::id).isPresent().get().isNotEqualTo(old.id());
    }

    /**
     * A take and a decline at once, then two takes at once: exactly one of each pair is recorded, and protection is
     * on exactly when the recorded answer is a take, with its settings, turned on once. The two meet as in
     * {@code ConcurrentDecisionsTest}: the test holds the audit trail's head row until both are under way.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void ofTwoAnswersAtOnceExactlyOneIsRecordedAndHasAnEffect(String name) throws Exception {
        db = Dbs.open(name);
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        AuditTrail audit = new AuditTrail(jdbc, new ObjectMapper());
        MutableClock clock = new MutableClock(T0);
        Protections protections = new Protections(new ProtectionStore(jdbc), audit, tx, clock);
        ProtectionPrompts prompts = new ProtectionPrompts(new PromptStore(jdbc), protections, audit,
                new Outbox(jdbc, new ObjectMapper()), tx, clock);
        prompts.accept(alert(Alert.Kind.PILEON, "u-1", Alert.Level.WARNING));
        long first = prompts.pending("u-1").orElseThrow().id();
        List<ProtectionPrompts.Answer> answers = atOnce(db,
                () -> prompts.take("u-1", first, ProtectionSettings.builder(ProtectionAudience.STRANGERS),
                        ProtectionPeriod.DAYS_30, "apikey:1"),
                () -> prompts.decline("u-1", first, "apikey:2"));
        assertThat(answers).containsExactlyInAnyOrder(ProtectionPrompts.Answer.RECORDED,
                ProtectionPrompts.Answer.ALREADY_ANSWERED);
        boolean taken = answers.get(0) == ProtectionPrompts.Answer.RECORDED;
        assertThat(prompts.find("u-1", first).orElseThrow().taken()).contains(taken);
        assertThat(protections.get("u-1").on()).isEqualTo(taken);
        assertThat(new Protections(new ProtectionStore(jdbc), audit, tx, clock).get("u-1").on())
                .as("the database agrees with memory").isEqualTo(taken);
        assertThat(audited(jdbc, "protection.on", "account:u-1")).isEqualTo(taken ? 1 : 0);
        assertThat(audited(jdbc, "protection.prompt.answer", "prompt:" + first)).isEqualTo(1);

        prompts.accept(alert(Alert.Kind.PILEON, "u-2", Alert.Level.WARNING));
        long second = prompts.pending("u-2").orElseThrow().id();
        answers = atOnce(db,
                () -> prompts.take("u-2", second, ProtectionSettings.builder(ProtectionAudience.STRANGERS),
                        ProtectionPeriod.DAYS_30, "apikey:1"),
                () -> prompts.take("u-2", second, ProtectionSettings.builder(ProtectionAudience.ALL_BUT_MUTUAL),
                        ProtectionPeriod.DAYS_3, "apikey:2"));
        assertThat(answers).containsExactlyInAnyOrder(ProtectionPrompts.Answer.RECORDED,
                ProtectionPrompts.Answer.ALREADY_ANSWERED);
        ProtectionPeriod winner = answers.get(0) == ProtectionPrompts.Answer.RECORDED
                ? ProtectionPeriod.DAYS_30 : ProtectionPeriod.DAYS_3;
        assertThat(protections.get("u-2").period()).isEqualTo(winner);
        assertThat(new Protections(new ProtectionStore(jdbc), audit, tx, clock).get("u-2").period()).isEqualTo(winner);
        assertThat(audited(jdbc, "protection.on", "account:u-2")).as("turned on once").isEqualTo(1);
        assertThat(audited(jdbc, "protection.prompt.answer", "prompt:" + second)).isEqualTo(1);
    }

    /** Runs both at once (see {@link WorkflowFixture#atOnce}) and returns their answers in the order given. */
    private static List<ProtectionPrompts.Answer> atOnce(TestDatabases.Db db, Callable<ProtectionPrompts.Answer> a,
                                                         Callable<ProtectionPrompts.Answer> b) throws Exception {
        return WorkflowFixture.atOnce(db.dataSource(), () -> a.call().ordinal(), () -> b.call().ordinal()).stream()
                .map(i -> ProtectionPrompts.Answer.values()[i]).toList();
    }

    private static long audited(JdbcClient jdbc, String action, String subject) {
        return jdbc.sql("select count(*) from audit_log where action = ? and subject = ?").params(action, subject)
                .query(Long.class).single();
    }
}
