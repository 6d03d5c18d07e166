package org.qinglang.app.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.QinglangServer;
import org.qinglang.app.server.TestDatabases;
import org.qinglang.core.enforce.ActorRelation;
import org.qinglang.core.enforce.OneClickProtection;
import org.qinglang.core.enforce.ProtectedAction;
import org.qinglang.core.enforce.ProtectionPeriod;
import org.qinglang.core.enforce.ProtectionSettings;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How long a decision takes inside the server (防护判定耗时), three peers in one run: the core lookup alone, the
 * service ({@link Protections#decide}: map + clock + lookup), and the controller's handler (parameter checks,
 * id parsing, the service, the answer object) called directly; then, with {@code -Dqinglang.timing.http=true},
 * the same over HTTP on loopback (Tomcat, the API-key filter with its database lookup, JSON). 10,000 protected
 * accounts. Runs only with {@code -Dqinglang.timing=true}; prints the figures for docs/BENCHMARKS.md:
 * <pre>./mvnw -B -q -o -pl qinglang-app -am test -Dtest=DecideLatency -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dqinglang.timing=true -Dqinglang.timing.http=true</pre>
 */
class DecideLatency {

    private static final int ACCOUNTS = 10_000;
    private static final String[] ACTIONS = {"comment", "dm", "repost", "mention"};
    private static final String[] RELATIONS = {"stranger", "follower", "mutual", "new-follower"};

    @Test
    void inServer() {
        assumeTrue(Boolean.getBoolean("qinglang.timing"), "a timing run: -Dqinglang.timing=true");
        TestDatabases.Db db = TestDatabases.h2();
        try {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
            Protections p = new Protections(new ProtectionStore(jdbc), new AuditTrail(jdbc, new ObjectMapper()), tx,
                    Clock.systemUTC());
            for (int i = 0; i < ACCOUNTS; i += 2) {
                p.turnOn("u-" + i, builder(), ProtectionPeriod.DAYS_7, "timing");
            }
            ProtectionController c = new ProtectionController(p, null, new ObjectMapper());
            ProtectionSettings one = p.get("u-0");
            int n = 2_000_000;
            for (int round = 0; round < 3; round++) { // the last round is reported; the first two warm up
                long[] core = time(n, i -> OneClickProtection.decide(one, ActorRelation.values()[i & 3],
                        ProtectedAction.values()[(i >> 2) & 3], Instant.now()).ordinal());
                long[] service = time(n, i -> p.decide("u-" + (i % ACCOUNTS), ActorRelation.values()[i & 3],
                        ProtectedAction.values()[(i >> 2) & 3]).ordinal());
                long[] handler = time(n, i -> c.decide("u-" + (i % ACCOUNTS), "a-" + (i & 7), ACTIONS[(i >> 2) & 3],
                        RELATIONS[i & 3]).decision().length());
                if (round == 2) {
                    report("core OneClickProtection.decide (+ Instant.now)", core);
                    report("Protections.decide (map + clock + core)", service);
                    report("ProtectionController.decide (handler path)", handler);
                }
            }
            if (Boolean.getBoolean("qinglang.timing.http")) {
                http();
            }
        } finally {
            db.drop().run();
        }
    }

    private static ProtectionSettings.Builder builder() {
        ProtectionSettings one = ProtectionSettings.oneClick(ProtectionPeriod.DAYS_7, Instant.EPOCH);
        ProtectionSettings.Builder b = ProtectionSettings.builder(one.audience());
        for (ProtectedAction a : ProtectedAction.values()) {
            b.treat(a, one.treatment(a));
        }
        return b;
    }

    private void http() {
        Map<String, Object> props = Map.of("server.port", 0, "qinglang.data-dir", "target/timing-data",
                "spring.datasource.url", "jdbc:h2:mem:timing;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "spring.datasource.username", "sa", "spring.datasource.password", "", "logging.level.root", "WARN");
        try (AutoCloseable server = QinglangServer.start(props)) {
            ConfigurableApplicationContext ctx = (ConfigurableApplicationContext) server;
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            Protections p = ctx.getBean(Protections.class);
            for (int i = 0; i < ACCOUNTS; i += 2) {
                p.turnOn("u-" + i, builder(), ProtectionPeriod.DAYS_7, "timing");
            }
            String key = ctx.getBean(ApiKeys.class).create("timing", Set.of(Scope.PROTECT), "timing").secret();
            HttpClient client = HttpClient.newHttpClient();
            int n = 20_000;
            for (int round = 0; round < 2; round++) {
                long[] t = new long[n];
                for (int i = 0; i < n; i++) {
                    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/protection/u-"
                                    + (i % ACCOUNTS) + "/decide?actor=a-1&action=" + ACTIONS[i & 3] + "&relation=stranger"))
                            .header("X-Api-Key", key).GET().build();
                    long s = System.nanoTime();
                    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                    t[i] = System.nanoTime() - s;
                    assertThat(r.statusCode()).isEqualTo(200);
                }
                if (round == 1) {
                    report("HTTP GET …/decide on loopback (one client, sequential)", t);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Call {
        int run(int i);
    }

    private static long sink;

    private static long[] time(int n, Call call) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            sink += call.run(i);
            t[i] = System.nanoTime() - s;
        }
        return t;
    }

    private static void report(String what, long[] t) {
        long[] s = t.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        System.out.printf("TIMING %-58s n=%,d  p50=%,d ns  p99=%,d ns  p99.9=%,d ns  mean=%,.0f ns%n", what, s.length,
                s[s.length / 2], s[(int) (s.length * 0.99)], s[(int) (s.length * 0.999)], mean);
    }
}
