package org.qinglang.app.stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.qinglang.core.stream.Alert;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Detectors hosted behind /api/v1/events: committed events reach them after the commit, their alerts reach
 * every sink, and a warning on an account raises the prominent prompt, which the person can take.
 */
@WebTest
class DetectorHostingTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    RecordingSink sink;
    @Autowired
    DetectorHost host;
    @Autowired
    JdbcClient db;

    private String ingest;
    private String protect;

    @BeforeEach
    void keys() {
        ingest = keys.create("hosting ingest", Set.of(Scope.INGEST), "test").secret();
        protect = keys.create("hosting protect", Set.of(Scope.PROTECT), "test").secret();
    }

    private static String batch(String account, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"id\":\"" + account + "-" + i + "\",\"type\":\"comment\","
                        + "\"ts\":\"2026-11-22T10:00:0" + i + "+08:00\",\"actor\":\"u-" + i + "\",\"target\":{\"account\":\""
                        + account + "\",\"content\":\"p-1\"},\"text\":\"第" + i + "条\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private void send(String body) throws Exception {
        mvc.perform(post("/api/v1/events").header("X-Api-Key", ingest).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isAccepted());
        host.settle(); // the detectors run on lanes of their own: wait for them before looking
    }

    private List<Alert> alertsOn(String account) {
        return sink.alerts.stream().filter(a -> a.target().equals(account)).toList();
    }

    @Test
    void committedEventsReachTheDetectorAndAWarningRaisesThePrompt() throws Exception {
        String account = "hosting-victim";
        send(batch(account, 0, 2));
        assertThat(alertsOn(account)).isEmpty();
        mvc.perform(get("/api/v1/protection/" + account + "/prompt").header("X-Api-Key", protect))
                .andExpect(status().isNoContent());
        send(batch(account, 0, 2)); // duplicates: not committed again, so not handed on again
        assertThat(alertsOn(account)).isEmpty();
        send(batch(account, 2, 3));
        assertThat(alertsOn(account)).extracting(Alert::level).containsExactly(Alert.Level.WARNING);
        assertThat(db.sql("select category from workflow_case where target = ?").param("pileon:" + account)
                .query(String.class).list()).as("the alert opened a case about its target's attackers").hasSize(1);

        String body = mvc.perform(get("/api/v1/protection/" + account + "/prompt").header("X-Api-Key", protect))
                .andExpect(status().isOk()).andExpect(jsonPath("$.alertLevel").value("warning"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("一键防护")))
                .andReturn().getResponse().getContentAsString();
        long id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("id").asLong();

        send(batch(account, 3, 5)); // severe while the prompt is pending: no second prompt
        assertThat(alertsOn(account)).extracting(Alert::level).containsExactly(Alert.Level.WARNING, Alert.Level.SEVERE);
        mvc.perform(get("/api/v1/protection/" + account + "/prompt").header("X-Api-Key", protect))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));

        mvc.perform(post("/api/v1/protection/" + account + "/prompt/" + id).header("X-Api-Key", protect)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"taken\":true,\"period\":\"3d\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.prompt.taken").value(true))
                .andExpect(jsonPath("$.protection.active").value(true))
                .andExpect(jsonPath("$.protection.period").value("3d"));
        mvc.perform(get("/api/v1/protection/" + account + "/decide?action=dm").header("X-Api-Key", protect))
                .andExpect(jsonPath("$.decision").value("deny"));
        mvc.perform(get("/api/v1/protection/" + account + "/prompt").header("X-Api-Key", protect))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/v1/protection/" + account + "/prompt/" + id).header("X-Api-Key", protect)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"taken\":false}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("already_answered"));
        mvc.perform(post("/api/v1/protection/other-account/prompt/" + id).header("X-Api-Key", protect)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"taken\":false}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/protection/" + account + "/prompt/" + id).header("X-Api-Key", protect)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"taken\":\"yes\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("taken"));
    }

    @Test
    void aSinkThatFailsLeavesTheBatchAccepted() throws Exception {
        send(batch("hosting-boom", 0, 4));
        mvc.perform(get("/api/v1/protection/hosting-boom/prompt").header("X-Api-Key", protect))
                .andExpect(status().isOk()).andExpect(jsonPath("$.alertLevel").value("warning"));
        assertThat(alertsOn("hosting-boom")).isEmpty();
    }
}
