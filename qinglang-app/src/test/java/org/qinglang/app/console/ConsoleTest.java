package org.qinglang.app.console;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.ConsoleUsers;
import org.qinglang.app.security.Role;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.Principals;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The console: Chinese by default, English on request, a real login, and user text escaped. */
@WebTest
class ConsoleTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    ConsoleUsers users;

    Principals who;

    @BeforeEach
    void principals() throws Exception {
        who = Principals.of(mvc, apiKeys, users);
    }

    private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder r) throws Exception {
        var res = mvc.perform(r).andReturn().getResponse();
        res.setCharacterEncoding("UTF-8");
        assertThat(res.getStatus()).isEqualTo(200);
        return res.getContentAsString();
    }

    @Test
    void theLoginPageIsChineseByDefaultAndEnglishOnRequest() throws Exception {
        assertThat(page(get("/login"))).contains("<html lang=\"zh\">").contains("清朗治理控制台").contains("密码")
                .contains("name=\"_csrf\"");
        assertThat(page(get("/login").param("lang", "en"))).contains("<html lang=\"en\">").contains("Password");
    }

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneSignsIn() throws Exception {
        assertThat(mvc.perform(formLogin("/login").user("t-auditor").password("wrong-password-1"))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(mvc.perform(formLogin("/login").user("t-auditor").password(Principals.PASSWORD))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/console");
    }

    @Test
    void fiveWrongPasswordsInARowLockTheNameAtThatAddressEvenForTheRightOne() throws Exception {
        String name = "t-throttled-" + System.nanoTime() % 1_000_000;
        users.create(name, Principals.PASSWORD, Role.AUDITOR, false, "test");
        for (int i = 0; i < 5; i++) { // LoginThrottle.FREE_FAILURES
            assertThat(mvc.perform(formLogin("/login").user(name).password("wrong-password-" + i))
                    .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        }
        assertThat(mvc.perform(formLogin("/login").user(name).password(Principals.PASSWORD))
                .andReturn().getResponse().getRedirectedUrl()).as("locked: the password is not even checked")
                .isEqualTo("/login?locked");
        assertThat(page(get("/login").param("locked", ""))).contains("登录失败次数过多");
        assertThat(mvc.perform(post("/login").param("username", name).param("password", Principals.PASSWORD)
                .with(csrf()).with(r -> {
                    r.setRemoteAddr("192.0.2.7");
                    return r;
                })).andReturn().getResponse().getRedirectedUrl()).as("from another address").isEqualTo("/console");
    }

    @Test
    void userTextOnTheHomePageIsEscaped() throws Exception {
        String evil = "<script>alert(1)</script>傻逼";
        String event = "{\"id\":\"xss-1\",\"type\":\"post\",\"ts\":\"2026-11-22T10:00:03Z\",\"actor\":\"<b>u</b>\","
                + "\"text\":\"" + evil.replace("\"", "\\\"") + "\"}";
        assertThat(mvc.perform(who.as(Scope.INGEST, post("/api/v1/events")).contentType(MediaType.APPLICATION_JSON)
                .content("[" + event + "]")).andReturn().getResponse().getStatus()).isEqualTo(202);
        String home = page(who.as(Role.REVIEWER, get("/console")));
        assertThat(home).contains("&lt;script&gt;alert(1)&lt;/script&gt;傻逼").doesNotContain("<script>alert")
                .contains("&lt;b&gt;u&lt;/b&gt;").contains("欢迎，t-reviewer（审核员）")
                .contains("<td>帖子</td>").contains("<td>拦截</td>").doesNotContain("<td>post</td>");
        assertThat(page(who.as(Role.REVIEWER, get("/console").param("lang", "en"))))
                .contains("Welcome, t-reviewer (reviewer)").contains("<td>block</td>");
    }

    @Test
    void anAdminMakesAKeyInTheConsoleAndSeesItOnce() throws Exception {
        String made = page(who.as(Role.ADMIN, post("/console/admin/keys").param("name", "<i>svc</i>")
                .param("scopes", "ingest").with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.csrf())));
        assertThat(made).containsPattern("<code id=\"new-key\">qk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}</code>")
                .contains("&lt;i&gt;svc&lt;/i&gt;");
        String again = page(who.as(Role.ADMIN, get("/console/admin/keys")));
        assertThat(again).doesNotContain("new-key").contains("&lt;i&gt;svc&lt;/i&gt;");
    }
}
