package org.qinglang.app.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qinglang.app.cases.Cases;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.qinglang.core.enforce.ReportCategory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.app.cases.WorkflowFixture.key;
import static org.qinglang.app.cases.WorkflowFixture.postJson;
import static org.qinglang.app.cases.WorkflowFixture.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Filing reports: validation by field, one case per target, pressure and credibility, reading the outcome. */
@WebTest
class ReportsWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;
    @Autowired
    Cases cases;
    @Autowired
    JdbcClient db;
    @Autowired
    ObjectMapper json;
    @Autowired
    javax.sql.DataSource dataSource;

    static String report(String reporter, String category, String account, String content, boolean minor) {
        return "{\"reporter\":\"" + reporter + "\",\"category\":\"" + category + "\",\"target\":{\"account\":\""
                + account + "\"" + (content == null ? "" : ",\"content\":\"" + content + "\",\"contentType\":\"comment\"")
                + "},\"reason\":\"骂人\",\"minorInvolved\":" + minor + "}";
    }

    private JsonNode file(String key, String body) throws Exception {
        String out = mvc.perform(postJson("/api/v1/reports", key, body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(out);
    }

    @Test
    void reportsOfOneTargetMergeIntoOneCaseAndRaiseItsRank() throws Exception {
        String key = key(keys, Scope.REPORT);
        String account = unique("u");
        String content = unique("p");
        JsonNode first = file(key, report(unique("r"), "网络暴力", account, content, false));
        long caseId = first.get("caseId").asLong();
        long rank1 = cases.find(caseId).orElseThrow().rank();
        JsonNode second = file(key, report(unique("r"), "cyberviolence", account, content, false));
        assertThat(second.get("caseId").asLong()).isEqualTo(caseId);
        Cases.Case c = cases.find(caseId).orElseThrow();
        assertThat(c.rank()).isGreaterThan(rank1);
        assertThat(c.category()).isEqualTo(ReportCategory.CYBERVIOLENCE);
        assertThat(c.about().contentType()).isEqualTo("comment");
        assertThat(cases.signals(caseId)).hasSize(2);
        JsonNode other = file(key, report(unique("r"), "谣言", account, null, false));
        assertThat(other.get("caseId").asLong()).isNotEqualTo(caseId);
        assertThat(db.sql("select count(*) from audit_log where action = 'report.file' and subject = ?")
                .param("report:" + second.get("id").asLong()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameClientIdFindsTheReportFiledFirst() throws Exception {
        String key = key(keys, Scope.REPORT);
        String account = unique("u");
        String clientId = unique("platform-report");
        String body = report(unique("r"), "网络暴力", account, null, false).replace("\"reason\"",
                "\"clientId\":\"" + clientId + "\",\"reason\"");
        JsonNode first = file(key, body);
        JsonNode again = json.readTree(mvc.perform(postJson("/api/v1/reports", key, body)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(again.get("id").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(again.get("caseId").asLong()).isEqualTo(first.get("caseId").asLong());
        assertThat(db.sql("select count(*) from report where target_account = ?").param(account).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(cases.signals(first.get("caseId").asLong())).hasSize(1);
        // another platform's key with the same id of its own files its own report
        JsonNode other = file(key(keys, Scope.REPORT), body);
        assertThat(other.get("id").asLong()).isNotEqualTo(first.get("id").asLong());
    }

    @Test
    void twoRetriesAtOnceFileOneReport() throws Exception {
        String key = key(keys, Scope.REPORT);
        String account = unique("u");
        String body = report(unique("r"), "网络暴力", account, null, false).replace("\"reason\"",
                "\"clientId\":\"" + unique("platform-report") + "\",\"reason\"");
        java.util.concurrent.Callable<Integer> send = () -> mvc.perform(postJson("/api/v1/reports", key, body))
                .andReturn().getResponse().getStatus();
        assertThat(org.qinglang.app.cases.WorkflowFixture.atOnce(dataSource, send, send))
                .containsExactlyInAnyOrder(201, 200);
        assertThat(db.sql("select count(*) from report where target_account = ?").param(account).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void aMinorFlagPutsTheCaseAheadOfAnyOther() throws Exception {
        String key = key(keys, Scope.REPORT);
        JsonNode adult = file(key, report(unique("r"), "cyberviolence", unique("u"), null, false));
        JsonNode minor = file(key, report(unique("r"), "other", unique("u"), null, true));
        Cases.Case a = cases.find(adult.get("caseId").asLong()).orElseThrow();
        Cases.Case m = cases.find(minor.get("caseId").asLong()).orElseThrow();
        assertThat(m.targetIsMinor()).isTrue();
        assertThat(m.rank()).isGreaterThan(a.rank());
    }

    @Test
    void aReporterWhoseReportsWereUnfoundedCountsForLess() throws Exception {
        String key = key(keys, Scope.REPORT);
        String reporter = unique("r");
        JsonNode fresh = file(key, report(reporter, "rumour", unique("u"), null, false));
        assertThat(credibility(fresh)).isEqualTo(0.75);
        db.sql("update report set outcome = 'unfounded' where reporter = ?").param(reporter).update();
        for (int i = 0; i < 3; i++) {
            JsonNode r = file(key, report(reporter, "rumour", unique("u"), null, false));
            db.sql("update report set outcome = 'unfounded' where id = ?").param(r.get("id").asLong()).update();
        }
        JsonNode later = file(key, report(reporter, "rumour", unique("u"), null, false));
        assertThat(credibility(later)).isEqualTo(3.0 / 8);
    }

    private double credibility(JsonNode filed) {
        return db.sql("select credibility from report where id = ?").param(filed.get("id").asLong())
                .query(Double.class).single();
    }

    @Test
    void badReportsAreRefusedNamingTheField() throws Exception {
        String key = key(keys, Scope.REPORT);
        mvc.perform(postJson("/api/v1/reports", key, report("r", "spam", "u", null, false)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("category"))
                .andExpect(jsonPath("$.code").value("bad_value"));
        mvc.perform(postJson("/api/v1/reports", key, "{\"reporter\":\"r\",\"category\":\"fraud\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("target"));
        mvc.perform(postJson("/api/v1/reports", key, "{\"reporter\":\"r\",\"category\":\"fraud\",\"target\":{}}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("target.account"));
        mvc.perform(postJson("/api/v1/reports", key, "{\"reporter\":\"r\",\"category\":\"fraud\",\"target\":"
                        + "{\"account\":\"u\",\"content\":\"c\",\"contentType\":\"video\"}}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("target.contentType"));
        mvc.perform(postJson("/api/v1/reports", key, "{\"reporter\":\"r\",\"category\":\"fraud\",\"target\":"
                        + "{\"account\":\"u\"},\"minorInvolved\":\"yes\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("minorInvolved"));
        mvc.perform(postJson("/api/v1/reports", key, "{\"reporter\":\"" + "r".repeat(129)
                        + "\",\"category\":\"fraud\",\"target\":{\"account\":\"u\"}}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reporter"))
                .andExpect(jsonPath("$.limit").value(128));
        mvc.perform(postJson("/api/v1/reports", key, "{\"reporter\":\"r\",\"category\":\"fraud\",\"target\":"
                        + "{\"account\":\"u\"},\"extra\":1}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("extra"));
        mvc.perform(postJson("/api/v1/reports", key, "[1,"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("malformed_json"));
    }

    @Test
    void onlyThePlatformThatFiledAReportReadsIt() throws Exception {
        String key = key(keys, Scope.REPORT);
        JsonNode filed = file(key, report(unique("r"), "fraud", unique("u"), null, false));
        long id = filed.get("id").asLong();
        mvc.perform(get("/api/v1/reports/" + id).header("Authorization", "Bearer " + key))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("open"))
                .andExpect(jsonPath("$.category").value("fraud"));
        mvc.perform(get("/api/v1/reports/" + id).header("Authorization", "Bearer " + key(keys, Scope.REPORT)))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("not_found"));
        mvc.perform(get("/api/v1/reports/abc").header("Authorization", "Bearer " + key))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("id"));
    }
}
