package org.qinglang.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qinglang.app.cases.Intake;
import org.qinglang.app.cases.WorkflowFixture;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.qinglang.core.stream.Alert;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.app.cases.WorkflowFixture.postJson;
import static org.qinglang.app.cases.WorkflowFixture.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The case page: what it shows (escaped), the claim button and the decide form for the roles the JSON endpoints
 * allow, the statement of reasons a decision makes (the same decision as {@code POST /console/api/cases/{id}/decide}),
 * and evidence capture for a case about an account.
 */
@WebTest
class CasePageTest {

    private static final String EVIL = "<script>alert(1)</script>";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    JdbcClient db;
    @Autowired
    ObjectMapper json;
    @Autowired
    Intake intake;

    static RequestPostProcessor reviewer(String name) {
        return user(name).roles("REVIEWER");
    }

    static RequestPostProcessor senior(String name) {
        return user(name).roles("SENIOR_REVIEWER");
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder r) throws Exception {
        MockHttpServletResponse res = mvc.perform(r).andReturn().getResponse();
        res.setCharacterEncoding("UTF-8");
        return res;
    }

    private String page(long caseId, RequestPostProcessor who) throws Exception {
        MockHttpServletResponse res = send(get("/console/cases/" + caseId).with(who));
        assertThat(res.getStatus()).isEqualTo(200);
        return res.getContentAsString();
    }

    /** A report on a fresh account (about a comment), with {@code reason}; returns the case id. */
    private long reported(String key, String account, String reason) throws Exception {
        String body = "{\"reporter\":\"" + unique("r") + "\",\"category\":\"网络暴力\",\"target\":{\"account\":\""
                + account + "\",\"content\":\"" + unique("c") + "\",\"contentType\":\"comment\"},\"reason\":"
                + json.writeValueAsString(reason) + "}";
        return json.readTree(send(postJson("/api/v1/reports", key, body)).getContentAsString()).get("caseId").asLong();
    }

    private MockHttpServletResponse decideByForm(long caseId, RequestPostProcessor who, String... params) throws Exception {
        MockHttpServletRequestBuilder r = post("/console/cases/" + caseId + "/decide").with(who).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            r.param(params[i], params[i + 1]);
        }
        return send(r);
    }

    private static final String[] FORM = {"violation", "true", "severity", "moderate", "role", "participant",
            "groundKind", "terms", "groundReference", "社区公约 第 3.2 条", "groundExplanation", "辱骂他人",
            "facts", "评论中辱骂被举报人"};

    @Test
    void everyStaffRoleReadsTheCaseWithUserTextEscapedAndTheQueueLinksToIt() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        String account = "<i>" + unique("u") + "</i>";
        long id = reported(key, account, EVIL + "辱骂");
        String eventId = unique("e");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.sql("insert into event (id, type, ts, actor, text, suggestion, risk_level, labels, received_at, api_key_id) "
                        + "values (?, 'comment', ?, ?, ?, 'block', 'high', '[]', ?, 1)")
                .params(eventId, now, "<b>troll</b>", EVIL + "傻逼", now).update();
        db.sql("insert into intake_queue (event_id) values (?)").param(eventId).update();
        intake.verdicts(10_000);
        long eventCase = db.sql("select id from workflow_case where target = ?").param("content:" + eventId)
                .query(Long.class).single();
        for (String role : List.of("REVIEWER", "SENIOR_REVIEWER", "COMPLIANCE_OFFICER", "AUDITOR", "ADMIN")) {
            String html = page(id, user("someone").roles(role));
            assertThat(html).as(role).contains("&lt;script&gt;alert(1)&lt;/script&gt;辱骂").doesNotContain(EVIL)
                    .contains("&lt;i&gt;").doesNotContain(account).contains("网络暴力");
            String content = page(eventCase, user("someone").roles(role));
            assertThat(content).contains("&lt;script&gt;alert(1)&lt;/script&gt;傻逼").contains("&lt;b&gt;troll&lt;/b&gt;")
                    .doesNotContain(EVIL).doesNotContain("<b>troll");
        }
        assertThat(send(get("/console/cases").with(reviewer("someone"))).getContentAsString())
                .contains("href=\"/console/cases/" + id + "\"");
        assertThat(page(id, reviewer("someone"))).contains("id=\"claim\"").doesNotContain("id=\"decide\"");
        assertThat(page(id, user("someone").roles("AUDITOR"))).doesNotContain("id=\"claim\"");
        assertThat(page(id, user("someone").roles("ADMIN"))).doesNotContain("id=\"claim\"");
        assertThat(send(get("/console/cases/" + id).param("lang", "en").with(reviewer("someone"))).getContentAsString())
                .contains("Case " + id).contains("Cyberviolence").contains("The ladder");
        assertThat(send(get("/console/cases/999999999").with(reviewer("someone"))).getStatus()).isEqualTo(404);
        assertThat(send(get("/console/cases/x").with(reviewer("someone"))).getStatus()).isEqualTo(400);
        assertThat(send(get("/console/cases/" + id)).getStatus()).isEqualTo(302);
    }

    @Test
    void aReviewerClaimsAndDecidesByTheFormAndSeesTheStatementOfReasons() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        long id = reported(key, unique("u"), "骂人");
        String alice = unique("alice");
        assertThat(send(post("/console/cases/" + id + "/claim").with(reviewer(alice))).getStatus())
                .as("no CSRF token").isEqualTo(403);
        assertThat(send(post("/console/cases/" + id + "/claim").with(user("a").roles("AUDITOR")).with(csrf())).getStatus())
                .isEqualTo(403);
        assertThat(decideByForm(id, reviewer(alice), FORM).getStatus()).as("not claimed yet").isEqualTo(409);
        MockHttpServletResponse claimed = send(post("/console/cases/" + id + "/claim").with(reviewer(alice)).with(csrf()));
        assertThat(claimed.getRedirectedUrl()).isEqualTo("/console/cases/" + id);
        assertThat(send(post("/console/cases/" + id + "/claim").with(reviewer(unique("bob"))).with(csrf())).getStatus())
                .isEqualTo(409);
        String form = page(id, reviewer(alice));
        assertThat(form).contains("id=\"decide\"").contains("name=\"_csrf\"")
                .contains("<option value=\"3\"").doesNotContain("<option value=\"7\"");  // 7: permanent mute
        assertThat(page(id, reviewer(unique("bob")))).doesNotContain("id=\"decide\"");

        MockHttpServletResponse refused = decideByForm(id, reviewer(alice), with(FORM, "step", "7"));
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentAsString()).contains("decide-severe");
        MockHttpServletResponse noFacts = decideByForm(id, reviewer(alice), with(FORM, "facts", " "));
        assertThat(noFacts.getStatus()).isEqualTo(400);
        assertThat(noFacts.getContentAsString()).contains("facts").contains("value=\"社区公约 第 3.2 条\"");
        assertThat(decideByForm(id, reviewer(alice), with(FORM, "severity", "awful")).getStatus()).isEqualTo(400);
        assertThat(send(post("/console/cases/" + id + "/decide").with(reviewer(alice)).params(toParams(FORM))).getStatus())
                .as("no CSRF token").isEqualTo(403);
        assertThat(db.sql("select count(*) from decision where case_id = ?").param(id).query(Long.class).single()).isZero();

        MvcResult done = mvc.perform(post("/console/cases/" + id + "/decide").with(reviewer(alice)).with(csrf())
                .params(toParams(with(FORM, "facts", "事实：" + EVIL)))).andReturn();
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/console/cases/" + id);
        MockHttpServletResponse shown = send(get("/console/cases/" + id).with(reviewer(alice))
                .flashAttrs(done.getFlashMap()));
        assertThat(shown.getContentAsString()).contains("id=\"statements\"").contains("处理决定：删除内容")
                .contains("处理依据：违反平台规则，社区公约 第 3.2 条：辱骂他人").contains("事实：事实：&lt;script&gt;")
                .doesNotContain(EVIL).contains("申诉").contains("已结案");
        String later = page(id, user("someone").roles("AUDITOR"));
        assertThat(later).contains("违反平台规则 (DECISION_GROUND_INCOMPATIBLE_CONTENT)").contains("<dd>删除内容</dd>")
                .doesNotContain("id=\"statements\"").doesNotContain(EVIL);
        assertThat(decideByForm(id, reviewer(alice), FORM).getStatus()).as("decided cases stay decided").isEqualTo(409);
    }

    @Test
    void theFormDecidesExactlyAsTheJsonEndpointDoes() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        String sam = unique("sam");
        long byJson = reported(key, unique("u"), "骂人");
        long byForm = reported(key, unique("u"), "骂人");
        for (long c : new long[]{byJson, byForm}) {
            mvc.perform(post("/console/api/cases/" + c + "/claim").with(senior(sam)).with(csrf()));
        }
        String body = "{\"severity\":\"serious\",\"role\":\"inciter\",\"step\":5,\"category\":\"doxxing\","
                + "\"ground\":{\"kind\":\"law\",\"reference\":\"《网络信息内容生态治理规定》第七条\",\"explanation\":\"人肉搜索\"},"
                + "\"facts\":\"公开他人住址\"}";
        JsonNode viaJson = json.readTree(send(post("/console/api/cases/" + byJson + "/decide").with(senior(sam)).with(csrf())
                .contentType("application/json").content(body)).getContentAsString()).get("decisions").get(0);
        assertThat(decideByForm(byForm, senior(sam), "violation", "true", "severity", "serious", "role", "inciter",
                "step", "5", "category", "doxxing", "groundKind", "law", "groundReference", "《网络信息内容生态治理规定》第七条",
                "groundExplanation", "人肉搜索", "facts", "公开他人住址").getStatus()).isEqualTo(302);
        String columns = "category, severity, role, action, step, duration_s, decided_by";
        Map<String, Object> a = db.sql("select " + columns + " from decision where case_id = ?").param(byJson)
                .query().singleRow();
        Map<String, Object> b = db.sql("select " + columns + " from decision where case_id = ?").param(byForm)
                .query().singleRow();
        assertThat(b).isEqualTo(a);
        assertThat(a.get("step")).isEqualTo(5);
        JsonNode s1 = json.readTree(db.sql("select statement from decision where case_id = ?").param(byJson)
                .query(String.class).single());
        JsonNode s2 = json.readTree(db.sql("select statement from decision where case_id = ?").param(byForm)
                .query(String.class).single());
        for (String same : List.of("contentType", "category", "decisionGround", "groundReference", "groundExplanation",
                "facts", "source", "automatedDetection", "automatedDecision", "territorialScope", "action", "duration",
                "permanent", "appealHow", "step", "role", "severity", "ladder", "reasoning")) {
            assertThat(s2.get(same)).as(same).isEqualTo(s1.get(same));
        }
        assertThat(viaJson.get("statement").get("facts").asText()).isEqualTo("公开他人住址");
        assertThat(page(byForm, user("someone").roles("AUDITOR"))).contains("<dd>禁言</dd>").contains("<dd>30 天</dd>")
                .contains("<dd>违反法律法规 (DECISION_GROUND_ILLEGAL_CONTENT)</dd>").contains("<dd>泄露隐私/人肉</dd>");
        assertThat(send(get("/console/cases/" + byForm).param("lang", "en").with(user("someone").roles("AUDITOR")))
                .getContentAsString()).contains("<dd>30 day(s)</dd>").contains("<dd>muted</dd>");

        long none = reported(key, unique("u"), "误报");
        mvc.perform(post("/console/api/cases/" + none + "/claim").with(reviewer(sam)).with(csrf()));
        assertThat(decideByForm(none, reviewer(sam), "violation", "false", "facts", "正常批评").getStatus()).isEqualTo(302);
        assertThat(db.sql("select violation from workflow_case where id = ?").param(none).query(Boolean.class).single())
                .isFalse();
        assertThat(db.sql("select outcome from report where case_id = ?").param(none).query(String.class).single())
                .isEqualTo("unfounded");
    }

    @Test
    void aComplianceOfficerWhoClaimedACaseCannotCloseItAsNoViolation() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        long id = reported(key, unique("u"), "人肉");
        RequestPostProcessor officer = user(unique("co")).roles("COMPLIANCE_OFFICER");
        assertThat(send(post("/console/api/cases/" + id + "/claim").with(officer).with(csrf())).getStatus()).isEqualTo(200);
        assertThat(page(id, officer)).contains("id=\"decide\"").doesNotContain("value=\"false\"")
                .as("the ladder's first step (a warning) is not a compliance officer's to apply: said before submitting")
                .contains("id=\"suggestion-not-yours\"");

        MockHttpServletResponse json = send(post("/console/api/cases/" + id + "/decide").with(officer).with(csrf())
                .contentType("application/json").content("{\"violation\":false,\"facts\":\"x\"}"));
        assertThat(json.getStatus()).isEqualTo(403);
        assertThat(json.getContentAsString()).contains("decide");
        assertThat(decideByForm(id, officer, "violation", "false", "facts", "x").getStatus()).isEqualTo(403);
        assertThat(db.sql("select status from workflow_case where id = ?").param(id).query(String.class).single())
                .isEqualTo("claimed");
        assertThat(db.sql("select outcome from report where case_id = ?").param(id).query(String.class).single())
                .as("the report is not settled").isEqualTo("open");
    }

    @Test
    void whoClaimedACasePutsItBackInTheQueueAndASeniorReviewerMayPutBackAnyones() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        long id = reported(key, unique("u"), "骂人");
        RequestPostProcessor officer = user(unique("co")).roles("COMPLIANCE_OFFICER");
        String alice = unique("alice");
        String sam = unique("sam");
        assertThat(send(post("/console/cases/" + id + "/release").with(reviewer(alice)).with(csrf())).getStatus())
                .as("an open case is not held").isEqualTo(409);

        // a compliance officer claimed it for a referral that is not needed: the page offers to put it back
        assertThat(send(post("/console/cases/" + id + "/claim").with(officer).with(csrf())).getStatus()).isEqualTo(302);
        assertThat(page(id, officer)).contains("id=\"release\"").contains("放回队列");
        assertThat(page(id, reviewer(alice))).doesNotContain("id=\"release\"");
        assertThat(send(post("/console/cases/" + id + "/release").with(officer)).getStatus()).as("no CSRF token")
                .isEqualTo(403);
        assertThat(send(post("/console/cases/" + id + "/release").with(officer).with(csrf())).getRedirectedUrl())
                .isEqualTo("/console/cases/" + id);
        assertThat(db.sql("select status from workflow_case where id = ?").param(id).query(String.class).single())
                .isEqualTo("open");

        // alice claims it; another reviewer may not put it back, a senior reviewer may (改派), and it is audited
        assertThat(send(post("/console/api/cases/" + id + "/claim").with(reviewer(alice)).with(csrf())).getStatus())
                .isEqualTo(200);
        MockHttpServletResponse refused = send(post("/console/api/cases/" + id + "/release")
                .with(reviewer(unique("bob"))).with(csrf()));
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentAsString()).contains("reassign");
        assertThat(page(id, senior(sam))).contains("id=\"release\"");
        MockHttpServletResponse freed = send(post("/console/api/cases/" + id + "/release").with(senior(sam)).with(csrf()));
        assertThat(freed.getStatus()).isEqualTo(200);
        assertThat(freed.getContentAsString()).contains("\"status\":\"open\"");
        assertThat(db.sql("select claimed_by from workflow_case where id = ?").param(id).query(String.class).optional())
                .isEmpty();
        assertThat(db.sql("select count(*) from audit_log where action = 'case.release' and subject = ? and actor = ?")
                .params("case:" + id, "user:" + sam).query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("select before from audit_log where action = 'case.release' and subject = ? and actor = ?")
                .params("case:" + id, "user:" + sam).query(String.class).single()).contains(alice);

        // the queue goes on: someone claims and decides it; a decided case cannot be put back
        assertThat(send(post("/console/api/cases/" + id + "/claim").with(reviewer(alice)).with(csrf())).getStatus())
                .isEqualTo(200);
        assertThat(decideByForm(id, reviewer(alice), FORM).getStatus()).isEqualTo(302);
        assertThat(send(post("/console/api/cases/" + id + "/release").with(reviewer(alice)).with(csrf())).getStatus())
                .isEqualTo(409);
    }

    @Test
    void aCaseAboutAnAccountCapturesEvidenceAndAContentCaseDoesNot() throws Exception {
        String victim = unique("v");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.sql("insert into event (id, type, ts, actor, target_account, text, suggestion, risk_level, labels, received_at, "
                        + "api_key_id) values (?, 'comment', ?, 'troll', ?, ?, 'block', 'high', '[]', ?, 1)")
                .params(unique("e"), now, victim, EVIL + "滚", now).update();
        long id = intake.alert(new Alert(Instant.now(), Alert.Kind.PILEON, victim, Alert.Level.SEVERE,
                new Alert.Evidence(Map.of(), List.of()), Map.of("troll", Alert.Role.FIRST))).orElseThrow();
        assertThat(page(id, reviewer("someone"))).contains("一键取证").contains("尚未取证").contains("首发者");
        assertThat(send(post("/console/cases/" + id + "/evidence").with(user("a").roles("AUDITOR")).with(csrf()))
                .getStatus()).isEqualTo(403);
        assertThat(send(post("/console/cases/" + id + "/evidence").with(reviewer("someone"))).getStatus())
                .as("no CSRF token").isEqualTo(403);
        MvcResult captured = mvc.perform(post("/console/cases/" + id + "/evidence").with(reviewer("rita")).with(csrf()))
                .andReturn();
        assertThat(captured.getResponse().getRedirectedUrl()).isEqualTo("/console/cases/" + id);
        String bundle = (String) captured.getFlashMap().get("captured");
        assertThat(db.sql("select captured_by from evidence_bundle where id = ?").param(bundle).query(String.class)
                .single()).isEqualTo("user:rita");
        assertThat(page(id, user("someone").roles("AUDITOR"))).contains("href=\"/console/evidence/" + bundle + "\"");
        MockHttpServletResponse view = send(get("/console/evidence/" + bundle).with(user("someone").roles("AUDITOR")));
        assertThat(view.getStatus()).isEqualTo(200);
        assertThat(view.getContentAsString()).contains("取证包").contains("&lt;script&gt;alert(1)&lt;/script&gt;滚")
                .doesNotContain(EVIL);
        assertThat(send(get("/console/evidence/00000000-0000-0000-0000-000000000000").with(reviewer("x"))).getStatus())
                .isEqualTo(404);

        long content = reported(WorkflowFixture.key(keys, Scope.REPORT), unique("u"), "x");
        assertThat(page(content, reviewer("someone"))).doesNotContain("一键取证</button>");
        assertThat(send(post("/console/cases/" + content + "/evidence").with(reviewer("someone")).with(csrf())).getStatus())
                .isEqualTo(400);
    }

    @Test
    void aPileOnCaseNeverOffersToPunishThePersonPiledOn() throws Exception {
        String victim = unique("victim");
        long id = intake.alert(new Alert(Instant.now(), Alert.Kind.PILEON, victim, Alert.Level.SEVERE,
                new Alert.Evidence(Map.of(), List.of()), Map.of(unique("f"), Alert.Role.FIRST))).orElseThrow();
        String sam = unique("sam");
        assertThat(send(post("/console/api/cases/" + id + "/claim").with(senior(sam)).with(csrf())).getStatus())
                .isEqualTo(200);
        String html = page(id, senior(sam));
        String decide = html.substring(html.indexOf("id=\"decide\""), html.indexOf("id=\"batch\""));
        assertThat(decide).doesNotContain("name=\"violation\" value=\"true\"").contains("value=\"false\"")
                .contains("处罚对象是下方的参与账号");
        assertThat(html).doesNotContain("id=\"suggestion\"");
        MockHttpServletResponse refused = decideByForm(id, senior(sam), FORM);
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(db.sql("select count(*) from strike where account = ?").param(victim).query(Long.class).single())
                .isZero();
        assertThat(decideByForm(id, senior(sam), "violation", "false", "facts", "不构成网暴").getStatus()).isEqualTo(302);
    }

    @Test
    void aFormOrQueryParameterWithANulCharacterIsRefusedBeforeAnyHandler() throws Exception {
        long id = reported(WorkflowFixture.key(keys, Scope.REPORT), unique("u"), "x");
        String alice = unique("alice");
        send(post("/console/api/cases/" + id + "/claim").with(reviewer(alice)).with(csrf()));
        assertThat(decideByForm(id, reviewer(alice), with(FORM, "facts", "辱骂\u0000他人")).getStatus()).isEqualTo(400);
        assertThat(send(get("/console/cases").param("q", "\ud800").with(reviewer(alice))).getStatus()).isEqualTo(400);
        assertThat(db.sql("select count(*) from decision where case_id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(decideByForm(id, reviewer(alice), FORM).getStatus()).isEqualTo(302);
    }

    @Test
    void theLanguageLinkLeadsToThePageBeingReadAndKeepsItsQuery() throws Exception {
        long id = reported(WorkflowFixture.key(keys, Scope.REPORT), unique("u"), "x");
        String alice = unique("alice");
        send(post("/console/api/cases/" + id + "/claim").with(reviewer(alice)).with(csrf()));
        String shown = send(get("/console/cases/" + id + "?role=inciter").with(reviewer(alice))).getContentAsString();
        assertThat(shown).contains("href=\"/console/cases/" + id + "?role=inciter&amp;lang=en\"");
        // a refused post shows the form's page again at the form's address, which answers POST only
        MockHttpServletResponse refused = send(post("/console/cases/" + id + "/decide").with(reviewer(alice)).with(csrf())
                .header("Referer", "http://localhost/console/cases/" + id).params(toParams(with(FORM, "facts", " "))));
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("href=\"/console/cases/" + id + "?lang=en\"")
                .doesNotContain("/decide?lang");
        MockHttpServletResponse elsewhere = send(post("/console/cases/" + id + "/decide").with(reviewer(alice))
                .with(csrf()).header("Referer", "https://evil.example/x").params(toParams(with(FORM, "facts", " "))));
        assertThat(elsewhere.getContentAsString()).contains("href=\"/console?lang=en\"").doesNotContain("evil.example");
    }

    @Test
    void idsAreWrittenWithoutGroupingSeparators() throws Exception {
        long next = db.sql("select max(id) from workflow_case").query(Long.class).optional().orElse(0L) + 1_000_000;
        db.sql("alter table workflow_case alter column id restart with " + next).update();
        long id = reported(WorkflowFixture.key(keys, Scope.REPORT), unique("u"), "x");
        assertThat(id).isGreaterThanOrEqualTo(1_000_000);
        String en = send(get("/console/cases/" + id).param("lang", "en").with(reviewer("someone"))).getContentAsString();
        assertThat(en).contains("Case " + id).doesNotContain("Case 1,");
        assertThat(page(id, reviewer("someone"))).contains("案件 " + id);
    }

    @Test
    void theDecideFormKeepsTheRoleRecomputedAbove() throws Exception {
        long id = reported(WorkflowFixture.key(keys, Scope.REPORT), unique("u"), "x");
        String alice = unique("alice");
        send(post("/console/api/cases/" + id + "/claim").with(reviewer(alice)).with(csrf()));
        String html = send(get("/console/cases/" + id).param("role", "inciter").with(reviewer(alice)))
                .getContentAsString();
        String decide = html.substring(html.indexOf("id=\"decide\""));
        assertThat(decide).containsPattern("<option value=\"inciter\" selected=\"selected\"");
        assertThat(html).as("a reviewer may apply the step suggested for a first offence")
                .doesNotContain("id=\"suggestion-not-yours\"");
    }

    /** A pile-on alert on a fresh victim naming {@code roles}; returns its case id. */
    private long pileOn(Map<String, Alert.Role> roles) {
        return intake.alert(new Alert(Instant.now(), Alert.Kind.PILEON, unique("victim"), Alert.Level.SEVERE,
                new Alert.Evidence(Map.of(), List.of()), roles)).orElseThrow();
    }

    private static final String[] BATCH = {"severity", "moderate", "groundKind", "terms",
            "groundReference", "社区公约 第 3.2 条", "groundExplanation", "网暴他人", "facts", "多人围攻辱骂被害人"};

    /** The batch form as the page fills it: each row's account and its preselected role, then {@code BATCH}. */
    private static org.springframework.util.MultiValueMap<String, String> batchAsShown(String html) {
        org.springframework.util.MultiValueMap<String, String> m = toParams(BATCH);
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("name=\"account\" value=\"([^\"]*)\">.*?"
                + "<select name=\"role\">.*?<option value=\"([^\"]+)\" selected=\"selected\"",
                java.util.regex.Pattern.DOTALL).matcher(html.substring(html.indexOf("id=\"batch\"")));
        while (row.find()) {
            m.add("account", org.springframework.web.util.HtmlUtils.htmlUnescape(row.group(1)));
            m.add("role", row.group(2));
        }
        return m;
    }

    @Test
    void aSeniorReviewerDecidesEveryParticipantByRoleWithTheBatchForm() throws Exception {
        String first = unique("first");
        String evil = "<b>" + unique("inciter") + "</b>";
        String member = unique("member");
        String left = unique("left");
        long id = pileOn(Map.of(first, Alert.Role.FIRST, evil, Alert.Role.INCITER, member, Alert.Role.PARTICIPANT,
                left, Alert.Role.PARTICIPANT));
        String sara = unique("sara");
        assertThat(page(id, senior(sara))).as("not claimed yet").doesNotContain("id=\"batch\"");
        mvc.perform(post("/console/cases/" + id + "/claim").with(senior(sara)).with(csrf()));
        assertThat(page(id, reviewer(unique("rob")))).doesNotContain("id=\"batch\"");
        String html = page(id, senior(sara));
        assertThat(html).contains("id=\"batch\"").contains("action=\"/console/cases/" + id + "/batch-decide\"")
                .contains("name=\"_csrf\"").contains("&lt;b&gt;inciter").doesNotContain(evil)
                .contains("<option value=\"first-poster\" selected=\"selected\">首发者</option>")
                .contains("<option value=\"skip\">不处理</option>");
        assertThat(html.substring(html.indexOf("id=\"batch\""))).as("the batch form has its own basis and facts")
                .contains("name=\"groundKind\"").contains("name=\"groundReference\"")
                .contains("name=\"groundExplanation\"").contains("name=\"facts\"");
        assertThat(send(get("/console/cases/" + id).param("lang", "en").with(senior(sara))).getContentAsString())
                .contains("Batch decision (by role)").contains("leave out").contains("(4 accounts, less those left out)");
        org.springframework.util.MultiValueMap<String, String> shown = batchAsShown(html);
        assertThat(shown.get("account")).containsExactlyInAnyOrder(first, evil, member, left);
        // leave one account out
        org.springframework.util.MultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>(shown);
        List<String> roles = new java.util.ArrayList<>(shown.get("role"));
        roles.set(shown.get("account").indexOf(left), "skip");
        form.put("role", roles);

        String path = "/console/cases/" + id + "/batch-decide";
        assertThat(send(post(path).with(senior(sara)).params(form)).getStatus()).as("no CSRF token").isEqualTo(403);
        for (String role : List.of("REVIEWER", "COMPLIANCE_OFFICER", "AUDITOR", "ADMIN")) {
            assertThat(send(post(path).with(user(sara).roles(role)).with(csrf()).params(form)).getStatus()).as(role)
                    .isEqualTo(403);
        }
        assertThat(send(post(path).with(senior(unique("other"))).with(csrf()).params(form)).getStatus())
                .as("claimed by someone else").isEqualTo(409);
        org.springframework.util.MultiValueMap<String, String> stranger = new org.springframework.util.LinkedMultiValueMap<>(form);
        List<String> accounts = new java.util.ArrayList<>(form.get("account"));
        accounts.set(0, "<i>stranger</i>");
        stranger.put("account", accounts);
        MockHttpServletResponse notHere = send(post(path).with(senior(sara)).with(csrf()).params(stranger));
        assertThat(notHere.getStatus()).isEqualTo(400);
        assertThat(notHere.getContentAsString()).contains("subjects[0].account").contains("不是本案的参与账号");
        org.springframework.util.MultiValueMap<String, String> badRole = new org.springframework.util.LinkedMultiValueMap<>(form);
        List<String> bad = new java.util.ArrayList<>(form.get("role"));
        bad.set(1, "<script>");
        badRole.put("role", bad);
        MockHttpServletResponse refused = send(post(path).with(senior(sara)).with(csrf()).params(badRole));
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("subjects[1].role").doesNotContain("<script>");
        org.springframework.util.MultiValueMap<String, String> noFacts = new org.springframework.util.LinkedMultiValueMap<>(form);
        noFacts.set("facts", " ");
        MockHttpServletResponse missing = send(post(path).with(senior(sara)).with(csrf()).params(noFacts));
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(missing.getContentAsString()).contains("facts").contains("value=\"社区公约 第 3.2 条\"");
        org.springframework.util.MultiValueMap<String, String> again = batchAsShown(missing.getContentAsString());
        assertThat(again.get("role").get(again.get("account").indexOf(left))).as("the row left out stays left out")
                .isEqualTo("skip");
        assertThat(again.get("role").get(again.get("account").indexOf(first))).isEqualTo("first-poster");
        assertThat(db.sql("select count(*) from decision where case_id = ?").param(id).query(Long.class).single()).isZero();

        MvcResult done = mvc.perform(post(path).with(senior(sara)).with(csrf()).params(form)).andReturn();
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/console/cases/" + id);
        Map<String, String> byAccount = new java.util.HashMap<>();
        db.sql("select account, role, step, decided_by from decision where case_id = ?").param(id).query()
                .listOfRows().forEach(r -> byAccount.put((String) r.get("account"), r.get("role") + " " + r.get("step")
                        + " " + r.get("decided_by")));
        assertThat(byAccount).containsOnlyKeys(first, evil, member);
        assertThat(byAccount.get(first)).startsWith("first-poster ").endsWith(" " + sara);
        assertThat(byAccount.get(evil)).startsWith("inciter ");
        assertThat(byAccount.get(member)).startsWith("participant ");
        assertThat(db.sql("select count(*) from audit_log where action = 'decision.make' and actor = ? and after like ?")
                .params("user:" + sara, "%\"case\":" + id + ",%").query(Long.class).single()).isEqualTo(3);
        String after = send(get("/console/cases/" + id).with(senior(sara)).flashAttrs(done.getFlashMap()))
                .getContentAsString();
        assertThat(after).contains("id=\"batch-result\"").contains("已批量处置 3 个账号").contains(first)
                .contains("&lt;b&gt;inciter").doesNotContain(evil).contains("首发者").contains("煽动者")
                .doesNotContain("id=\"batch\"").contains("已结案");
        assertThat(send(post(path).with(senior(sara)).with(csrf()).params(form)).getStatus())
                .as("decided cases stay decided").isEqualTo(409);
    }

    @Test
    void theBatchFormDecidesExactlyAsTheJsonBatchEndpointDoes() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        String sam = unique("sam");
        long[] ids = new long[2];
        for (int i = 0; i < 2; i++) {
            String repeat = unique("repeat");
            WorkflowFixture.sanctioned(mvc, json, key, repeat, unique("rev"));  // a strike in force
            ids[i] = pileOn(Map.of(unique("first"), Alert.Role.FIRST, unique("inciter"), Alert.Role.INCITER,
                    repeat, Alert.Role.REPEAT, unique("member"), Alert.Role.PARTICIPANT));
            mvc.perform(post("/console/cases/" + ids[i] + "/claim").with(senior(sam)).with(csrf()));
        }
        MockHttpServletResponse viaJson = send(post("/console/api/cases/" + ids[0] + "/batch-decide").with(senior(sam))
                .with(csrf()).contentType("application/json").content("{\"severity\":\"moderate\",\"ground\":{\"kind\":"
                        + "\"terms\",\"reference\":\"社区公约 第 3.2 条\",\"explanation\":\"网暴他人\"},"
                        + "\"facts\":\"多人围攻辱骂被害人\"}"));
        assertThat(viaJson.getStatus()).isEqualTo(200);
        assertThat(send(post("/console/cases/" + ids[1] + "/batch-decide").with(senior(sam)).with(csrf())
                .params(batchAsShown(page(ids[1], senior(sam))))).getStatus()).isEqualTo(302);
        String columns = "role, category, severity, action, step, duration_s, decided_by";
        List<Map<String, Object>> a = db.sql("select " + columns + " from decision where case_id = ? order by role")
                .param(ids[0]).query().listOfRows();
        List<Map<String, Object>> b = db.sql("select " + columns + " from decision where case_id = ? order by role")
                .param(ids[1]).query().listOfRows();
        assertThat(a).hasSize(4);
        assertThat(b).isEqualTo(a);
        Map<Object, Integer> step = new java.util.HashMap<>();
        a.forEach(r -> step.put(r.get("role"), ((Number) r.get("step")).intValue()));
        assertThat(step.get("first-poster")).as("first posters and inciters step up as the ladder says (2 steps)")
                .isEqualTo(step.get("participant") + 2).isEqualTo(step.get("inciter"));
        assertThat(step.get("repeat-poster")).as("a strike in force and the role").isGreaterThan(step.get("participant"));
        for (long c : ids) {
            for (String s : db.sql("select statement from decision where case_id = ?").param(c).query(String.class).list()) {
                JsonNode st = json.readTree(s);
                assertThat(st.get("facts").asText()).isEqualTo("多人围攻辱骂被害人");
                assertThat(st.get("groundReference").asText()).isEqualTo("社区公约 第 3.2 条");
            }
        }
        assertThat(db.sql("select count(*) from webhook_outbox where decision_id in (select id from decision where case_id = ?)")
                .param(ids[1]).query(Long.class).single()).isEqualTo(4);
    }

    private static String[] with(String[] form, String name, String value) {
        String[] out = form.clone();
        for (int i = 0; i < out.length; i += 2) {
            if (out[i].equals(name)) {
                out[i + 1] = value;
                return out;
            }
        }
        String[] longer = java.util.Arrays.copyOf(out, out.length + 2);
        longer[out.length] = name;
        longer[out.length + 1] = value;
        return longer;
    }

    private static org.springframework.util.MultiValueMap<String, String> toParams(String[] form) {
        org.springframework.util.LinkedMultiValueMap<String, String> m = new org.springframework.util.LinkedMultiValueMap<>();
        for (int i = 0; i < form.length; i += 2) {
            m.add(form[i], form[i + 1]);
        }
        return m;
    }
}
