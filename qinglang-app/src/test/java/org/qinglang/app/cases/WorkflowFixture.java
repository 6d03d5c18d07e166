package org.qinglang.app.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.security.ApiKeys;
import org.springframework.test.web.servlet.MockMvc;
import org.qinglang.app.security.Scope;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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

    /** The ground and facts of a decision body. */
    public static final String GROUND = "\"ground\":{\"kind\":\"terms\",\"reference\":\"社区公约 第 3.2 条\","
            + "\"explanation\":\"辱骂他人\"},\"facts\":\"评论中辱骂被举报人\"";

    /**
     * The whole path to a sanction: a report on {@code account} with {@code reportKey}, claimed and decided
     * (moderate) by reviewer {@code reviewer}. Returns the decision as JSON.
     */
    public static JsonNode sanctioned(MockMvc mvc, ObjectMapper json, String reportKey, String account, String reviewer)
            throws Exception {
        String body = "{\"reporter\":\"" + unique("r") + "\",\"category\":\"网络暴力\",\"target\":{\"account\":\""
                + account + "\"}}";
        long caseId = json.readTree(mvc.perform(postJson("/api/v1/reports", reportKey, body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("caseId").asLong();
        mvc.perform(post("/console/api/cases/" + caseId + "/claim").with(user(reviewer).roles("REVIEWER")).with(csrf()))
                .andExpect(status().isOk());
        String out = mvc.perform(post("/console/api/cases/" + caseId + "/decide").with(user(reviewer).roles("REVIEWER"))
                        .with(csrf()).contentType("application/json").content("{\"severity\":\"moderate\"," + GROUND + "}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(out).get("decisions").get(0);
    }

    /**
     * Runs two requests at the same moment and returns their statuses in the order given: a connection of the test
     * holds the audit trail's head row, which every audited write waits for, so both requests are under way before
     * either can commit (one waits for the head, the other for whatever the first holds: a row, or a lock of the
     * server's own): the head is let go once both request threads have been waiting a while ({@link #waitUntilWaiting};
     * the web tests' H2 runs in this JVM, so its lock waits are the threads'), not after a fixed sleep, which had to
     * be long enough for both to arrive and shorter than H2's one-second lock timeout.
     */
    public static List<Integer> atOnce(DataSource dataSource, Callable<Integer> a, Callable<Integer> b) throws Exception {
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r);
            threads.add(t);
            return t;
        });
        try {
            Future<Integer> first;
            Future<Integer> second;
            try (Connection hold = dataSource.getConnection(); Statement st = hold.createStatement()) {
                hold.setAutoCommit(false);
                st.executeQuery("select seq from audit_head where id = 1 for update").next();
                first = pool.submit(a);
                second = pool.submit(b);
                waitUntilWaiting(dataSource, threads, first, second);
                hold.commit();
            }
            return List.of(first.get(), second.get());
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Waits until both requests have arrived where they wait, at most ten seconds, or until one has finished (it did
     * not need the lock: the test then judges by its outcome). Arrived: for twenty milliseconds on end, either both
     * request threads wait (on a monitor, or in a lock wait of the embedded H2, which is a wait of the thread), or the
     * database shows two sessions in the middle of a statement ({@link #inStatement}: H2 spins, runnable, on another
     * transaction's uncommitted key).
     */
    static void waitUntilWaiting(DataSource dataSource, List<Thread> threads, Future<?>... requests) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        int steady = 0;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            String inStatement = inStatement(c);
            while (System.nanoTime() < until && steady < 4) {
                for (Future<?> r : requests) {
                    if (r.isDone()) {
                        return;
                    }
                }
                boolean threadsWait = threads.size() == requests.length && threads.stream().allMatch(t -> {
                    Thread.State state = t.getState();
                    return state == Thread.State.BLOCKED || state == Thread.State.WAITING
                            || state == Thread.State.TIMED_WAITING;
                });
                steady = threadsWait || count(st, inStatement) >= requests.length ? steady + 1 : 0;
                Thread.sleep(5);
            }
        }
    }

    /**
     * The query counting the sessions other than this one in the middle of a statement (on PostgreSQL, those
     * waiting for a lock) on the database of {@code c}.
     */
    private static String inStatement(Connection c) throws java.sql.SQLException {
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        return postgres
                ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"
                : "select count(*) from information_schema.sessions where executing_statement is not null "
                + "and session_id <> session_id()";
    }

    private static long count(Statement st, String sql) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
