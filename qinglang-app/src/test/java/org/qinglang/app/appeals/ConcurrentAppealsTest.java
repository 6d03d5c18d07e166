package org.qinglang.app.appeals;

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

/**
 * Two appeals against one decision at the same moment: one is filed, the other answered 409, and one appeal is
 * pending. They are made to meet as in {@code ConcurrentDecisionsTest}: the test holds the audit trail's head row.
 */
@WebTest
class ConcurrentAppealsTest {

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
    void ofTwoAppealsAgainstOneDecisionAtOnceOneIsFiledAndTheOtherRefused() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.REPORT);
        long decision = WorkflowFixture.sanctioned(mvc, json, key, unique("u"), unique("alice")).get("id").asLong();
        Callable<Integer> file = () -> mvc.perform(postJson("/api/v1/appeals", key,
                "{\"decisionId\":" + decision + ",\"reason\":\"误判\"}")).andReturn().getResponse().getStatus();

        List<Integer> statuses = WorkflowFixture.atOnce(dataSource, file, file);
        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(db.sql("select count(*) from appeal where decision_id = ? and status = 'pending'").param(decision)
                .query(Long.class).single()).isEqualTo(1);
    }
}
