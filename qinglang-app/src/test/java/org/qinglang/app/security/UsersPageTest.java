package org.qinglang.app.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.server.Principals;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * User management and the forced first-password change in the console, through real sign-ins: an admin makes
 * a user (the one-time password shown once), the user is held on /console/password until they choose a
 * password the policy accepts, and a role change or disabling ends their session at once.
 */
@WebTest
class UsersPageTest {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Pattern ONE_TIME = Pattern.compile("<code id=\"one-time-password\">([A-Za-z0-9]{20})</code>");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    ConsoleUsers users;
    @Autowired
    JdbcClient db;

    Principals who;

    @BeforeEach
    void principals() throws Exception {
        who = Principals.of(mvc, apiKeys, users);
    }

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void twoAdminsDisablingEachOtherAtOnceLeaveOneOfThemAnAdmin() throws Exception {
        String a = uniqueName();
        String b = uniqueName();
        users.create(a, "admins-password-a", Role.ADMIN, false, "test");
        users.create(b, "admins-password-b", Role.ADMIN, false, "test");
        java.util.concurrent.Callable<Integer> aDisablesB = () -> mvc.perform(post("/console/users/enabled")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .user(a).roles("ADMIN")).with(csrf()).param("username", b).param("enabled", "false"))
                .andReturn().getResponse().getStatus();
        java.util.concurrent.Callable<Integer> bDisablesA = () -> mvc.perform(post("/console/users/enabled")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .user(b).roles("ADMIN")).with(csrf()).param("username", a).param("enabled", "false"))
                .andReturn().getResponse().getStatus();
        List<Integer> statuses = org.qinglang.app.cases.WorkflowFixture.atOnce(dataSource, aDisablesB, bDisablesA);
        assertThat(statuses).contains(409);
        assertThat(db.sql("select count(*) from console_user where username in (?, ?) and enabled").params(a, b)
                .query(Long.class).single()).as("one of the two is still an enabled admin").isEqualTo(1);
    }

    private static String uniqueName() {
        return "pw-user-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 1_000_000;
    }

    private MockHttpServletResponse as(MockHttpSession s, MockHttpServletRequestBuilder r) throws Exception {
        MockHttpServletResponse res = mvc.perform(r.session(s)).andReturn().getResponse();
        res.setCharacterEncoding("UTF-8");
        return res;
    }

    /** The admin makes {@code name} with {@code role} on the page; returns the one-time password it showed. */
    private String make(String name, String role) throws Exception {
        MockHttpServletResponse res = mvc.perform(who.as(Role.ADMIN, post("/console/users")).param("username", name)
                .param("role", role).with(csrf())).andReturn().getResponse();
        res.setCharacterEncoding("UTF-8");
        assertThat(res.getStatus()).isEqualTo(200);
        Matcher m = ONE_TIME.matcher(res.getContentAsString());
        assertThat(m.find()).as("the one-time password is on the page").isTrue();
        return m.group(1);
    }

    private MockHttpSession signIn(String name, String password, String expectRedirect) throws Exception {
        var result = mvc.perform(formLogin("/login").user(name).password(password)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(expectRedirect);
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private MockHttpServletResponse change(MockHttpSession s, String current, String next, String repeat) throws Exception {
        return as(s, post("/console/password").param("current", current).param("password", next)
                .param("repeat", repeat).with(csrf()));
    }

    @Test
    void aUserTheAdminMadeMustChangeTheOneTimePasswordBeforeAnythingElse() throws Exception {
        String name = uniqueName();
        String oneTime = make(name, "reviewer");
        assertThat(as(who.sessionOf(Role.ADMIN), get("/console/users")).getContentAsString())
                .contains(name).doesNotContain(oneTime).doesNotContain("one-time-password");
        assertThat(db.sql("select count(*) from audit_log where action = 'user.create' and subject = ?")
                .param("user:" + name).query(Long.class).single()).isEqualTo(1);

        MockHttpSession s = signIn(name, oneTime, "/console");
        for (String page : new String[]{"/console", "/console/cases", "/console/appeals", "/console/cases/1"}) {
            MockHttpServletResponse res = as(s, get(page));
            assertThat(res.getStatus()).as(page).isEqualTo(302);
            assertThat(res.getRedirectedUrl()).as(page).isEqualTo("/console/password");
        }
        MockHttpServletResponse api = as(s, get("/console/api/cases"));
        assertThat(api.getStatus()).isEqualTo(403);
        assertThat(api.getContentAsString()).contains("password_change_required");
        assertThat(as(s, post("/console/api/cases/1/claim").with(csrf())).getStatus()).isEqualTo(403);
        MockHttpServletResponse form = as(s, get("/console/password"));
        assertThat(form.getStatus()).isEqualTo(200);
        assertThat(form.getContentAsString()).contains("id=\"must-change\"").contains("name=\"_csrf\"");

        assertThat(change(s, oneTime, "short-pw", "short-pw").getStatus()).isEqualTo(400);
        MockHttpServletResponse sameAsName = change(s, oneTime, name, name);
        assertThat(sameAsName.getStatus()).isEqualTo(400);
        assertThat(sameAsName.getContentAsString()).contains("密码不能与用户名相同");
        assertThat(change(s, oneTime, "a-good-password-1", "a-good-password-2").getStatus()).isEqualTo(400);
        assertThat(change(s, "not-the-password", "a-good-password-1", "a-good-password-1").getStatus()).isEqualTo(400);
        assertThat(as(s, post("/console/password").param("current", oneTime).param("password", "a-good-password-1")
                .param("repeat", "a-good-password-1")).getStatus()).as("no CSRF token").isEqualTo(403);
        assertThat(as(s, get("/console")).getRedirectedUrl()).as("still held").isEqualTo("/console/password");

        MockHttpServletResponse done = change(s, oneTime, "a-good-password-1", "a-good-password-1");
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).isEqualTo("/console");
        assertThat(as(s, get("/console")).getStatus()).isEqualTo(200);
        assertThat(as(s, get("/console/cases")).getStatus()).isEqualTo(200);
        assertThat(as(s, get("/console/api/cases")).getStatus()).isEqualTo(200);
        assertThat(db.sql("select after from audit_log where action = 'user.password' and subject = ?")
                .param("user:" + name).query(String.class).single()).isEqualTo("{\"mustChangePassword\":false}");

        signIn(name, oneTime, "/login?error");
        MockHttpSession again = signIn(name, "a-good-password-1", "/console");
        assertThat(as(again, get("/console")).getStatus()).isEqualTo(200);
    }

    @Test
    void theFirstAdminCreatedAtTheFirstStartMustChangeItsPrintedPassword() {
        boolean printed = System.getenv(FirstAdmin.ENV) == null || System.getenv(FirstAdmin.ENV).isEmpty();
        assertThat(users.find("admin").orElseThrow().mustChangePassword()).isEqualTo(printed);
    }

    @Test
    void aRoleChangeOrDisablingEndsTheSessionAtOnce() throws Exception {
        String name = uniqueName();
        String oneTime = make(name, "reviewer");
        MockHttpSession s = signIn(name, oneTime, "/console");
        change(s, oneTime, "reviewers-password", "reviewers-password");
        assertThat(as(s, get("/console/stats")).getStatus()).as("a reviewer reads no statistics").isEqualTo(403);

        MockHttpServletResponse changed = mvc.perform(who.as(Role.ADMIN, post("/console/users/role"))
                .param("username", name).param("role", "auditor").with(csrf())).andReturn().getResponse();
        assertThat(changed.getRedirectedUrl()).isEqualTo("/console/users");
        assertThat(db.sql("select count(*) from audit_log where action = 'user.role' and subject = ?")
                .param("user:" + name).query(Long.class).single()).isEqualTo(1);
        MockHttpServletResponse out = as(s, get("/console"));
        assertThat(out.getRedirectedUrl()).isEqualTo("/login?expired");
        assertThat(as(s, get("/console")).getRedirectedUrl()).as("the session is gone").endsWith("/login");
        MockHttpSession auditor = signIn(name, "reviewers-password", "/console");
        assertThat(as(auditor, get("/console/stats")).getStatus()).isEqualTo(200);

        mvc.perform(who.as(Role.ADMIN, post("/console/users/enabled")).param("username", name).param("enabled", "false")
                .with(csrf()));
        assertThat(as(auditor, get("/console/api/cases")).getStatus()).isEqualTo(401);
        signIn(name, "reviewers-password", "/login?error");
        mvc.perform(who.as(Role.ADMIN, post("/console/users/enabled")).param("username", name).param("enabled", "true")
                .with(csrf()));
        signIn(name, "reviewers-password", "/console");
        assertThat(db.sql("select action from audit_log where subject = ? order by seq").param("user:" + name)
                .query(String.class).list()).containsExactly("user.create", "user.password", "user.role", "user.disable",
                "user.enable");
    }

    @Test
    void anAdminResetsAPasswordShownOnceAndTheUserMustChangeItAtTheNextSignIn() throws Exception {
        String name = uniqueName();
        String oneTime = make(name, "reviewer");
        MockHttpSession s = signIn(name, oneTime, "/console");
        change(s, oneTime, "my-own-password-1", "my-own-password-1");
        assertThat(as(s, get("/console/cases")).getStatus()).isEqualTo(200);

        assertThat(mvc.perform(who.as(Role.ADMIN, post("/console/users/password")).param("username", name))
                .andReturn().getResponse().getStatus()).as("no CSRF token").isEqualTo(403);
        for (Role other : new Role[]{Role.REVIEWER, Role.SENIOR_REVIEWER, Role.COMPLIANCE_OFFICER, Role.AUDITOR}) {
            assertThat(mvc.perform(who.as(other, post("/console/users/password")).param("username", name).with(csrf()))
                    .andReturn().getResponse().getStatus()).as(other.id()).isEqualTo(403);
        }
        signIn(name, "my-own-password-1", "/console");  // nothing changed yet

        MockHttpServletResponse reset = mvc.perform(who.as(Role.ADMIN, post("/console/users/password"))
                .param("username", name).with(csrf())).andReturn().getResponse();
        reset.setCharacterEncoding("UTF-8");
        assertThat(reset.getStatus()).isEqualTo(200);
        assertThat(reset.getContentAsString()).contains("已重置用户「" + name + "」的密码");
        Matcher m = ONE_TIME.matcher(reset.getContentAsString());
        assertThat(m.find()).as("the new one-time password is on the page").isTrue();
        String fresh = m.group(1);
        assertThat(fresh).isNotEqualTo(oneTime);
        assertThat(as(who.sessionOf(Role.ADMIN), get("/console/users")).getContentAsString())
                .doesNotContain(fresh).doesNotContain("one-time-password");
        assertThat(users.find(name).orElseThrow().mustChangePassword()).isTrue();
        String audited = db.sql("select actor || ' ' || before || ' ' || after from audit_log "
                + "where action = 'user.password.reset' and subject = ?").param("user:" + name).query(String.class).single();
        assertThat(audited).isEqualTo("user:t-admin {\"mustChangePassword\":false} {\"mustChangePassword\":true}")
                .doesNotContain(fresh);

        assertThat(as(s, get("/console/cases")).getRedirectedUrl()).as("the session they had is held")
                .isEqualTo("/console/password");
        signIn(name, "my-own-password-1", "/login?error");
        MockHttpSession next = signIn(name, fresh, "/console");
        assertThat(as(next, get("/console")).getRedirectedUrl()).isEqualTo("/console/password");
        assertThat(as(next, get("/console/api/cases")).getStatus()).isEqualTo(403);
        assertThat(as(next, get("/console/password")).getContentAsString()).contains("id=\"must-change\"");
        assertThat(change(next, fresh, "my-next-password-2", "my-next-password-2").getRedirectedUrl())
                .isEqualTo("/console");
        assertThat(as(next, get("/console/cases")).getStatus()).isEqualTo(200);
        assertThat(users.find(name).orElseThrow().mustChangePassword()).isFalse();
        signIn(name, fresh, "/login?error");
        assertThat(db.sql("select action from audit_log where subject = ? order by seq").param("user:" + name)
                .query(String.class).list()).containsExactly("user.create", "user.password", "user.password.reset",
                "user.password");
    }

    @Test
    void anAdminCannotResetTheirOwnPasswordOrAnUnknownUsers() throws Exception {
        long before = db.sql("select count(*) from audit_log where action = 'user.password.reset'").query(Long.class).single();
        MockHttpServletResponse self = mvc.perform(who.as(Role.ADMIN, post("/console/users/password"))
                .param("username", "t-admin").with(csrf())).andReturn().getResponse();
        self.setCharacterEncoding("UTF-8");
        assertThat(self.getStatus()).isEqualTo(409);
        assertThat(self.getContentAsString()).contains("不能在此重置自己的密码").doesNotContain("one-time-password");
        assertThat(users.find("t-admin").orElseThrow().mustChangePassword()).isFalse();
        signIn("t-admin", Principals.PASSWORD, "/console");
        MockHttpServletResponse unknown = mvc.perform(who.as(Role.ADMIN, post("/console/users/password"))
                .param("username", "<b>nobody</b>").with(csrf())).andReturn().getResponse();
        unknown.setCharacterEncoding("UTF-8");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getContentAsString()).contains("&lt;b&gt;nobody&lt;/b&gt;").doesNotContain("<b>nobody");
        assertThat(db.sql("select count(*) from audit_log where action = 'user.password.reset'").query(Long.class)
                .single()).isEqualTo(before);
        assertThat(as(who.sessionOf(Role.ADMIN), get("/console/users")).getContentAsString())
                .contains("action=\"/console/users/password\"");
    }

    @Test
    void theAdminCannotDisableOrReRoleThemselvesAndBadInputIsNamed() throws Exception {
        MockHttpServletResponse self = mvc.perform(who.as(Role.ADMIN, post("/console/users/enabled"))
                .param("username", "t-admin").param("enabled", "false").with(csrf())).andReturn().getResponse();
        self.setCharacterEncoding("UTF-8");
        assertThat(self.getStatus()).isEqualTo(409);
        assertThat(self.getContentAsString()).contains("不能更改自己的角色或停用自己");
        assertThat(users.find("t-admin").orElseThrow().enabled()).isTrue();
        assertThat(mvc.perform(who.as(Role.ADMIN, post("/console/users/role")).param("username", "t-admin")
                .param("role", "auditor").with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(409);
        assertThat(mvc.perform(who.as(Role.ADMIN, post("/console/users")).param("username", "<b>x</b>")
                .param("role", "reviewer").with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(who.as(Role.ADMIN, post("/console/users")).param("username", uniqueName())
                .param("role", "overlord").with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(who.as(Role.ADMIN, post("/console/users")).param("username", "t-reviewer")
                .param("role", "reviewer").with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(409);
        String en = mvc.perform(who.as(Role.ADMIN, get("/console/users")).param("lang", "en")).andReturn().getResponse()
                .getContentAsString();
        assertThat(en).contains("Users").contains("t-senior-reviewer").contains("senior-reviewer");
    }
}
