package org.qinglang.app.cases;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Who may call what in the workflow: every endpoint × every API scope (and no key), every console endpoint ×
 * every staff role (and no session) → the exact status. Requests name things that do not exist or carry an
 * empty body, so an allowed call ends in its own 400/404 without changing anything.
 */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowSecurityMatrixTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;

    private final Map<Scope, String> keyOf = new EnumMap<>(Scope.class);

    @BeforeAll
    void keys() {
        for (Scope s : Scope.values()) {
            keyOf.put(s, WorkflowFixture.key(keys, s));
        }
    }

    private record Api(HttpMethod method, String path, String body, Scope allowed, int allowedStatus) {
    }

    @Test
    void apiEndpointsByScope() throws Exception {
        List<Api> api = List.of(
                new Api(HttpMethod.POST, "/api/v1/reports", "{}", Scope.REPORT, 400),
                new Api(HttpMethod.GET, "/api/v1/reports/999999999", null, Scope.REPORT, 404),
                new Api(HttpMethod.POST, "/api/v1/appeals", "{}", Scope.REPORT, 400),
                new Api(HttpMethod.GET, "/api/v1/appeals/999999999", null, Scope.REPORT, 404),
                new Api(HttpMethod.POST, "/api/v1/sanctions/999999999/ack", null, Scope.INGEST, 404),
                new Api(HttpMethod.GET, "/api/v1/stats", null, Scope.ADMIN, 400));
        List<String> wrong = new ArrayList<>();
        for (Api a : api) {
            Map<String, Integer> expected = new LinkedHashMap<>();
            expected.put("no key", 401);
            for (Scope s : Scope.values()) {
                expected.put(s.id(), s == a.allowed() ? a.allowedStatus() : 403);
            }
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                MockHttpServletRequestBuilder r = request(a.method(), a.path());
                if (!e.getKey().equals("no key")) {
                    r.header("Authorization", "Bearer " + keyOf.get(Scope.fromId(e.getKey())));
                }
                if (a.body() != null) {
                    r.contentType("application/json").content(a.body());
                }
                int got = mvc.perform(r).andReturn().getResponse().getStatus();
                if (got != e.getValue()) {
                    wrong.add(a.method() + " " + a.path() + " as " + e.getKey() + ": " + got + ", expected " + e.getValue());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private record Console(HttpMethod method, String path, String body, Map<String, Integer> byRole) {
    }

    private static Map<String, Integer> roles(int reviewer, int senior, int compliance, int auditor, int admin) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("REVIEWER", reviewer);
        m.put("SENIOR_REVIEWER", senior);
        m.put("COMPLIANCE_OFFICER", compliance);
        m.put("AUDITOR", auditor);
        m.put("ADMIN", admin);
        return m;
    }

    @Test
    void consoleEndpointsByRole() throws Exception {
        List<Console> console = List.of(
                new Console(HttpMethod.GET, "/console/api/cases", null, roles(200, 200, 200, 200, 200)),
                new Console(HttpMethod.GET, "/console/api/cases/999999999", null, roles(404, 404, 404, 404, 404)),
                new Console(HttpMethod.GET, "/console/api/cases/999999999/suggestion", null, roles(404, 404, 404, 404, 404)),
                new Console(HttpMethod.GET, "/console/api/appeals", null, roles(200, 200, 200, 200, 200)),
                new Console(HttpMethod.GET, "/console/cases", null, roles(200, 200, 200, 200, 200)),
                new Console(HttpMethod.POST, "/console/api/cases/999999999/claim", null, roles(404, 404, 404, 403, 403)),
                // claim-next as a deciding role would claim another test's case: only the refusals are checked here
                new Console(HttpMethod.POST, "/console/api/cases/claim-next", null, roles(-1, -1, -1, 403, 403)),
                new Console(HttpMethod.POST, "/console/api/cases/999999999/decide", "{}", roles(400, 400, 400, 403, 403)),
                new Console(HttpMethod.POST, "/console/api/cases/999999999/release", null, roles(404, 404, 404, 403, 403)),
                new Console(HttpMethod.POST, "/console/api/cases/999999999/batch-decide", "{}", roles(403, 400, 403, 403, 403)),
                new Console(HttpMethod.POST, "/console/api/appeals/999999999/decide", "{}", roles(403, 400, 403, 403, 403)));
        List<String> wrong = new ArrayList<>();
        for (Console c : console) {
            for (Map.Entry<String, Integer> e : c.byRole().entrySet()) {
                if (e.getValue() < 0) {
                    continue;
                }
                MockHttpServletRequestBuilder r = request(c.method(), c.path()).with(user("staff").roles(e.getKey()));
                if (c.method() == HttpMethod.POST) {
                    r.with(csrf());
                }
                if (c.body() != null) {
                    r.contentType("application/json").content(c.body());
                }
                int got = mvc.perform(r).andReturn().getResponse().getStatus();
                if (got != e.getValue()) {
                    wrong.add(c.method() + " " + c.path() + " as " + e.getKey() + ": " + got + ", expected " + e.getValue());
                }
            }
            MockHttpServletRequestBuilder anonymous = request(c.method(), c.path());
            if (c.method() == HttpMethod.POST) {
                anonymous.with(csrf());
                int noCsrf = mvc.perform(request(c.method(), c.path()).with(user("staff").roles("SENIOR_REVIEWER")))
                        .andReturn().getResponse().getStatus();
                if (noCsrf != 403) {
                    wrong.add(c.method() + " " + c.path() + " without a CSRF token: " + noCsrf + ", expected 403");
                }
            }
            int got = mvc.perform(anonymous).andReturn().getResponse().getStatus();
            if (got != 302 && got != 401) {
                wrong.add(c.method() + " " + c.path() + " with no session: " + got + ", expected a redirect to login");
            }
        }
        assertThat(wrong).isEmpty();
    }
}
