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
import java.util.Set;
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
        PUBLIC, SCOPE_CHECK, SCOPE_INGEST, SCOPE_ADMIN, SCOPE_PROTECT, ANY_ROLE, ROLE_ADMIN, ROLES
    }

    /** An endpoint; {@code roles} are the console roles of rule {@link Rule#ROLES}. */
    record Endpoint(String name, Rule rule, Set<Role> roles, int ok, Supplier<MockHttpServletRequestBuilder> request) {
        Endpoint(String name, Rule rule, int ok, Supplier<MockHttpServletRequestBuilder> request) {
            this(name, rule, Set.of(), ok, request);
        }
    }

    /** The roles that decide cases (the compliance officer only referrals), as the JSON claim and decide. */
    static final Set<Role> DECIDING = Set.of(Role.REVIEWER, Role.SENIOR_REVIEWER, Role.COMPLIANCE_OFFICER);
    /** The roles that read statistics in the console. */
    static final Set<Role> STATISTICS = Set.of(Role.COMPLIANCE_OFFICER, Role.AUDITOR, Role.ADMIN);

    static int userNo;

    /** A console POST of form fields with a CSRF token, or without one when the name says so. */
    static MockHttpServletRequestBuilder form(String path, boolean token, String... fields) {
        MockHttpServletRequestBuilder r = post(path);
        for (int i = 0; i < fields.length; i += 2) {
            r.param(fields[i], fields[i + 1]);
        }
        return token ? r.with(csrf()) : r;
    }

    /** A console POST twice: with its CSRF token (answering {@code ok} to its roles) and without one (403 to all). */
    static List<Endpoint> posts(String name, Rule rule, Set<Role> roles, int ok, String path, String... fields) {
        return List.of(new Endpoint("POST " + name, rule, roles, ok, () -> form(path, true, fields)),
                new Endpoint("POST " + name + " (no CSRF token)", rule, roles, 403, () -> form(path, false, fields)));
    }

    /** The console's pages of the workflow, the users and the statistics (issue #4). */
    static List<Endpoint> consolePages() {
        List<Endpoint> out = new ArrayList<>(List.of(
                new Endpoint("GET /console/cases", Rule.ANY_ROLE, 200, () -> get("/console/cases")),
                new Endpoint("GET /console/cases/{id}", Rule.ANY_ROLE, 404, () -> get("/console/cases/999999999")),
                new Endpoint("GET /console/evidence/{id}", Rule.ANY_ROLE, 404, () -> get("/console/evidence/" + NO_BUNDLE)),
                new Endpoint("GET /console/appeals", Rule.ANY_ROLE, 200, () -> get("/console/appeals")),
                new Endpoint("GET /console/stats", Rule.ROLES, STATISTICS, 200, () -> get("/console/stats")),
                new Endpoint("GET /console/users", Rule.ROLE_ADMIN, 200, () -> get("/console/users")),
                new Endpoint("GET /console/password", Rule.ANY_ROLE, 200, () -> get("/console/password"))));
        // claims the most urgent open case, if any (302 to it, or back to the queue when none is left)
        out.addAll(posts("/console/cases/claim-next", Rule.ROLES, DECIDING, 302, "/console/cases/claim-next"));
        out.addAll(posts("/console/cases/{id}/claim", Rule.ROLES, DECIDING, 404, "/console/cases/999999999/claim"));
        // a finding of violation: every deciding role reaches the case (404); 不违规 is refused to the compliance
        // officer before that (403, CasePageTest)
        out.addAll(posts("/console/cases/{id}/decide", Rule.ROLES, DECIDING, 404, "/console/cases/999999999/decide",
                "violation", "true", "severity", "moderate", "role", "participant", "groundKind", "terms",
                "groundReference", "x", "facts", "x"));
        out.addAll(posts("/console/cases/{id}/release", Rule.ROLES, DECIDING, 404, "/console/cases/999999999/release"));
        out.addAll(posts("/console/cases/{id}/batch-decide", Rule.ROLES, Set.of(Role.SENIOR_REVIEWER), 404,
                "/console/cases/999999999/batch-decide", "severity", "moderate", "account", "x", "role", "inciter",
                "groundKind", "terms", "groundReference", "x", "facts", "x"));
        out.addAll(posts("/console/cases/{id}/evidence", Rule.ROLES, DECIDING, 404, "/console/cases/999999999/evidence"));
        out.addAll(posts("/console/appeals/{id}/decide", Rule.ROLES, Set.of(Role.SENIOR_REVIEWER), 404,
                "/console/appeals/999999999/decide", "outcome", "uphold", "answer", "x"));
        out.add(new Endpoint("POST /console/users", Rule.ROLE_ADMIN, 200,
                () -> form("/console/users", true, "username", "matrix-" + (userNo++) + "-" + System.nanoTime() % 100_000,
                        "role", "auditor")));
        out.add(new Endpoint("POST /console/users (no CSRF token)", Rule.ROLE_ADMIN, 403,
                () -> form("/console/users", false, "username", "matrix-never", "role", "auditor")));
        out.addAll(posts("/console/users/role", Rule.ROLE_ADMIN, Set.of(), 404, "/console/users/role",
                "username", "nobody-here", "role", "auditor"));
        out.addAll(posts("/console/users/enabled", Rule.ROLE_ADMIN, Set.of(), 404, "/console/users/enabled",
                "username", "nobody-here", "enabled", "false"));
        out.addAll(posts("/console/users/password", Rule.ROLE_ADMIN, Set.of(), 404, "/console/users/password",
                "username", "nobody-here"));
        // a wrong current password: refused by the page (400), so the test users keep theirs
        out.addAll(posts("/console/password", Rule.ANY_ROLE, Set.of(), 400, "/console/password",
                "current", "not-the-password", "password", "a-new-password-1", "repeat", "a-new-password-1"));
        return out;
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
            "POST /console/api/cases/{id}/decide", "POST /console/api/cases/{id}/release",
            "POST /console/api/cases/{id}/batch-decide",
            "GET /console/api/appeals", "POST /console/api/appeals/{id}/decide");

    static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>(List.of(
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
                        () -> get("/api/v1/evidence/public-key"))));
        all.addAll(consolePages());
        return all;
    }

    /** The status {@code caller} must get from {@code e}. */
    static int expected(Endpoint e, Object caller) {
        boolean anonymous = caller == null;
        boolean isKey = caller instanceof Scope;
        boolean isUser = caller instanceof Role;
        boolean noCsrf = e.name().contains("no CSRF");
        if (noCsrf) {
            return 403;  // refused before anyone is asked who they are
        }
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
                if (anonymous || isKey) {
                    yield 302;
                }
                yield caller == Role.ADMIN ? e.ok() : 403;
            }
            case ROLES -> {
                if (anonymous || isKey) {
                    yield 302;  // a key does not open the console: to the login page
                }
                yield e.roles().contains(caller) ? e.ok() : 403;
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
        assertThat(cells).isEqualTo(endpoints().size() * 11).isEqualTo(54 * 11);
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
