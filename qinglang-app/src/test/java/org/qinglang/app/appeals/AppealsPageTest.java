package org.qinglang.app.appeals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qinglang.app.cases.WorkflowFixture;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.app.cases.WorkflowFixture.postJson;
import static org.qinglang.app.cases.WorkflowFixture.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The appeals page: pending appeals with their decision and statement (escaped), the decide form only for a
 * senior reviewer who did not make the decision, and deciding by the form as the JSON endpoint does.
 */
@WebTest
class AppealsPageTest {

    private static final String EVIL = "<script>alert(1)</script>";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    JdbcClient db;
    @Autowired
    ObjectMapper json;

    private MockHttpServletResponse send(MockHttpServletRequestBuilder r) throws Exception {
        MockHttpServletResponse res = mvc.perform(r).andReturn().getResponse();
        res.setCharacterEncoding("UTF-8");
        return res;
    }

    /** A decision by {@code decider} against a fresh account and an appeal of it; returns {decision, appeal}. */
    private long[] appealed(String decider) throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        long decision = WorkflowFixture.sanctioned(mvc, json, key, unique("u"), decider).get("id").asLong();
        long appeal = json.readTree(send(postJson("/api/v1/appeals", key, "{\"decisionId\":" + decision + ",\"reason\":"
                + json.writeValueAsString("误判 " + EVIL) + "}")).getContentAsString()).get("id").asLong();
        return new long[]{decision, appeal};
    }

    private String list(RequestPostProcessor who) throws Exception {
        MockHttpServletResponse res = send(get("/console/appeals").with(who));
        assertThat(res.getStatus()).isEqualTo(200);
        return res.getContentAsString();
    }

    private static String formOf(long appeal) {
        return "action=\"/console/appeals/" + appeal + "/decide\"";
    }

    @Test
    void pendingAppealsShowTheirDecisionEscapedAndOnlyAnotherSeniorReviewerGetsTheForm() throws Exception {
        String decider = unique("alice");
        long[] a = appealed(decider);
        for (String role : new String[]{"REVIEWER", "SENIOR_REVIEWER", "COMPLIANCE_OFFICER", "AUDITOR", "ADMIN"}) {
            String html = list(user("someone").roles(role));
            assertThat(html).as(role).contains("id=\"appeal-" + a[1] + "\"").contains("误判 &lt;script&gt;alert(1)&lt;/script&gt;")
                    .doesNotContain(EVIL).contains("DECISION_GROUND_INCOMPATIBLE_CONTENT").contains("社区公约 第 3.2 条");
            assertThat(html.contains(formOf(a[1]))).as(role).isEqualTo(role.equals("SENIOR_REVIEWER"));
        }
        assertThat(list(user(decider).roles("SENIOR_REVIEWER"))).as("the decider").doesNotContain(formOf(a[1]));
        assertThat(send(get("/console/appeals").param("lang", "en").with(user("x").roles("AUDITOR"))).getContentAsString())
                .contains("Appeals").contains("content removed");
        assertThat(send(get("/console/appeals")).getStatus()).isEqualTo(302);
    }

    @Test
    void aSeniorReviewerDecidesByTheFormAsTheJsonEndpointDoes() throws Exception {
        String decider = unique("alice");
        long[] a = appealed(decider);
        MockHttpServletRequestBuilder overturn = post("/console/appeals/" + a[1] + "/decide").param("outcome", "overturn")
                .param("answer", "复核认定误判 " + EVIL);
        assertThat(send(overturn.with(user("sam").roles("SENIOR_REVIEWER"))).getStatus()).as("no CSRF token")
                .isEqualTo(403);
        assertThat(send(post("/console/appeals/" + a[1] + "/decide").param("outcome", "overturn").param("answer", "x")
                .with(user("bob").roles("REVIEWER")).with(csrf())).getStatus()).isEqualTo(403);
        MockHttpServletResponse own = send(post("/console/appeals/" + a[1] + "/decide").param("outcome", "overturn")
                .param("answer", "x").with(user(decider).roles("SENIOR_REVIEWER")).with(csrf()));
        assertThat(own.getStatus()).as("the decider may not decide the appeal").isEqualTo(403);
        assertThat(send(post("/console/appeals/" + a[1] + "/decide").param("outcome", "maybe").param("answer", "x")
                .with(user("sam").roles("SENIOR_REVIEWER")).with(csrf())).getStatus()).isEqualTo(400);
        // an answer refused (here: 2,008 characters) is shown again beside its appeal, with its choice, not lost
        String lines = ("一".repeat(99) + "\r\n").repeat(20);
        MockHttpServletResponse kept = send(post("/console/appeals/" + a[1] + "/decide").param("outcome", "overturn")
                .param("answer", lines + "<i>x</i>").with(user("sam").roles("SENIOR_REVIEWER")).with(csrf()));
        assertThat(kept.getStatus()).isEqualTo(400);
        assertThat(kept.getContentAsString()).contains("一".repeat(99) + "\n" + "一").contains("&lt;i&gt;x&lt;/i&gt;")
                .containsPattern("value=\"overturn\" required\\s+checked=\"checked\"");
        assertThat(send(post("/console/appeals/" + a[1] + "/decide").param("outcome", "uphold").param("answer", " ")
                .with(user("sam").roles("SENIOR_REVIEWER")).with(csrf())).getStatus()).isEqualTo(400);
        assertThat(db.sql("select status from appeal where id = ?").param(a[1]).query(String.class).single())
                .isEqualTo("pending");

        MvcResult done = mvc.perform(post("/console/appeals/" + a[1] + "/decide").param("outcome", "overturn")
                .param("answer", "复核认定误判 " + EVIL).with(user("sam").roles("SENIOR_REVIEWER")).with(csrf())).andReturn();
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/console/appeals");
        MockHttpServletResponse after = send(get("/console/appeals").flashAttrs(done.getFlashMap())
                .with(user("sam").roles("SENIOR_REVIEWER")));
        assertThat(after.getContentAsString()).contains("申诉 " + a[1] + " 已复核：申诉成立，已撤销")
                .doesNotContain("id=\"appeal-" + a[1] + "\"");
        assertThat(db.sql("select status || ' ' || decided_by || ' ' || answer from appeal where id = ?").param(a[1])
                .query(String.class).single()).isEqualTo("overturned sam 复核认定误判 " + EVIL);
        assertThat(db.sql("select reversed_at is not null from decision where id = ?").param(a[0]).query(Boolean.class)
                .single()).isTrue();
        assertThat(db.sql("select count(*) from webhook_outbox where decision_id = ? and kind = 'reversal'").param(a[0])
                .query(Long.class).single()).isEqualTo(1);
        assertThat(send(post("/console/appeals/" + a[1] + "/decide").param("outcome", "uphold").param("answer", "x")
                .with(user("sue").roles("SENIOR_REVIEWER")).with(csrf())).getStatus()).isEqualTo(409);

        long[] b = appealed(decider);
        // 2,000 characters once the browser's CR LF line breaks count as the one character its maxlength counted
        assertThat(send(post("/console/appeals/" + b[1] + "/decide").param("outcome", "uphold").param("answer", lines)
                .with(user("sam").roles("SENIOR_REVIEWER")).with(csrf())).getStatus()).isEqualTo(302);
        assertThat(db.sql("select status from appeal where id = ?").param(b[1]).query(String.class).single())
                .isEqualTo("upheld");
        assertThat(db.sql("select count(*) from strike where decision_id = ?").param(b[0]).query(Long.class).single())
                .isEqualTo(1);
    }
}
