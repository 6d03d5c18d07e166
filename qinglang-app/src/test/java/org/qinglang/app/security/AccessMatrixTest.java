package org.qinglang.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.server.Principals;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Every endpoint × every caller (anonymous, an API key of each scope, a signed-in user of each role) → the
 * status it must get. A new endpoint is added to {@link #endpoints()} with its rule, or this test fails for
 * the whole matrix's sake ({@link #everyApiPathIsInTheMatrix}).
 */
@WebTest
class AccessMatrixTest {

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

    /** Who may call an endpoint, and what everyone else gets. */
    enum Rule {
        PUBLIC, SCOPE_CHECK, SCOPE_INGEST, SCOPE_ADMIN, SCOPE_PROTECT, ANY_ROLE, ROLE_ADMIN
    }

    record Endpoint(String name, Rule rule, int ok, Supplier<MockHttpServletRequestBuilder> request) {
    }

    static int eventNo;

    static final String NO_BUNDLE = "00000000-0000-0000-0000-000000000000";

    /**
     * The workflow's operations: their matrix (every API scope, every staff role, no CSRF token) is
     * {@code org.qinglang.app.cases.WorkflowSecurityMatrixTest}, since their console rules are per permission.
     */
    static final List<String> WORKFLOW = List.of(
            "POST /api/v1/reports", "GET /api/v1/reports/{id}", "POST /api/v1/appeals", "GET /api/v1/appeals/{id}",
            "POST /api/v1/sanctions/{id}/ack", "GET /api/v1/stats",
            "GET /console/api/cases", "GET /console/api/cases/{id}", "GET /console/api/cases/{id}/suggestion",
            "POST /console/api/cases/{id}/claim", "POST /console/api/cases/claim-next",
            "POST /console/api/cases/{id}/decide", "POST /console/api/cases/{id}/batch-decide",
            "GET /console/api/appeals", "POST /console/api/appeals/{id}/decide");

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET /actuator/health", Rule.PUBLIC, 200, () -> get("/actuator/health")),
                new Endpoint("GET /v3/api-docs", Rule.PUBLIC, 200, () -> get("/v3/api-docs")),
                new Endpoint("GET /login", Rule.PUBLIC, 200, () -> get("/login")),
                new Endpoint("GET /actuator/prometheus", Rule.SCOPE_ADMIN, 200, () -> get("/actuator/prometheus")),
                new Endpoint("POST /api/v1/text/check", Rule.SCOPE_CHECK, 200, () -> post("/api/v1/text/check")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"你好\"}")),
                new Endpoint("POST /api/v1/events", Rule.SCOPE_INGEST, 202, () -> post("/api/v1/events")
                        .contentType(MediaType.APPLICATION_JSON).content("[{\"id\":\"matrix-" + (eventNo++)
                                + "\",\"type\":\"like\",\"ts\":\"2026-11-22T10:00:03+08:00\",\"actor\":\"u-1\","
                                + "\"target\":{\"content\":\"p-1\"}}]")),
                new Endpoint("GET /api/v1/admin/keys", Rule.SCOPE_ADMIN, 200, () -> get("/api/v1/admin/keys")),
                new Endpoint("POST /api/v1/admin/keys", Rule.SCOPE_ADMIN, 201, () -> post("/api/v1/admin/keys")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"m\",\"scopes\":[\"check\"]}")),
                new Endpoint("DELETE /api/v1/admin/keys/{id}", Rule.SCOPE_ADMIN, 404,
                        () -> delete("/api/v1/admin/keys/999999")),
                new Endpoint("GET /api/v1/nothing-here", Rule.SCOPE_ADMIN, 403, () -> get("/api/v1/nothing-here")),
                new Endpoint("GET /console", Rule.ANY_ROLE, 200, () -> get("/console")),
                new Endpoint("GET /console/admin/keys", Rule.ROLE_ADMIN, 200, () -> get("/console/admin/keys")),
                new Endpoint("POST /console/admin/keys", Rule.ROLE_ADMIN, 200, () -> post("/console/admin/keys")
                        .param("name", "from-console").param("scopes", "check").with(csrf())),
                new Endpoint("POST /console/admin/keys (no CSRF token)", Rule.ROLE_ADMIN, 403,
                        () -> post("/console/admin/keys").param("name", "x").param("scopes", "check")),
                new Endpoint("PUT /api/v1/protection/{account}", Rule.SCOPE_PROTECT, 200,
                        () -> put("/api/v1/protection/m-1").contentType(MediaType.APPLICATION_JSON)
                                .content("{\"on\":false}")),
                new Endpoint("GET /api/v1/protection/{account}", Rule.SCOPE_PROTECT, 200,
                        () -> get("/api/v1/protection/m-1")),
                new Endpoint("GET /api/v1/protection/{account}/decide", Rule.SCOPE_PROTECT, 200,
                        () -> get("/api/v1/protection/m-1/decide").param("action", "comment")),
                new Endpoint("GET /api/v1/protection/{account}/prompt", Rule.SCOPE_PROTECT, 204,
                        () -> get("/api/v1/protection/m-1/prompt")),
                new Endpoint("POST /api/v1/protection/{account}/prompt/{id}", Rule.SCOPE_PROTECT, 404,
                        () -> post("/api/v1/protection/m-1/prompt/999999").contentType(MediaType.APPLICATION_JSON)
                                .content("{\"taken\":false}")),
                new Endpoint("POST /api/v1/evidence/{account}", Rule.SCOPE_PROTECT, 201,
                        () -> post("/api/v1/evidence/m-1")),
                new Endpoint("GET /api/v1/evidence/{id}", Rule.SCOPE_PROTECT, 404,
                        () -> get("/api/v1/evidence/" + NO_BUNDLE)),
                new Endpoint("GET /api/v1/evidence/{id}.html", Rule.SCOPE_PROTECT, 404,
                        () -> get("/api/v1/evidence/" + NO_BUNDLE + ".html")),
                new Endpoint("GET /api/v1/evidence/public-key", Rule.PUBLIC, 200,
                        () -> get("/api/v1/evidence/public-key")));
    }

    /** The status {@code caller} must get from {@code e}. */
    static int expected(Endpoint e, Object caller) {
        boolean anonymous = caller == null;
        boolean isKey = caller instanceof Scope;
        boolean isUser = caller instanceof Role;
        boolean noCsrf = e.name().contains("no CSRF");
        return switch (e.rule()) {
            case PUBLIC -> e.ok();
            case SCOPE_CHECK, SCOPE_INGEST, SCOPE_ADMIN, SCOPE_PROTECT -> {
                Scope needed = Scope.valueOf(e.rule().name().substring(6));
                if (!isKey) {
                    yield 401;  // neither a console session nor nothing opens the API
                }
                yield caller == needed ? e.ok() : 403;
            }
            case ANY_ROLE -> isUser ? e.ok() : 302;  // to the login page
            case ROLE_ADMIN -> {
                if (noCsrf) {
                    yield 403;  // refused before anyone is asked who they are
                }
                if (anonymous || isKey) {
                    yield 302;
                }
                yield caller == Role.ADMIN ? e.ok() : 403;
            }
        };
    }

    @Test
    void everyEndpointAnswersEveryCallerAsItsRuleSays() throws Exception {
        List<Object> callers = new ArrayList<>();
        callers.add(null);
        callers.addAll(List.of(Scope.values()));
        callers.addAll(List.of(Role.values()));
        Map<String, Integer> wrong = new LinkedHashMap<>();
        int cells = 0;
        for (Endpoint e : endpoints()) {
            for (Object caller : callers) {
                MockHttpServletRequestBuilder r = e.request().get();
                if (caller instanceof Scope s) {
                    r = who.as(s, r);
                } else if (caller instanceof Role role) {
                    r = who.as(role, r);
                }
                int status = mvc.perform(r).andReturn().getResponse().getStatus();
                cells++;
                if (status != expected(e, caller)) {
                    wrong.put(e.name() + " as " + (caller == null ? "anonymous" : caller) + ": expected "
                            + expected(e, caller), status);
                }
            }
        }
        assertThat(cells).isEqualTo(23 * 11);
        assertThat(wrong).as("cells that answered otherwise than their rule").isEmpty();
    }

    @Test
    void aWrongOrRevokedKeyIsRefusedWith401() throws Exception {
        assertThat(mvc.perform(post("/api/v1/text/check").header("Authorization", "Bearer qk_00000000_"
                + "A".repeat(43)).contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}"))
                .andReturn().getResponse().getStatus()).isEqualTo(401);
        ApiKeys.Created k = apiKeys.create("to-revoke", java.util.Set.of(Scope.CHECK), "test");
        MockHttpServletRequestBuilder call = post("/api/v1/text/check").header("X-Api-Key", k.secret())
                .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}");
        assertThat(mvc.perform(call).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(apiKeys.revoke(k.key().id(), "test")).isTrue();
        assertThat(mvc.perform(post("/api/v1/text/check").header("X-Api-Key", k.secret())
                .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}"))
                .andReturn().getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void everyApiPathIsInTheMatrix() throws Exception {
        String docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        List<String> named = endpoints().stream().map(Endpoint::name).toList();
        for (String path : List.of("/api/v1/text/check", "/api/v1/events", "/api/v1/admin/keys")) {
            assertThat(docs).contains("\"" + path + "\"");
            assertThat(named).anyMatch(n -> n.endsWith(" " + path));
        }
        JsonNode paths = new ObjectMapper().readTree(docs).path("paths");
        List<String> documented = new ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(
                method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
        assertThat(documented).isNotEmpty();
        List<String> covered = new ArrayList<>(named);
        covered.addAll(WORKFLOW);
        assertThat(covered).as("every documented operation has a row here or in WorkflowSecurityMatrixTest")
                .containsAll(documented);
        assertThat(docs).doesNotContain("\"/api/v1/admin/keys/{id}\":{\"get\"")
                .contains("application/x-ndjson").contains("c-1029");
    }
}
