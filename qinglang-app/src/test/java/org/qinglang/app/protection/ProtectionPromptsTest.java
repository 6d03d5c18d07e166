package org.qinglang.app.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.audit.AuditTrail;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The prominent prompt on H2 and PostgreSQL: which alerts raise it, once while pending, never while protected. */
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
        assertThat(prompts.answer("u-8", p.id(), false, "apikey:1")).isEqualTo(ProtectionPrompts.Answer.NOT_FOUND);
        assertThat(prompts.answer("u-9", p.id(), false, "apikey:1")).isEqualTo(ProtectionPrompts.Answer.RECORDED);
        assertThat(prompts.answer("u-9", p.id(), true, "apikey:1")).isEqualTo(ProtectionPrompts.Answer.ALREADY_ANSWERED);
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
    }
}
