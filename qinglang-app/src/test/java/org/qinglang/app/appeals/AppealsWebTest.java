package org.qinglang.app.appeals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qinglang.app.cases.WorkflowFixture;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.app.cases.WorkflowFixture.postJson;
import static org.qinglang.app.cases.WorkflowFixture.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Appeals: the window, a different senior reviewer, and an overturn that reverses the sanction. */
@WebTest
class AppealsWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    JdbcClient db;
    @Autowired
    ObjectMapper json;

    private long appeal(String key, long decision, int expect) throws Exception {
        String out = mvc.perform(postJson("/api/v1/appeals", key, "{\"decisionId\":" + decision + ",\"reason\":\"误判\"}"))
                .andExpect(status().is(expect)).andReturn().getResponse().getContentAsString();
        JsonNode n = json.readTree(out);
        return n.has("id") ? n.get("id").asLong() : -1;
    }

    private void decide(long appeal, RequestPostProcessor who, boolean overturn, int expect) throws Exception {
        mvc.perform(post("/console/api/appeals/" + appeal + "/decide").with(who).with(csrf())
                        .contentType("application/json").content("{\"overturn\":" + overturn + ",\"answer\":\"复核\"}"))
                .andExpect(status().is(expect));
    }

    @Test
    void anOverturnByAnotherSeniorReviewerReversesTheSanction() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        String account = unique("u");
        long decision = WorkflowFixture.sanctioned(mvc, json, key, account, "alice").get("id").asLong();
        long id = appeal(key, decision, 201);
        appeal(key, decision, 409);
        mvc.perform(get("/api/v1/appeals/" + id).header("Authorization", "Bearer " + key))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("pending"))
                .andExpect(jsonPath("$.statusText").value("待复核"));
        decide(id, user("bob").roles("REVIEWER"), true, 403);
        decide(id, user("alice").roles("SENIOR_REVIEWER"), true, 403);
        decide(id, user("sam").roles("SENIOR_REVIEWER"), true, 200);
        decide(id, user("sue").roles("SENIOR_REVIEWER"), true, 409);
        assertThat(db.sql("select count(*) from strike where account = ?").param(account).query(Long.class).single())
                .isZero();
        assertThat(db.sql("select reversed_at is not null from decision where id = ?").param(decision)
                .query(Boolean.class).single()).isTrue();
        String payload = db.sql("select payload from webhook_outbox where decision_id = ? and kind = 'reversal'")
                .param(decision).query(String.class).single();
        assertThat(json.readTree(payload).get("undo").toString()).contains("restore-content", "remove-strike");
        assertThat(db.sql("select count(*) from audit_log where action = 'appeal.decide' and subject = ?")
                .param("appeal:" + id).query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/api/v1/appeals/" + id).header("Authorization", "Bearer " + key).header("Accept-Language", "en"))
                .andExpect(jsonPath("$.status").value("overturned")).andExpect(jsonPath("$.decidedBy").value("sam"));
        mvc.perform(get("/api/v1/appeals/" + id).header("Authorization", "Bearer " + WorkflowFixture.key(keys, Scope.REPORT)))
                .andExpect(status().isNotFound());
    }

    @Test
    void anUpheldDecisionStandsAndALateAppealIsRefused() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        String account = unique("u");
        long decision = WorkflowFixture.sanctioned(mvc, json, key, account, "alice").get("id").asLong();
        long id = appeal(key, decision, 201);
        mvc.perform(post("/console/api/appeals/" + id + "/decide").with(user("sam").roles("SENIOR_REVIEWER")).with(csrf())
                        .contentType("application/json").content("{\"overturn\":null,\"answer\":\"复核\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("overturn"));
        decide(id, user("sam").roles("SENIOR_REVIEWER"), false, 200);
        assertThat(db.sql("select count(*) from strike where account = ?").param(account).query(Long.class).single())
                .isEqualTo(1);
        appeal(key, decision, 409); // once per decision: upheld, it is not put before another reviewer again

        long old = WorkflowFixture.sanctioned(mvc, json, key, unique("u"), "alice").get("id").asLong();
        db.sql("update decision set decided_at = ? where id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(31), old).update();
        mvc.perform(postJson("/api/v1/appeals", key, "{\"decisionId\":" + old + "}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("late"));
        mvc.perform(postJson("/api/v1/appeals", key, "{\"decisionId\":999999999}")).andExpect(status().isNotFound());
        mvc.perform(postJson("/api/v1/appeals", key, "{\"decisionId\":\"x\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("decisionId"));
    }
}
