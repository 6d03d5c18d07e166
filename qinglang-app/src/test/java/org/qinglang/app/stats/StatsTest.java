package org.qinglang.app.stats;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.cases.WorkflowPolicy;
import org.qinglang.app.cases.WorkflowFixture;
import org.qinglang.app.server.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Statistics per China day and category on H2 and PostgreSQL, with rows placed on both sides of midnight. */
class StatsTest {

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

    private static OffsetDateTime t(String s) {
        return OffsetDateTime.parse(s);
    }

    private long aCase(JdbcClient jdbc, String category, String opened, String due, String decided) {
        jdbc.sql("insert into workflow_case (target, account, content_type, target_is_minor, category, severity, "
                        + "priority_rank, due, opened_at, status, decided_at, violation) values (?, 'u', 'account', false, ?, "
                        + "'minor', 0, ?, ?, ?, ?, ?)")
                .params("account:" + opened + category, category, t(due), t(opened), decided == null ? "open" : "decided",
                        decided == null ? null : t(decided), decided == null ? null : true).update();
        return jdbc.sql("select max(id) from workflow_case").query(Long.class).single();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void countsRatesAndSanctionedAccountsPerChinaDay(String name) {
        db = TestDatabases.named(name);
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        // 2026-12-01 in China: 2026-11-30T16:00Z .. 2026-12-01T16:00Z
        long onTime = aCase(jdbc, "cyberviolence", "2026-12-01T01:00:00+08:00", "2026-12-01T03:00:00+08:00",
                "2026-12-01T02:00:00+08:00");
        long late = aCase(jdbc, "cyberviolence", "2026-12-01T23:30:00+08:00", "2026-12-02T01:30:00+08:00",
                "2026-12-02T09:00:00+08:00");
        aCase(jdbc, "cyberviolence", "2026-12-01T12:00:00+08:00", "2026-12-01T14:00:00+08:00", null);
        aCase(jdbc, "rumour", "2026-12-02T00:10:00+08:00", "2099-01-01T00:00:00+08:00", null);
        for (long c : List.of(onTime, onTime, late)) {
            jdbc.sql("insert into report (api_key_id, reporter, category, target_account, minor_involved, credibility, "
                            + "created_at, case_id, outcome) values (1, 'r', 'cyberviolence', 'u', false, 0.75, ?, ?, 'founded')")
                    .params(c == late ? t("2026-12-01T23:40:00+08:00") : t("2026-12-01T01:10:00+08:00"), c).update();
        }
        for (String[] d : new String[][]{{"u-1", "mute", "2026-12-01T02:00:00+08:00", null},
                {"u-2", "mute", "2026-12-01T02:00:00+08:00", null}, {"u-1", "mute", "2026-12-01T02:30:00+08:00", null},
                {"u-3", "warn", "2026-12-01T02:00:00+08:00", "2026-12-01T05:00:00+08:00"}}) {
            jdbc.sql("insert into decision (case_id, account, category, severity, role, action, step, starts_at, decided_by, "
                            + "decided_at, statement, reversed_at) values (?, ?, 'cyberviolence', 'moderate', 'participant', ?, 3, ?, "
                            + "'alice', ?, '{}', ?)")
                    .params(onTime, d[0], d[1], t(d[2]), t(d[2]), d[3] == null ? null : t(d[3])).update();
        }
        List<Stats.Day> days = new Stats(jdbc, new WorkflowPolicy()).between(LocalDate.parse("2026-12-01"),
                LocalDate.parse("2026-12-02"));
        assertThat(days).extracting(d -> d.date() + " " + d.category())
                .containsExactly("2026-12-01 cyberviolence", "2026-12-02 cyberviolence", "2026-12-02 rumour");
        Stats.Day first = days.get(0);
        assertThat(first.reports()).isEqualTo(3);
        assertThat(first.opened()).isEqualTo(3);
        assertThat(first.handled()).isEqualTo(1);
        assertThat(first.sanctionedAccounts()).isEqualTo(Map.of("mute", 2L));
        assertThat(first.disposalRate()).isEqualTo(2.0 / 3);
        assertThat(first.onTimeRate()).isEqualTo(1.0 / 3);
        Stats.Day second = days.get(1);
        assertThat(second.handled()).isEqualTo(1);
        assertThat(second.opened()).isZero();
        assertThat(second.disposalRate()).isNull();
        assertThat(days.get(2).opened()).isEqualTo(1);
        assertThat(days.get(2).onTimeRate()).isNull();
        assertThat(days.get(2).disposalRate()).isEqualTo(0.0);
    }
}
