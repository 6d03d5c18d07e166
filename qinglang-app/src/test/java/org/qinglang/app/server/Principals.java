package org.qinglang.app.server;

import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.ConsoleUsers;
import org.qinglang.app.security.Role;
import org.qinglang.app.security.Scope;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

/**
 * Real callers for the web tests, made once per shared context: an API key per scope (through {@link ApiKeys})
 * and a console user per role signed in through the login form (a real session, as a browser has).
 */
public final class Principals {

    public static final String PASSWORD = "correct-horse-battery";

    private static Principals made;

    private final Map<Scope, String> keys = new EnumMap<>(Scope.class);
    private final Map<Role, MockHttpSession> sessions = new EnumMap<>(Role.class);
    private final String allScopes;

    private Principals(MockMvc mvc, ApiKeys apiKeys, ConsoleUsers users) throws Exception {
        for (Scope s : Scope.values()) {
            keys.put(s, apiKeys.create("test-" + s.id(), Set.of(s), "test").secret());
        }
        allScopes = apiKeys.create("test-all", Set.of(Scope.values()), "test").secret();
        for (Role r : Role.values()) {
            String name = "t-" + r.id();
            if (users.roleOf(name).isEmpty()) {
                users.create(name, PASSWORD, r, false, "test");
            }
            sessions.put(r, (MockHttpSession) mvc.perform(formLogin("/login").user(name).password(PASSWORD))
                    .andReturn().getRequest().getSession(false));
        }
    }

    /** The principals of this context (made on the first call). */
    public static synchronized Principals of(MockMvc mvc, ApiKeys apiKeys, ConsoleUsers users) throws Exception {
        if (made == null) {
            made = new Principals(mvc, apiKeys, users);
        }
        return made;
    }

    /** The request sent with the key of scope {@code s}. */
    public MockHttpServletRequestBuilder as(Scope s, MockHttpServletRequestBuilder r) {
        return r.header("Authorization", "Bearer " + keys.get(s));
    }

    /** The request sent with a key that has every scope. */
    public MockHttpServletRequestBuilder asAll(MockHttpServletRequestBuilder r) {
        return r.header("Authorization", "Bearer " + allScopes);
    }

    /** The signed-in session of the user with role {@code role}. */
    public MockHttpSession sessionOf(Role role) {
        return sessions.get(role);
    }

    /** The request sent in the signed-in session of the user with role {@code role}. */
    public MockHttpServletRequestBuilder as(Role role, MockHttpServletRequestBuilder r) {
        return r.session(sessions.get(role));
    }
}
