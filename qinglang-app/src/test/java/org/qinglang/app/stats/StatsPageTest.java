package org.qinglang.app.stats;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The statistics page: the roles that read statistics, the same figures as {@code GET /api/v1/stats} in a table and
 * in the charts' data, and ECharts served from its WebJar by this server (no other origin).
 */
@WebTest
class StatsPageTest {

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

    private static OffsetDateTime t(String s) {
        return OffsetDateTime.parse(s);
    }

    /** Two cases on 2020-02-02 (China), one decided on time with two accounts muted and a report; none elsewhere. */
    private void figures() {
        if (db.sql("select count(*) from workflow_case where target = 'account:stats-page-1'").query(Long.class).single() > 0) {
            return;
        }
        db.sql("insert into workflow_case (target, account, content_type, target_is_minor, category, severity, priority_rank, "
                        + "due, opened_at, status, decided_at, violation) values ('account:stats-page-1', 'stats-page-1', "
                        + "'account', false, 'doxxing', 'minor', 0, ?, ?, 'decided', ?, true)")
                .params(t("2020-02-02T12:00:00+08:00"), t("2020-02-02T09:00:00+08:00"), t("2020-02-02T10:00:00+08:00"))
                .update();
        long c = db.sql("select id from workflow_case where target = 'account:stats-page-1'").query(Long.class).single();
        db.sql("insert into workflow_case (target, account, content_type, target_is_minor, category, severity, priority_rank, "
                        + "due, opened_at, status) values ('account:stats-page-2', 'stats-page-2', 'account', false, "
                        + "'doxxing', 'minor', 0, ?, ?, 'open')")
                .params(t("2020-02-02T13:00:00+08:00"), t("2020-02-02T09:30:00+08:00")).update();
        db.sql("insert into report (api_key_id, reporter, category, target_account, minor_involved, credibility, created_at, "
                        + "case_id, outcome) values (1, 'r', 'doxxing', 'stats-page-1', false, 0.75, ?, ?, 'founded')")
                .params(t("2020-02-02T09:00:00+08:00"), c).update();
        for (String account : new String[]{"stats-page-a", "stats-page-b"}) {
            db.sql("insert into decision (case_id, account, category, severity, role, action, step, starts_at, decided_by, "
                            + "decided_at, statement) values (?, ?, 'doxxing', 'minor', 'participant', 'mute', 3, ?, 'alice', ?, '{}')")
                    .params(c, account, t("2020-02-02T10:00:00+08:00"), t("2020-02-02T10:00:00+08:00")).update();
        }
    }

    @Test
    void theComplianceOfficerTheAuditorAndTheAdminReadTheSameFiguresAsTheApi() throws Exception {
        figures();
        JsonNode api = json.readTree(send(get("/api/v1/stats").param("from", "2020-02-01").param("to", "2020-02-03")
                .header("Authorization", "Bearer " + WorkflowFixture.key(keys, Scope.ADMIN))).getContentAsString());
        JsonNode day = api.get("days").get(0);
        assertThat(api.get("days")).hasSize(1);
        for (String role : new String[]{"COMPLIANCE_OFFICER", "AUDITOR", "ADMIN"}) {
            MockHttpServletResponse res = send(get("/console/stats").param("from", "2020-02-01").param("to", "2020-02-03")
                    .with(user("someone").roles(role)));
            assertThat(res.getStatus()).as(role).isEqualTo(200);
            String html = res.getContentAsString();
            // the table: date, category, reports, opened, handled, accounts by action, disposal rate, on-time rate
            assertThat(html.replaceAll("\\s+", "")).as(role).contains("<td>2020-02-02</td><td>泄露隐私/人肉</td><td>"
                    + day.get("reports").asLong() + "</td><td>" + day.get("opened").asLong() + "</td><td>"
                    + day.get("handled").asLong() + "</td><td>禁言" + day.get("sanctionedAccounts").get("mute").asLong()
                    + "</td><td>50.0%</td><td>50.0%</td>");
            assertThat(day.get("disposalRate").asDouble()).isEqualTo(0.5);  // one of the two decided
            assertThat(day.get("onTimeRate").asDouble()).isEqualTo(0.5);    // both came due, one decided in time
            Matcher m = Pattern.compile("data-stats=\"([^\"]*)\"").matcher(html);
            assertThat(m.find()).isTrue();
            assertThat(m.group(1)).contains("&quot;");  // written escaped, as an attribute
            JsonNode charts = json.readTree(HtmlUtils.htmlUnescape(m.group(1)));
            assertThat(charts.get("days").toString()).isEqualTo("[\"2020-02-01\",\"2020-02-02\",\"2020-02-03\"]");
            assertThat(charts.get("charts").get("reports").get("series").get("泄露隐私/人肉").toString())
                    .isEqualTo("[0.0,1.0,0.0]");
            assertThat(charts.get("charts").get("sanctioned").get("series").get("禁言").toString())
                    .isEqualTo("[0.0,2.0,0.0]");
            assertThat(charts.get("charts").get("disposal").get("series").get("泄露隐私/人肉").toString())
                    .isEqualTo("[null,50.0,null]");
            assertThat(charts.get("charts").get("onTime").get("series").get("泄露隐私/人肉").toString())
                    .isEqualTo("[null,50.0,null]");
        }
        for (String role : new String[]{"REVIEWER", "SENIOR_REVIEWER"}) {
            assertThat(send(get("/console/stats").with(user("someone").roles(role))).getStatus()).as(role).isEqualTo(403);
        }
        assertThat(send(get("/console/stats")).getStatus()).isEqualTo(302);
        assertThat(send(get("/console/stats").param("lang", "en").param("from", "2020-02-01").param("to", "2020-02-03")
                .with(user("someone").roles("AUDITOR"))).getContentAsString()).contains("Disposal rate")
                .contains("Doxxing");
    }

    @Test
    void echartsComesFromItsWebJarOnThisServerAndNoScriptFromAnotherOrigin() throws Exception {
        String html = send(get("/console/stats").with(user("someone").roles("AUDITOR"))).getContentAsString();
        Matcher src = Pattern.compile("<script src=\"(/webjars/echarts/[0-9.]+/dist/echarts.min.js)\"></script>")
                .matcher(html);
        assertThat(src.find()).as("ECharts from its WebJar, by its version").isTrue();
        assertThat(html).contains("<script src=\"/js/stats.js\"></script>");
        assertThat(html).doesNotContainPattern("<script[^>]+src=\"(https?:)?//");
        assertThat(send(get("/webjars/echarts/dist/echarts.min.js")).getStatus()).isEqualTo(200);
        MockHttpServletResponse lib = send(get(src.group(1)));
        assertThat(lib.getStatus()).isEqualTo(200);
        assertThat(lib.getContentAsString()).contains("echarts").hasSizeGreaterThan(500_000);
        MockHttpServletResponse script = send(get("/js/stats.js"));
        assertThat(script.getStatus()).isEqualTo(200);
        assertThat(script.getContentAsString()).contains("echarts.init").contains("renderMode: 'richText'");
        // the default period is the last 7 China days
        Matcher m = Pattern.compile("data-stats=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).isTrue();
        assertThat(json.readTree(HtmlUtils.htmlUnescape(m.group(1))).get("days")).hasSize(7);
    }

    @Test
    void aBadPeriodIsNamedAndTheDefaultShown() throws Exception {
        MockHttpServletResponse bad = send(get("/console/stats").param("from", "2020-13-01").param("to", "2020-12-31")
                .with(user("someone").roles("AUDITOR")));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString()).contains("id=\"error\"").contains("from 取值无效");
        MockHttpServletResponse tooLong = send(get("/console/stats").param("from", "2019-01-01").param("to", "2020-12-31")
                .with(user("someone").roles("AUDITOR")));
        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(tooLong.getContentAsString()).contains("统计区间最多 366 天");
        assertThat(send(get("/console/stats").param("from", "2020-02-03").param("to", "2020-02-01")
                .with(user("someone").roles("AUDITOR"))).getStatus()).isEqualTo(400);
        // the last date there is parses, and the day after it cannot be counted to: a 400, not a 500
        assertThat(send(get("/api/v1/stats").param("from", "+999999999-12-31").param("to", "+999999999-12-31")
                .header("Authorization", "Bearer " + WorkflowFixture.key(keys, Scope.ADMIN))).getStatus()).isEqualTo(400);
    }
}
