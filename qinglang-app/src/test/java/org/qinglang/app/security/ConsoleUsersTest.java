package org.qinglang.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.audit.AuditVerifier;
import org.qinglang.app.cases.WorkflowFixture;
import org.qinglang.app.server.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Console users on H2 and PostgreSQL: the password policy, who must change their password (the printed first
 * admin, a user an admin made; not the operator's own environment password), changing it, roles, disabling,
 * and every change in the audit trail, which still verifies.
 */
class ConsoleUsersTest {

    /** Every database a test opened (one test opens two), each dropped after it. */
    private final List<TestDatabases.Db> opened = new ArrayList<>();

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @AfterEach
    void drop() {
        opened.forEach(db -> db.drop().run());
        opened.clear();
    }

    private ConsoleUsers open(String name) {
        TestDatabases.Db db = TestDatabases.named(name);
        opened.add(db);
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        return new ConsoleUsers(jdbc, new BCryptPasswordEncoder(4), new AuditTrail(jdbc, new ObjectMapper()));
    }

    private static String code(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.status().value() + " " + e.code() + " " + e.field() + " " + e.limit();
        }
        return "accepted";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void thePrintedFirstAdminMustChangeThePasswordAndTheEnvironmentsNeedNot(String name) throws Exception {
        ConsoleUsers users = open(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FirstAdmin first = new FirstAdmin(users);
        first.create(null, new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> l.matches("[A-Za-z0-9]{20}")).findFirst().orElseThrow();
        assertThat(users.find("admin").orElseThrow().mustChangePassword()).isTrue();
        first.create("another-password-1", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(users.list()).hasSize(1);  // only at the first start

        assertThat(code(() -> users.changePassword("admin", "wrong-password-x", "a-new-password-1", "user:admin")))
                .isEqualTo("400 bad_value current OptionalLong.empty");
        assertThat(code(() -> users.changePassword("admin", printed, printed, "user:admin")))
                .isEqualTo("400 bad_value password OptionalLong.empty");
        assertThat(code(() -> users.changePassword("admin", printed, "short-1", "user:admin")))
                .isEqualTo("400 too_short password OptionalLong[12]");
        assertThat(users.find("admin").orElseThrow().mustChangePassword()).isTrue();
        assertThat(code(() -> users.changePassword("admin", printed, "a-new-password-1", "user:admin")))
                .isEqualTo("accepted");
        assertThat(users.find("admin").orElseThrow().mustChangePassword()).isFalse();
        assertThat(new BCryptPasswordEncoder().matches("a-new-password-1",
                users.loadUserByUsername("admin").getPassword())).isTrue();

        ConsoleUsers fromEnv = open(name);
        new FirstAdmin(fromEnv).create("operator-chosen-password",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(fromEnv.find("admin").orElseThrow().mustChangePassword()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void thePolicyRefusesShortLongAndNameEqualPasswordsNamingTheLimit(String name) {
        ConsoleUsers users = open(name);
        assertThat(code(() -> users.create("carol", "elevenchars", Role.REVIEWER, false, "test")))
                .isEqualTo("400 too_short password OptionalLong[12]");
        assertThat(code(() -> users.create("carol", "密码".repeat(13), Role.REVIEWER, false, "test")))
                .isEqualTo("400 too_long password OptionalLong[72]");
        assertThat(code(() -> users.create("carol.reviewer", "Carol.Reviewer", Role.REVIEWER, false, "test")))
                .isEqualTo("400 bad_value password OptionalLong.empty");
        assertThat(code(() -> users.create("Carol!", "twelve-chars", Role.REVIEWER, false, "test")))
                .isEqualTo("400 bad_value username OptionalLong.empty");
        assertThat(code(() -> users.create("carol", "twelve-chars", Role.REVIEWER, false, "test"))).isEqualTo("accepted");
        // the longest name: as an actor of the audit trail ("user:" + name) it fills the 64-character column
        String longest = "l" + "o".repeat(57) + "g";
        assertThat(code(() -> users.create(longest + "x", "twelve-chars", Role.ADMIN, false, "test")))
                .isEqualTo("400 bad_value username OptionalLong.empty");
        assertThat(code(() -> users.create(longest, "twelve-chars", Role.ADMIN, false, "test"))).isEqualTo("accepted");
        assertThat(code(() -> users.setEnabled("carol", false, "user:" + longest))).isEqualTo("accepted");
        assertThat(code(() -> users.create("carol", "twelve-chars", Role.AUDITOR, false, "test")))
                .isEqualTo("409 exists username OptionalLong.empty");
        assertThat(PasswordPolicy.check("carol", "a".repeat(12), "p")).isEmpty();
        assertThat(PasswordPolicy.check("carol", "密".repeat(24), "p")).isEmpty();     // 72 bytes
        assertThat(PasswordPolicy.check("carol", "密".repeat(25), "p")).isPresent();  // 75 bytes
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAdminMakesChangesAndDisablesUsersButNotThemselvesAndEveryChangeIsAudited(String name) throws Exception {
        ConsoleUsers users = open(name);
        users.create("root", "root-password-1", Role.ADMIN, false, "system");
        String oneTime = users.createWithOneTimePassword("dave", Role.REVIEWER, "user:root");
        assertThat(oneTime).matches("[A-Za-z0-9]{20}");
        ConsoleUsers.Account dave = users.find("dave").orElseThrow();
        assertThat(dave.mustChangePassword()).isTrue();
        assertThat(dave.enabled()).isTrue();
        users.changeRole("dave", Role.SENIOR_REVIEWER, "user:root");
        assertThat(users.roleOf("dave")).contains(Role.SENIOR_REVIEWER);
        users.setEnabled("dave", false, "user:root");
        assertThat(users.loadUserByUsername("dave").isEnabled()).isFalse();
        users.setEnabled("dave", true, "user:root");
        assertThat(code(() -> users.setEnabled("root", false, "user:root"))).isEqualTo("409 self username OptionalLong.empty");
        assertThat(code(() -> users.changeRole("root", Role.AUDITOR, "user:root"))).startsWith("409 self");
        assertThat(code(() -> users.changeRole("nobody", Role.AUDITOR, "user:root"))).startsWith("404 not_found");
        users.changePassword("dave", oneTime, "daves-own-password", "user:dave");

        TestDatabases.Db db = opened.get(opened.size() - 1);
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        assertThat(jdbc.sql("select action from audit_log where subject = 'user:dave' order by seq").query(String.class)
                .list()).containsExactly("user.create", "user.role", "user.disable", "user.enable", "user.password");
        String all = String.join("\n", jdbc.sql("select coalesce(before, '') || coalesce(after, '') from audit_log")
                .query(String.class).list());
        assertThat(all).doesNotContain(oneTime).doesNotContain("daves-own-password").doesNotContain("$2a$");
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(AuditVerifier.verify(c).intact()).isTrue();
        }
    }
}
