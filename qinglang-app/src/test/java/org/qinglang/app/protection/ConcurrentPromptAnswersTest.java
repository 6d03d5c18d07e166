package org.qinglang.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qinglang.app.cases.WorkflowFixture;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.qinglang.core.stream.Alert;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.app.cases.WorkflowFixture.postJson;
import static org.qinglang.app.cases.WorkflowFixture.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Two answers to one prominent prompt at the same moment: one is recorded (200), the other answered 409 and has
 * no effect, and protection is on exactly when the recorded answer is "taken", with that answer's settings. They
 * are made to meet as in {@code ConcurrentDecisionsTest}: the test holds the audit trail's head row, so both
 * requests are under way before either can commit.
 */
@WebTest
class ConcurrentPromptAnswersTest {

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
    @Autowired
    ProtectionPrompts prompts;

    @Test
    void ofATakeAndADeclineAtOnceOneIsRecordedAndProtectionFollowsIt() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.PROTECT);
        String account = unique("victim");
        long id = prompted(account);

        List<Integer> statuses = WorkflowFixture.atOnce(dataSource,
                answer(key, account, id, "{\"taken\":true,\"period\":\"30d\"}"),
                answer(key, account, id, "{\"taken\":false}"));

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        boolean takeWon = statuses.get(0) == 200;
        assertThat(prompts.find(account, id).orElseThrow().taken()).as("the answer recorded is the one answered 200")
                .contains(takeWon);
        JsonNode protection = protection(key, account);
        assertThat(protection.get("on").asBoolean()).as("protection is on exactly when the offer was taken")
                .isEqualTo(takeWon);
        if (takeWon) {
            assertThat(protection.get("period").asText()).isEqualTo("30d");
        }
        assertThat(audited("protection.on", "account:" + account)).isEqualTo(takeWon ? 1 : 0);
        assertThat(audited("protection.prompt.answer", "prompt:" + id)).isEqualTo(1);

        mvc.perform(postJson("/api/v1/protection/" + account + "/prompt/" + id, key, "{\"taken\":true}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("already_answered"))
                .andExpect(jsonPath("$.field").value("id"))
                .andExpect(jsonPath("$.detail").value("提示 " + id + " 已处理过"));
        mvc.perform(postJson("/api/v1/protection/" + account + "/prompt/" + id, key, "{\"taken\":false}")
                        .header("Accept-Language", "en"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("prompt " + id + " was already answered"));
        mvc.perform(postJson("/api/v1/protection/" + unique("other") + "/prompt/" + id, key, "{\"taken\":true}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("not_found"));
        assertThat(prompts.find(account, id).orElseThrow().taken()).as("refused answers change nothing")
                .contains(takeWon);
        assertThat(protection(key, account).get("on").asBoolean()).isEqualTo(takeWon);
    }

    @Test
    void ofTwoTakesAtOnceProtectionIsTurnedOnOnceWithTheSettingsOfTheOneRecorded() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.PROTECT);
        String account = unique("victim");
        long id = prompted(account);

        List<Integer> statuses = WorkflowFixture.atOnce(dataSource,
                answer(key, account, id, "{\"taken\":true,\"period\":\"30d\"}"),
                answer(key, account, id, "{\"taken\":true,\"period\":\"3d\"}"));

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(prompts.find(account, id).orElseThrow().taken()).contains(true);
        JsonNode protection = protection(key, account);
        assertThat(protection.get("on").asBoolean()).isTrue();
        assertThat(protection.get("period").asText()).as("the settings in force are those of the answer recorded")
                .isEqualTo(statuses.get(0) == 200 ? "30d" : "3d");
        assertThat(audited("protection.on", "account:" + account)).as("turned on once").isEqualTo(1);
        assertThat(audited("protection.prompt.answer", "prompt:" + id)).isEqualTo(1);
    }

    private long prompted(String account) {
        prompts.accept(new Alert(Instant.now(), Alert.Kind.PILEON, account, Alert.Level.WARNING,
                new Alert.Evidence(Map.of("abusiveShare", 0.8), List.of()), Map.of()));
        return prompts.pending(account).orElseThrow().id();
    }

    private Callable<Integer> answer(String key, String account, long id, String body) {
        return () -> mvc.perform(postJson("/api/v1/protection/" + account + "/prompt/" + id, key, body))
                .andReturn().getResponse().getStatus();
    }

    private JsonNode protection(String key, String account) throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/protection/" + account).header("Authorization", "Bearer " + key))
                .andReturn().getResponse().getContentAsString());
    }

    private long audited(String action, String subject) {
        return db.sql("select count(*) from audit_log where action = ? and subject = ?").params(action, subject)
                .query(Long.class).single();
    }
}
