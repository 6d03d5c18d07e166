package org.qinglang.app.sanctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qinglang.app.cases.Intake;
import org.qinglang.app.cases.WorkflowFixture;
import org.qinglang.core.stream.Alert;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.app.cases.WorkflowFixture.postJson;
import static org.qinglang.app.cases.WorkflowFixture.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Deciding cases: the ladder's step from strikes, permissions per step, statements, strikes, outbox, batch, ack. */
@WebTest
class DecisionsWebTest {

    static final String GROUND = WorkflowFixture.GROUND;

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

    /** Files a report on {@code account} and returns {reportId, caseId}. */
    long[] reportCase(String key, String account) throws Exception {
        String body = "{\"reporter\":\"" + unique("r") + "\",\"category\":\"网络暴力\",\"target\":{\"account\":\""
                + account + "\",\"content\":\"" + unique("c") + "\",\"contentType\":\"comment\"}}";
        JsonNode r = json.readTree(mvc.perform(postJson("/api/v1/reports", key, body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
        return new long[]{r.get("id").asLong(), r.get("caseId").asLong()};
    }

    JsonNode decide(long caseId, RequestPostProcessor who, String body, int expect) throws Exception {
        String out = mvc.perform(post("/console/api/cases/" + caseId + "/decide").with(who).with(csrf())
                        .contentType("application/json").content(body))
                .andExpect(status().is(expect)).andReturn().getResponse().getContentAsString();
        return json.readTree(out);
    }

    void claim(long caseId, RequestPostProcessor who) throws Exception {
        mvc.perform(post("/console/api/cases/" + caseId + "/claim").with(who).with(csrf())).andExpect(status().isOk());
    }

    @Test
    void aDecisionClimbsTheLadderWithEachStrikeAndSettlesTheReport() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        String account = unique("u");
        long[] first = reportCase(key, account);
        decide(first[1], reviewer("alice"), "{\"severity\":\"moderate\"," + GROUND + "}", 409);
        claim(first[1], reviewer("alice"));
        decide(first[1], reviewer("bob"), "{\"severity\":\"moderate\"," + GROUND + "}", 409);
        JsonNode made = decide(first[1], reviewer("alice"), "{\"severity\":\"moderate\"," + GROUND + "}", 200);
        JsonNode d = made.get("decisions").get(0);
        assertThat(d.get("action").asText()).isEqualTo("remove-content");
        assertThat(d.get("step").asInt()).isEqualTo(2);
        assertThat(d.get("statement").get("decisionGround").asText()).isEqualTo("DECISION_GROUND_INCOMPATIBLE_CONTENT");
        assertThat(d.get("statement").get("source").asText()).isEqualTo("user-report");
        long decisionId = d.get("id").asLong();
        assertThat(db.sql("select count(*) from strike where account = ?").param(account).query(Long.class).single())
                .isEqualTo(1);
        assertThat(db.sql("select count(*) from webhook_outbox where decision_id = ? and kind = 'sanction'")
                .param(decisionId).query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("select count(*) from audit_log where action = 'decision.make' and subject = ?")
                .param("decision:" + decisionId).query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/api/v1/reports/" + first[0]).header("Authorization", "Bearer " + key))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("founded"))
                .andExpect(jsonPath("$.action").value("remove-content"));
        decide(first[1], reviewer("alice"), "{\"severity\":\"moderate\"," + GROUND + "}", 409);

        long[] second = reportCase(key, account);
        assertThat(second[1]).isNotEqualTo(first[1]);
        mvc.perform(get("/console/api/cases/" + second[1] + "/suggestion?severity=moderate").with(reviewer("alice")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.strikes").value(1))
                .andExpect(jsonPath("$.action").value("mute")).andExpect(jsonPath("$.step").value(3));
        claim(second[1], reviewer("alice"));
        JsonNode again = decide(second[1], reviewer("alice"), "{\"severity\":\"moderate\"," + GROUND + "}", 200);
        assertThat(again.get("decisions").get(0).get("step").asInt()).isEqualTo(3);

        // strikes past their expiry (moderate: 180 days) are no longer in force, and are not shown as such
        db.sql("update strike set at = ? where account = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(400))), account)
                .update();
        long[] third = reportCase(key, account);
        mvc.perform(get("/console/api/cases/" + third[1] + "/suggestion?severity=moderate").with(reviewer("alice")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.strikes").value(0));
    }

    @Test
    void aPermanentStepNeedsASeniorReviewerAndNoViolationSettlesReportsAsUnfounded() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        long[] c = reportCase(key, unique("u"));
        claim(c[1], reviewer("alice"));
        JsonNode refused = decide(c[1], reviewer("alice"), "{\"severity\":\"serious\",\"step\":7," + GROUND + "}", 403);
        assertThat(refused.get("detail").asText()).contains("decide-severe");
        decide(c[1], reviewer("alice"), "{\"severity\":\"serious\",\"step\":9," + GROUND + "}", 400);
        decide(c[1], reviewer("alice"), "{\"severity\":\"awful\"," + GROUND + "}", 400);
        decide(c[1], reviewer("alice"), "{\"severity\":\"serious\",\"facts\":\"x\"}", 400);
        assertThat(db.sql("select count(*) from decision where case_id = ?").param(c[1]).query(Long.class).single())
                .isZero();
        JsonNode none = decide(c[1], reviewer("alice"), "{\"violation\":false,\"facts\":\"正常批评\"}", 200);
        assertThat(none.get("violation").asBoolean()).isFalse();
        mvc.perform(get("/api/v1/reports/" + c[0]).header("Authorization", "Bearer " + key))
                .andExpect(jsonPath("$.status").value("unfounded")).andExpect(jsonPath("$.founded").value(false));

        long[] severe = reportCase(key, unique("u"));
        claim(severe[1], senior("sam"));
        JsonNode made = decide(severe[1], senior("sam"), "{\"severity\":\"serious\",\"step\":7," + GROUND + "}", 200);
        assertThat(made.get("decisions").get(0).get("action").asText()).isEqualTo("mute");
        assertThat(made.get("decisions").get(0).get("statement").get("permanent").asBoolean()).isTrue();
    }

    @Test
    void aBatchDecisionStepsEachAccountUpByItsRoleAndThePlatformAcks() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        long[] c = reportCase(key, unique("victim"));
        String first = unique("f");
        String inciter = unique("i");
        String member = unique("m");
        String body = "{\"severity\":\"moderate\",\"subjects\":[{\"account\":\"" + first + "\",\"role\":\"first\"},"
                + "{\"account\":\"" + inciter + "\",\"role\":\"inciter\"},{\"account\":\"" + member
                + "\",\"role\":\"member\"}]," + GROUND + "}";
        mvc.perform(post("/console/api/cases/" + c[1] + "/batch-decide").with(reviewer("alice")).with(csrf())
                .contentType("application/json").content(body)).andExpect(status().isForbidden());
        claim(c[1], senior("sam"));
        JsonNode out = json.readTree(mvc.perform(post("/console/api/cases/" + c[1] + "/batch-decide").with(senior("sam"))
                        .with(csrf()).contentType("application/json").content(body))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode ds = out.get("decisions");
        assertThat(ds).hasSize(3);
        assertThat(ds.get(0).get("step").asInt()).isEqualTo(4);
        assertThat(ds.get(1).get("step").asInt()).isEqualTo(4);
        assertThat(ds.get(2).get("step").asInt()).isEqualTo(2);
        assertThat(ds.get(2).get("statement").get("contentType").asText()).isEqualTo("account");

        long id = ds.get(0).get("id").asLong();
        String ingest = WorkflowFixture.key(keys, Scope.INGEST);
        mvc.perform(post("/api/v1/sanctions/" + id + "/ack").header("Authorization", "Bearer " + ingest))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        assertThat(db.sql("select acked_at is not null from decision where id = ?").param(id).query(Boolean.class)
                .single()).isTrue();
        mvc.perform(post("/api/v1/sanctions/" + id + "/ack").header("Authorization", "Bearer " + ingest))
                .andExpect(status().isOk());
        assertThat(db.sql("select count(*) from audit_log where action = 'sanction.ack' and subject = ?")
                .param("decision:" + id).query(Long.class).single()).isEqualTo(1);
        mvc.perform(post("/api/v1/sanctions/999999999/ack").header("Authorization", "Bearer " + ingest))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/sanctions/" + id + "/ack").header("Authorization", "Bearer " + key))
                .andExpect(status().isForbidden());
    }

    @Test
    void aBatchNamingAnAccountTwiceIsRefusedAndGivesNoStrike() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        long[] c = reportCase(key, unique("victim"));
        String twice = unique("t");
        claim(c[1], senior("sam"));
        String body = "{\"severity\":\"moderate\",\"subjects\":[{\"account\":\"" + twice + "\",\"role\":\"participant\"},"
                + "{\"account\":\"" + twice + "\",\"role\":\"inciter\"}]," + GROUND + "}";
        String out = mvc.perform(post("/console/api/cases/" + c[1] + "/batch-decide").with(senior("sam")).with(csrf())
                        .contentType("application/json").content(body))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(out).contains("subjects[1].account");
        assertThat(db.sql("select count(*) from strike where account = ?").param(twice).query(Long.class).single())
                .isZero();
    }

    @Test
    void aPileOnCaseCarriesItsParticipantsByRoleAndABatchDecidesForAllOfThem() throws Exception {
        String victim = unique("victim");
        String first = unique("f");
        String inciter = unique("i");
        String other = unique("p");
        Map<String, Alert.Role> roles = new LinkedHashMap<>();
        roles.put(first, Alert.Role.FIRST);
        roles.put(other, Alert.Role.PARTICIPANT);
        intake.alert(new Alert(Instant.now(), Alert.Kind.PILEON, victim, Alert.Level.WARNING,
                new Alert.Evidence(Map.of(), List.of()), roles));
        roles.put(other, Alert.Role.INCITER); // the later alert's role wins
        roles.put(inciter, Alert.Role.INCITER);
        long caseId = intake.alert(new Alert(Instant.now(), Alert.Kind.PILEON, victim, Alert.Level.SEVERE,
                new Alert.Evidence(Map.of(), List.of()), roles)).orElseThrow();

        JsonNode c = json.readTree(mvc.perform(get("/console/api/cases/" + caseId).with(senior("sam")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        Map<String, String> listed = new LinkedHashMap<>();
        c.get("participants").forEach(p -> listed.put(p.get("account").asText(), p.get("role").asText()));
        assertThat(listed).containsOnly(Map.entry(first, "first"), Map.entry(other, "inciter"),
                Map.entry(inciter, "inciter"));

        claim(caseId, senior("sam"));
        // the case is about the victim: a decision against "its account" would punish the person piled on
        JsonNode refused = decide(caseId, senior("sam"), "{\"severity\":\"moderate\"," + GROUND + "}", 409);
        assertThat(refused.get("code").asText()).isEqualTo("alert_case");
        assertThat(db.sql("select count(*) from strike where account = ?").param(victim).query(Long.class).single())
                .isZero();
        JsonNode out = json.readTree(mvc.perform(post("/console/api/cases/" + caseId + "/batch-decide")
                        .with(senior("sam")).with(csrf()).contentType("application/json")
                        .content("{\"severity\":\"moderate\"," + GROUND + "}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(out.get("decisions")).hasSize(3);
        out.get("decisions").forEach(d -> assertThat(d.get("step").asInt()).as("first posters and inciters step up")
                .isEqualTo(4));
        assertThat(db.sql("select count(*) from decision where case_id = ? and account = ?").param(caseId).param(victim)
                .query(Long.class).single()).isZero();
    }

    @Test
    void reportsAgainstAnAccountAreNotMergedIntoAPileOnOnIt() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        String victim = unique("victim");
        long alertCase = intake.alert(new Alert(Instant.now(), Alert.Kind.PILEON, victim, Alert.Level.WARNING,
                new Alert.Evidence(Map.of(), List.of()), Map.of(unique("f"), Alert.Role.FIRST))).orElseThrow();
        String body = "{\"reporter\":\"" + unique("r") + "\",\"category\":\"网络暴力\",\"target\":{\"account\":\""
                + victim + "\"}}";
        JsonNode r = json.readTree(mvc.perform(postJson("/api/v1/reports", key, body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
        assertThat(r.get("caseId").asLong()).isNotEqualTo(alertCase);
    }
}
