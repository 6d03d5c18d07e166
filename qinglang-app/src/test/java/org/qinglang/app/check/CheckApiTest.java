package org.qinglang.app.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.ConsoleUsers;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.Principals;
import org.qinglang.app.server.WebTest;
import org.qinglang.core.verdict.Context;
import org.qinglang.core.verdict.Moderator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** {@code POST /api/v1/text/check}: the Moderator's verdict with ARCHITECTURE.md's names; bad input named. */
@WebTest
class CheckApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    ConsoleUsers users;
    @Autowired
    Moderator moderator;

    final ObjectMapper json = new ObjectMapper();
    Principals who;

    @BeforeEach
    void principals() throws Exception {
        who = Principals.of(mvc, apiKeys, users);
    }

    private MockHttpServletResponse check(byte[] body, String language) throws Exception {
        var r = who.as(Scope.CHECK, post("/api/v1/text/check")).contentType(MediaType.APPLICATION_JSON).content(body);
        if (language != null) {
            r = r.header("Accept-Language", language);
        }
        MockHttpServletResponse res = mvc.perform(r).andReturn().getResponse();
        res.setCharacterEncoding("UTF-8");
        return res;
    }

    private MockHttpServletResponse check(String body) throws Exception {
        return check(body.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void aBodyNotSentAsJsonIsRefusedAsUnsupported() throws Exception {
        // curl -d sends a form by default: the body would be read as form parameters and the JSON lost
        for (String type : new String[]{"application/x-www-form-urlencoded", "text/plain"}) {
            MockHttpServletResponse res = mvc.perform(who.as(Scope.CHECK, post("/api/v1/text/check")).contentType(type)
                    .content("{\"text\":\"你好\"}")).andReturn().getResponse();
            assertThat(res.getStatus()).as(type).isEqualTo(415);
        }
        MockHttpServletResponse events = mvc.perform(who.as(Scope.INGEST, post("/api/v1/events")).contentType("text/plain")
                .content("{}")).andReturn().getResponse();
        assertThat(events.getStatus()).isEqualTo(415);
    }

    @Test
    void givesTheModeratorsVerdictWithTheArchitecturesFieldNames() throws Exception {
        MockHttpServletResponse res = check("{\"text\":\"你个傻1逼\",\"context\":{\"relation\":\"stranger\","
                + "\"actorAgeDays\":3,\"scene\":\"comment\"}}");
        assertThat(res.getStatus()).isEqualTo(200);
        JsonNode v = json.readTree(res.getContentAsString());
        var expected = moderator.check("你个傻1逼", new Context(Context.Relation.STRANGER, 3, "comment"));
        // a hit on a fuzzy channel (folded: 傻1逼) is evidence for review; the fast model (score under 0.9) does not
        // make it a block
        assertThat(v.get("suggestion").asText()).isEqualTo(expected.suggestion().id()).isEqualTo("review");
        assertThat(v.get("riskLevel").asText()).isEqualTo(expected.riskLevel().id());
        assertThat(v.get("warnBeforePost").asBoolean()).isEqualTo(expected.warnBeforePost());
        JsonNode label = v.get("labels").get(0);
        assertThat(label.fieldNames()).toIterable().containsExactly("label", "subLabel", "score", "hits");
        JsonNode hit = label.get("hits").get(0);
        assertThat(hit.fieldNames()).toIterable()
                .contains("term", "channel", "start", "end", "matched");
        assertThat(hit.get("matched").asText()).isEqualTo("傻1逼");
        assertThat(hit.get("start").asInt()).isEqualTo(2);
        assertThat(hit.get("end").asInt()).isEqualTo(5);
    }

    @Test
    void aTextOverTheLimitIsRefusedNamingFieldAndLimit() throws Exception {
        MockHttpServletResponse res = check("{\"text\":\"" + "好".repeat(10_001) + "\"}");
        assertThat(res.getStatus()).isEqualTo(400);
        assertThat(res.getContentType()).startsWith("application/problem+json");
        JsonNode p = json.readTree(res.getContentAsString());
        assertThat(p.get("code").asText()).isEqualTo("too_long");
        assertThat(p.get("field").asText()).isEqualTo("text");
        assertThat(p.get("limit").asInt()).isEqualTo(10_000);
        assertThat(p.get("detail").asText()).isEqualTo("text 长度 10001 超过上限 10000 个字符");
        assertThat(check("{\"text\":\"" + "好".repeat(10_000) + "\"}").getStatus()).isEqualTo(200);
    }

    @Test
    void englishWhenAskedFor() throws Exception {
        JsonNode p = json.readTree(check("{\"text\":\"x\",\"colour\":1}".getBytes(StandardCharsets.UTF_8), "en")
                .getContentAsString());
        assertThat(p.get("field").asText()).isEqualTo("colour");
        assertThat(p.get("detail").asText()).isEqualTo("unknown field colour (the fields are: context, text)");
    }

    @Test
    void badInputGetsA4xxNamingTheFieldNeverAStackTrace() throws Exception {
        assertProblem(check("{\"text\":\"x\""), 400, "malformed_json", null);
        assertProblem(check("{}"), 400, "missing", "text");
        assertProblem(check("{\"text\":12}"), 400, "wrong_type", "text");
        assertProblem(check("[1]"), 400, "wrong_type", "(body)");
        assertProblem(check("{\"text\":\"x\",\"context\":{\"relation\":\"enemy\"}}"), 400, "bad_value", "context.relation");
        assertProblem(check("{\"text\":\"x\",\"context\":{\"actorAgeDays\":-2}}"), 400, "bad_value", "context.actorAgeDays");
        assertProblem(check("{\"text\":\"x\",\"context\":{\"scene\":\"moon\"}}"), 400, "bad_value", "context.scene");
        assertProblem(check("{\"text\":\"x\",\"context\":{\"ip\":\"1.2.3.4\"}}"), 400, "unknown_field", "context.ip");
        byte[] badUtf8 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertProblem(check(badUtf8, null), 400, "bad_utf8", null);
        assertProblem(check(new byte[200_000], null), 413, "body_too_large", null);
    }

    private void assertProblem(MockHttpServletResponse res, int status, String code, String field) throws Exception {
        String body = res.getContentAsString();
        assertThat(res.getStatus()).as(body).isEqualTo(status);
        JsonNode p = json.readTree(body);
        assertThat(p.get("code").asText()).as(body).isEqualTo(code);
        if (field != null) {
            assertThat(p.get("field").asText()).as(body).isEqualTo(field);
        }
        assertThat(body).doesNotContain("Exception").doesNotContain("at org.");
    }
}
