package org.qinglang.app.cases;

import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Keys and unique targets for the workflow's web tests, which share one context and one database. */
public final class WorkflowFixture {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private WorkflowFixture() {
    }

    /** A fresh key with {@code scopes}; the whole secret. */
    public static String key(ApiKeys keys, Scope... scopes) {
        return keys.create("test-" + SEQ.incrementAndGet(), Set.of(scopes), "test").secret();
    }

    /** A name no other test uses: {@code prefix-17}. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    /** A JSON POST with the key. */
    public static MockHttpServletRequestBuilder postJson(String path, String key, String body) {
        return post(path).header("Authorization", "Bearer " + key).contentType("application/json").content(body);
    }
}
