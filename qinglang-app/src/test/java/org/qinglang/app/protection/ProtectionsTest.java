package org.qinglang.app.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.server.TestDatabases;
import org.qinglang.core.enforce.ActorRelation;
import org.qinglang.core.enforce.ProtectedAction;
import org.qinglang.core.enforce.ProtectionAudience;
import org.qinglang.core.enforce.ProtectionDecision;
import org.qinglang.core.enforce.ProtectionPeriod;
import org.qinglang.core.enforce.ProtectionSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Protection written through to H2 and PostgreSQL: it survives a restart, expires by the clock, and a failed write changes nothing. */
class ProtectionsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private TestDatabases.Db db;
    private JdbcClient jdbc;
    private TransactionTemplate tx;
    private final MutableClock clock = new MutableClock(T0);

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.drop().run();
        }
    }

    private Protections open(String name) {
        if (db == null) {
            db = Dbs.open(name);
            jdbc = JdbcClient.create(db.dataSource());
            tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        }
        return new Protections(new ProtectionStore(jdbc), new AuditTrail(jdbc, new ObjectMapper()), tx, clock);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void protectionSurvivesARestartAndEndsByItself(String name) {
        Protections p = open(name);
        assertThat(p.decide("u-9", ActorRelation.STRANGER, ProtectedAction.DM)).isEqualTo(ProtectionDecision.ALLOW);
        p.turnOn("u-9", ProtectionSettings.builder(ProtectionAudience.NON_FOLLOWERS)
                .treat(ProtectedAction.COMMENT, ProtectionDecision.HOLD)
                .treat(ProtectedAction.DM, ProtectionDecision.DENY), ProtectionPeriod.DAYS_3, "apikey:1");

        Protections restarted = open(name);
        for (Protections q : List.of(p, restarted)) {
            assertThat(q.decide("u-9", ActorRelation.STRANGER, ProtectedAction.COMMENT)).isEqualTo(ProtectionDecision.HOLD);
            assertThat(q.decide("u-9", ActorRelation.FOLLOWED, ProtectedAction.DM)).isEqualTo(ProtectionDecision.DENY);
            assertThat(q.decide("u-9", ActorRelation.FOLLOWER, ProtectedAction.DM)).isEqualTo(ProtectionDecision.ALLOW);
            assertThat(q.decide("u-9", ActorRelation.STRANGER, ProtectedAction.REPOST)).isEqualTo(ProtectionDecision.ALLOW);
            assertThat(q.decide("u-8", ActorRelation.STRANGER, ProtectedAction.DM)).isEqualTo(ProtectionDecision.ALLOW);
            assertThat(q.get("u-9").until()).contains(T0.plus(Duration.ofDays(3)));
            assertThat(q.remindAt(q.get("u-9"))).contains(T0.plus(Duration.ofDays(2)));
        }
        clock.advance(Duration.ofDays(3));
        assertThat(restarted.decide("u-9", ActorRelation.STRANGER, ProtectedAction.COMMENT)).isEqualTo(ProtectionDecision.ALLOW);
        assertThat(restarted.activeNow("u-9")).isFalse();
        assertThat(jdbc.sql("select action from audit_log order by seq").query(String.class).list())
                .containsExactly("protection.on");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void turningOffDeletesTheRowAndIsAudited(String name) {
        Protections p = open(name);
        p.turnOn("u-9", ProtectionSettings.builder(ProtectionAudience.STRANGERS)
                .treat(ProtectedAction.MENTION, ProtectionDecision.DENY), ProtectionPeriod.UNTIL_OFF, "apikey:1");
        assertThat(p.turnOff("u-9", "apikey:2")).isTrue();
        assertThat(p.turnOff("u-9", "apikey:2")).isFalse();
        assertThat(p.decide("u-9", ActorRelation.STRANGER, ProtectedAction.MENTION)).isEqualTo(ProtectionDecision.ALLOW);
        assertThat(open(name).get("u-9").on()).isFalse();
        assertThat(jdbc.sql("select action || ' ' || actor from audit_log order by seq").query(String.class).list())
                .containsExactly("protection.on apikey:1", "protection.off apikey:2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aWriteThatFailsLeavesMemoryAndDatabaseAsTheyWere(String name) {
        Protections p = open(name);
        p.turnOn("u-9", ProtectionSettings.builder(ProtectionAudience.STRANGERS)
                .treat(ProtectedAction.DM, ProtectionDecision.DENY), ProtectionPeriod.DAYS_7, "apikey:1");
        // updated_by is varchar(64): a longer actor fails the insert after the delete, inside the transaction
        assertThatThrownBy(() -> p.turnOn("u-9", ProtectionSettings.builder(ProtectionAudience.STRANGERS),
                ProtectionPeriod.DAYS_30, "x".repeat(65)));
        assertThat(p.decide("u-9", ActorRelation.STRANGER, ProtectedAction.DM)).isEqualTo(ProtectionDecision.DENY);
        assertThat(open(name).get("u-9").period()).isEqualTo(ProtectionPeriod.DAYS_7);
    }
}
