package org.qinglang.app.cases;

import org.junit.jupiter.api.Test;
import org.qinglang.core.enforce.OffenceSeverity;
import org.qinglang.core.enforce.ReportCategory;
import org.qinglang.core.stream.Alert;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Verdicts and alerts become cases; the queue and claims over a console session, with roles checked. */
@WebTest
class CasesWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Intake intake;
    @Autowired
    Cases cases;
    @Autowired
    JdbcClient db;
    @Autowired
    ApiKeys keys;

    private String flaggedEvent(String suggestion, String risk, String labels) {
        String id = WorkflowFixture.unique("e");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.sql("insert into event (id, type, ts, actor, text, suggestion, risk_level, labels, received_at, api_key_id) "
                        + "values (?, 'comment', ?, ?, '…', ?, ?, ?, ?, 1)")
                .params(id, now, WorkflowFixture.unique("u"), suggestion, risk, labels, now).update();
        if (!suggestion.equals("pass")) {
            // as ingestion does for a flagged event
            db.sql("insert into intake_queue (event_id) values (?)").param(id).update();
        }
        return id;
    }

    @Test
    void flaggedTextEventsBecomeCasesOnce() {
        String blocked = flaggedEvent("block", "high", "[{\"label\":\"辱骂\"}]");
        String review = flaggedEvent("review", "medium", "[{\"label\":\"色情\"}]");
        String passed = flaggedEvent("pass", "none", "[]");
        intake.verdicts(10_000);
        intake.verdicts(10_000);
        Cases.Case b = byTarget("content:" + blocked);
        assertThat(b.category()).isEqualTo(ReportCategory.CYBERVIOLENCE);
        assertThat(b.severity()).isEqualTo(OffenceSeverity.SERIOUS);
        assertThat(b.about().contentType()).isEqualTo("comment");
        assertThat(cases.signals(b.id())).hasSize(1);
        assertThat(byTarget("content:" + review).category()).isEqualTo(ReportCategory.PORNOGRAPHY);
        assertThat(db.sql("select count(*) from workflow_case where target = ?").param("content:" + passed)
                .query(Long.class).single()).isZero();
    }

    @Test
    void ingestionQueuesOnlyNewFlaggedEventsAndTheIntakeEmptiesTheQueue() throws Exception {
        String key = WorkflowFixture.key(keys, Scope.INGEST);
        String abusive = WorkflowFixture.unique("e");
        String clean = WorkflowFixture.unique("e");
        String batch = "[" + comment(abusive, "你就是个傻逼，滚出去") + "," + comment(clean, "今天天气不错") + "]";
        for (int i = 0; i < 2; i++) { // the second time, both ids are already stored: nothing is queued again
            mvc.perform(WorkflowFixture.postJson("/api/v1/events", key, batch)).andExpect(status().isAccepted());
        }
        assertThat(queued(abusive)).isEqualTo(1);
        assertThat(queued(clean)).isZero();
        intake.verdicts(10_000);
        assertThat(queued(abusive)).isZero();
        assertThat(cases.signals(byTarget("content:" + abusive).id())).hasSize(1);
        assertThat(db.sql("select count(*) from workflow_case where target = ?").param("content:" + clean)
                .query(Long.class).single()).isZero();
    }

    private static String comment(String id, String text) {
        return "{\"id\":\"" + id + "\",\"type\":\"comment\",\"ts\":\"2026-11-22T10:00:03+08:00\","
                + "\"actor\":\"u-1\",\"target\":{\"account\":\"u-2\",\"content\":\"p-1\"},\"text\":\"" + text + "\"}";
    }

    private long queued(String eventId) {
        return db.sql("select count(*) from intake_queue where event_id = ?").param(eventId).query(Long.class).single();
    }

    @Test
    void aPileOnAlertOpensACyberviolenceCaseAboutItsTarget() {
        String victim = WorkflowFixture.unique("v");
        Alert alert = new Alert(Instant.now(), Alert.Kind.PILEON, victim, Alert.Level.SEVERE,
                new Alert.Evidence(Map.of(), List.of()), Map.of("u-1", Alert.Role.FIRST));
        long id = intake.alert(alert).orElseThrow();
        Cases.Case c = cases.find(id).orElseThrow();
        assertThat(c.target()).isEqualTo("pileon:" + victim);
        assertThat(c.about().isAlert()).isTrue();
        assertThat(c.category()).isEqualTo(ReportCategory.CYBERVIOLENCE);
        assertThat(c.severity()).isEqualTo(OffenceSeverity.SERIOUS);
        Alert closed = new Alert(Instant.now(), Alert.Kind.PILEON, victim, Alert.Level.CLOSED,
                new Alert.Evidence(Map.of(), List.of()), Map.of());
        assertThat(intake.alert(closed)).isEmpty();
    }

    private Cases.Case byTarget(String target) {
        long id = db.sql("select id from workflow_case where target = ?").param(target).query(Long.class).single();
        return cases.find(id).orElseThrow();
    }

    @Test
    void aReviewerClaimsOverTheConsoleAndASecondClaimIsAConflict() throws Exception {
        String victim = WorkflowFixture.unique("v");
        long id = intake.alert(new Alert(Instant.now(), Alert.Kind.COORDINATION, victim, Alert.Level.WARNING,
                new Alert.Evidence(Map.of(), List.of()), Map.of())).orElseThrow();
        mvc.perform(get("/console/api/cases/" + id).with(user("audrey").roles("AUDITOR")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.category").value("fake-engagement"))
                .andExpect(jsonPath("$.signals[0].kind").value("alert"));
        mvc.perform(post("/console/api/cases/" + id + "/claim").with(user("alice").roles("REVIEWER")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/api/cases/" + id + "/claim").with(user("alice").roles("REVIEWER")).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.claimedBy").value("alice"));
        mvc.perform(post("/console/api/cases/" + id + "/claim").with(user("bob").roles("SENIOR_REVIEWER")).with(csrf()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("already_claimed"));
        mvc.perform(post("/console/api/cases/" + id + "/claim").with(user("audrey").roles("AUDITOR")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/api/cases/" + id + "/claim").with(user("root").roles("ADMIN")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/api/cases/999999999/claim").with(user("alice").roles("REVIEWER")).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/console/api/cases?limit=0").with(user("alice").roles("REVIEWER")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("limit"));
    }

    @Test
    void theQueuePageShowsCasesEscapedInChineseOrEnglish() throws Exception {
        String victim = "<b>" + WorkflowFixture.unique("v") + "</b>";
        intake.alert(new Alert(Instant.now(), Alert.Kind.PILEON, victim, Alert.Level.SEVERE,
                new Alert.Evidence(Map.of(), List.of()), Map.of())).orElseThrow();
        String zh = mvc.perform(get("/console/cases").with(user("audrey").roles("AUDITOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(zh).contains("案件队列", "网络暴力", "pileon:&lt;b&gt;", "待认领", " +08:00").doesNotContain(victim)
                .doesNotContain(">open<");
        String en = mvc.perform(get("/console/cases").param("lang", "en").with(user("audrey").roles("AUDITOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Case queue", "Cyberviolence");
        mvc.perform(get("/console/cases")).andExpect(status().is3xxRedirection());
    }
}
