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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Protection written through to H2 and PostgreSQL: it survives a restart, expires by the clock, a failed write changes
 * nothing, and the sweep removes what ended (audited) but never a protection turned on again meanwhile.
 */
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSweepRemovesEndedProtectionsFromMemoryAndTableAndAuditsEach(String name) {
        Protections p = open(name);
        p.turnOn("u-1", ProtectionSettings.builder(ProtectionAudience.STRANGERS)
                .treat(ProtectedAction.DM, ProtectionDecision.DENY), ProtectionPeriod.DAYS_3, "apikey:1");
        p.turnOn("u-2", ProtectionSettings.builder(ProtectionAudience.STRANGERS), ProtectionPeriod.DAYS_7, "apikey:1");
        p.turnOn("u-3", ProtectionSettings.builder(ProtectionAudience.STRANGERS), ProtectionPeriod.UNTIL_OFF, "apikey:1");
        clock.advance(Duration.ofDays(3).minusNanos(1000));
        assertThat(p.sweep()).isZero(); // a microsecond before its end it is still in force
        clock.advance(Duration.ofNanos(1000));

        assertThat(p.sweep()).isEqualTo(1);
        assertThat(p.get("u-1").on()).isFalse();
        assertThat(p.get("u-2").on()).isTrue();
        assertThat(p.get("u-3").on()).isTrue();
        assertThat(jdbc.sql("select account from protection_setting order by account").query(String.class).list())
                .containsExactly("u-2", "u-3");
        assertThat(open(name).get("u-1").on()).isFalse();
        assertThat(jdbc.sql("select action || ' ' || actor || ' ' || subject from audit_log order by seq")
                .query(String.class).list()).containsExactly("protection.on apikey:1 account:u-1",
                "protection.on apikey:1 account:u-2", "protection.on apikey:1 account:u-3",
                "protection.expire system:protection-sweep account:u-1");
        assertThat(p.sweep()).isZero();
        assertThat(p.turnOff("u-1", "apikey:2")).isFalse();

        clock.advance(Duration.ofDays(3650)); // until-off never ends by itself
        assertThat(p.sweep()).isEqualTo(1);
        assertThat(p.get("u-3").on()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aProtectionTurnedOnAgainAfterTheSweepLookedStays(String name) {
        Protections p = open(name);
        p.turnOn("u-9", ProtectionSettings.builder(ProtectionAudience.STRANGERS)
                .treat(ProtectedAction.DM, ProtectionDecision.DENY), ProtectionPeriod.DAYS_3, "apikey:1");
        clock.advance(Duration.ofDays(3));
        Instant sweptAt = clock.instant(); // the sweep has read the clock and found u-9 over …
        clock.advance(Duration.ofSeconds(1));
        p.turnOn("u-9", ProtectionSettings.builder(ProtectionAudience.STRANGERS)
                .treat(ProtectedAction.DM, ProtectionDecision.DENY), ProtectionPeriod.DAYS_3, "apikey:1");
        // … and reaches it after the person turned it on again, starting after the sweep's now: not over
        assertThat(p.expire("u-9", sweptAt)).isFalse();
        assertThat(p.decide("u-9", ActorRelation.STRANGER, ProtectedAction.DM)).isEqualTo(ProtectionDecision.DENY);
        assertThat(open(name).decide("u-9", ActorRelation.STRANGER, ProtectedAction.DM))
                .isEqualTo(ProtectionDecision.DENY);
        assertThat(jdbc.sql("select action from audit_log order by seq").query(String.class).list())
                .containsExactly("protection.on", "protection.on");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSweepRacingRenewalsNeverTakesARenewedProtection(String name) throws Exception {
        Protections p = open(name);
        int n = 200;
        for (int i = 0; i < n; i++) {
            p.turnOn("u-" + i, ProtectionSettings.builder(ProtectionAudience.STRANGERS)
                    .treat(ProtectedAction.DM, ProtectionDecision.DENY), ProtectionPeriod.DAYS_3, "apikey:1");
        }
        clock.advance(Duration.ofDays(3));
        // renewed in the order the sweep walks its map (a map of the same keys filled the same way), so that the two
        // meet on the same accounts
        ConcurrentHashMap<String, Boolean> sameOrder = new ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            sameOrder.put("u-" + i, true);
        }
        List<String> accounts = List.copyOf(sameOrder.keySet());
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> swept = pool.submit(() -> {
                start.await();
                return p.sweep();
            });
            Future<?> renewed = pool.submit(() -> {
                start.await();
                for (String a : accounts) {
                    p.turnOn(a, ProtectionSettings.builder(ProtectionAudience.STRANGERS)
                            .treat(ProtectedAction.DM, ProtectionDecision.DENY), ProtectionPeriod.DAYS_7, "apikey:2");
                }
                return null;
            });
            renewed.get();
            swept.get();
        } finally {
            pool.shutdownNow();
        }

        Protections restarted = open(name);
        for (String a : accounts) {
            for (Protections q : List.of(p, restarted)) {
                assertThat(q.get(a).period()).as(a).isEqualTo(ProtectionPeriod.DAYS_7);
                assertThat(q.decide(a, ActorRelation.STRANGER, ProtectedAction.DM)).as(a)
                        .isEqualTo(ProtectionDecision.DENY);
            }
        }
        // per account the trail reads on, on or on, expire, on: an expiry is never recorded after the renewal
        Map<String, StringBuilder> trail = new HashMap<>();
        jdbc.sql("select subject, action from audit_log order by seq").query(rs -> {
            trail.computeIfAbsent(rs.getString(1), k -> new StringBuilder()).append(rs.getString(2)).append(' ');
        });
        assertThat(trail).hasSize(n);
        trail.values().forEach(t -> assertThat(t.toString().strip())
                .isIn("protection.on protection.on", "protection.on protection.expire protection.on"));
    }
}
