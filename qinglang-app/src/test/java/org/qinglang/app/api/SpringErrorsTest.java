package org.qinglang.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.ConsoleUsers;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.Principals;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;

/** Spring's own errors (a path id that is not a number …) speak Chinese unless asked for English. */
@WebTest
class SpringErrorsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    ConsoleUsers users;

    final ObjectMapper json = new ObjectMapper();
    Principals who;

    @BeforeEach
    void principals() throws Exception {
        who = Principals.of(mvc, apiKeys, users);
    }

    private JsonNode problem(MockHttpServletRequestBuilder r, int status) throws Exception {
        MockHttpServletResponse res = mvc.perform(r).andReturn().getResponse();
        res.setCharacterEncoding("UTF-8");
        assertThat(res.getStatus()).as(res.getContentAsString()).isEqualTo(status);
        return json.readTree(res.getContentAsString());
    }

    @Test
    void aQueryParameterWithANulCharacterIsAProblemNamingIt() throws Exception {
        MockHttpServletResponse res = mvc.perform(who.as(Scope.ADMIN,
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/stats")
                        .param("from", "2020-01-01\u0000").param("to", "2020-01-02")))
                .andReturn().getResponse();
        res.setCharacterEncoding("UTF-8");
        assertThat(res.getStatus()).isEqualTo(400);
        assertThat(res.getContentType()).startsWith("application/problem+json");
        JsonNode p = json.readTree(res.getContentAsString());
        assertThat(p.get("field").asText()).isEqualTo("from");
        assertThat(p.get("code").asText()).isEqualTo("bad_value");
        assertThat(p.get("detail").asText()).contains("NUL");
    }

    @Test
    void aPathIdThatIsNotANumberIsExplainedInChineseFirst() throws Exception {
        JsonNode zh = problem(who.as(Scope.ADMIN, delete("/api/v1/admin/keys/abc")), 400);
        assertThat(zh.get("detail").asText()).isEqualTo("参数 id 的取值类型不对");
        JsonNode en = problem(who.as(Scope.ADMIN, delete("/api/v1/admin/keys/abc")).header("Accept-Language", "en"), 400);
        assertThat(en.get("detail").asText()).isEqualTo("parameter id has a value of the wrong type");
    }
}
