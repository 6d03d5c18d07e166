package org.qinglang.app.sanctions;

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

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.app.cases.WorkflowFixture.postJson;
import static org.qinglang.app.cases.WorkflowFixture.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two decisions of one case at the same moment: one is made, the other answered 409, and the case has one decision
 * and its account one strike. The two requests are made to meet: a connection of the test holds the audit trail's
 * head row, which every audited write waits for, so both requests are under way before either can commit.
 */
@WebTest
class ConcurrentDecisionsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    JdbcClient db;
    @Autowired
    DataSource dataSource;
    @Autowired
    ObjectMapper json;

    @Test
    void ofTwoDecisionsOfOneCaseAtOnceOneIsMadeAndTheOtherRefused() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        String account = unique("u");
        String report = "{\"reporter\":\"" + unique("r") + "\",\"category\":\"网络暴力\",\"target\":{\"account\":\""
                + account + "\",\"content\":\"" + unique("c") + "\",\"contentType\":\"comment\"}}";
        long caseId = json.readTree(mvc.perform(postJson("/api/v1/reports", key, report)).andReturn().getResponse()
                .getContentAsString()).get("caseId").asLong();
        String alice = unique("alice");
        assertThat(mvc.perform(post("/console/api/cases/" + caseId + "/claim").with(user(alice).roles("REVIEWER"))
                .with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(200);
        String body = "{\"severity\":\"moderate\"," + WorkflowFixture.GROUND + "}";
        Callable<Integer> decide = () -> mvc.perform(post("/console/api/cases/" + caseId + "/decide")
                .with(user(alice).roles("REVIEWER")).with(csrf()).contentType("application/json").content(body))
                .andReturn().getResponse().getStatus();

        List<Integer> statuses = WorkflowFixture.atOnce(dataSource, decide, decide);
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(db.sql("select count(*) from decision where case_id = ?").param(caseId).query(Long.class).single())
                .isEqualTo(1);
        assertThat(db.sql("select count(*) from strike where account = ?").param(account).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void twoDecisionsOnOneAccountAtOnceClimbItsLadderOneAfterTheOther() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        String account = unique("u");
        long[] caseIds = new long[2];
        String[] reviewers = {unique("alice"), unique("bob")};
        for (int i = 0; i < 2; i++) { // two of its comments reported: two cases, one account
            String report = "{\"reporter\":\"" + unique("r") + "\",\"category\":\"网络暴力\",\"target\":{\"account\":\""
                    + account + "\",\"content\":\"" + unique("c") + "\",\"contentType\":\"comment\"}}";
            caseIds[i] = json.readTree(mvc.perform(postJson("/api/v1/reports", key, report)).andReturn().getResponse()
                    .getContentAsString()).get("caseId").asLong();
            assertThat(mvc.perform(post("/console/api/cases/" + caseIds[i] + "/claim")
                    .with(user(reviewers[i]).roles("REVIEWER")).with(csrf())).andReturn().getResponse().getStatus())
                    .isEqualTo(200);
        }
        assertThat(caseIds[0]).isNotEqualTo(caseIds[1]);
        String body = "{\"severity\":\"minor\"," + WorkflowFixture.GROUND + "}";
        List<Callable<Integer>> decide = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int n = i;
            decide.add(() -> mvc.perform(post("/console/api/cases/" + caseIds[n] + "/decide")
                    .with(user(reviewers[n]).roles("REVIEWER")).with(csrf()).contentType("application/json")
                    .content(body)).andReturn().getResponse().getStatus());
        }

        assertThat(WorkflowFixture.atOnce(dataSource, decide.get(0), decide.get(1))).containsExactly(200, 200);
        List<Integer> steps = db.sql("select step from decision where account = ? order by id").param(account)
                .query(Integer.class).list();
        assertThat(steps).as("the second decided sees the first's strike").hasSize(2).doesNotHaveDuplicates();
    }
}
