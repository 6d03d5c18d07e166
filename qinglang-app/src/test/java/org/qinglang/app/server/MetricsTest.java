package org.qinglang.app.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.ConsoleUsers;
import org.qinglang.app.security.Scope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * {@code /actuator/prometheus} keeps the figures an operator graphs: Spring's request timings per endpoint
 * (switching off Spring Security's own observations must not take these with them) and Qinglang's meters.
 */
@WebTest
class MetricsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    ConsoleUsers users;

    Principals who;

    @BeforeEach
    void principals() throws Exception {
        who = Principals.of(mvc, apiKeys, users);
    }

    @Test
    void exposesRequestTimingsPerEndpointAndQinglangsOwnMeters() throws Exception {
        int status = mvc.perform(who.as(Scope.CHECK, post("/api/v1/text/check"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"你好\"}"))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(200);

        var res = mvc.perform(who.as(Scope.ADMIN, get("/actuator/prometheus"))).andReturn().getResponse();
        assertThat(res.getStatus()).isEqualTo(200);
        String page = res.getContentAsString();
        assertThat(page)
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/text/check\"[^}]*} [1-9]")
                .contains("qinglang_check_seconds_count")
                .contains("qinglang_events_accepted_total")
                .containsPattern("qinglang_intake_backlog\\{[^}]*} [0-9]");
    }
}
