package org.qinglang.app.sanctions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.cases.WorkflowFixture;
import org.qinglang.app.server.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher against a real HTTP receiver on a loopback port: the signature verifies (and fails for a changed
 * body), a failure is retried after the back-off with the same delivery id, every attempt is logged, and a row
 * that keeps failing is given up. Time is driven explicitly: no sleeps.
 */
class WebhookDispatcherTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";

    /** What the receiver got: headers that matter, the body, and whether the signature verified. */
    record Received(String delivery, String event, String timestamp, String body, boolean verified) {
    }

    private TestDatabases.Db db;
    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();
    /** How long the receiver takes to answer each request, in milliseconds. */
    private volatile long delayMillis;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (db != null) {
            db.drop().run();
        }
    }

    /** The check a platform runs (docs/server.md): HMAC-SHA256 over "timestamp.body", compared in constant time. */
    static boolean verify(String secret, String timestamp, String body, String header) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        byte[] given = header.startsWith("v1=") ? HexFormat.of().parseHex(header.substring(3)) : new byte[0];
        return MessageDigest.isEqual(expected, given);
    }

    private URI receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            boolean ok;
            try {
                ok = verify(SECRET, h.getFirst("X-Qinglang-Timestamp"), body, h.getFirst("X-Qinglang-Signature"));
            } catch (Exception e) {
                ok = false;
            }
            received.add(new Received(h.getFirst("X-Qinglang-Delivery"), h.getFirst("X-Qinglang-Event"),
                    h.getFirst("X-Qinglang-Timestamp"), body, ok));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status;
            synchronized (answers) {
                status = answers.isEmpty() ? 200 : answers.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private JdbcClient open(String name) {
        db = TestDatabases.named(name);
        return JdbcClient.create(db.dataSource());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachRowOfARunIsSignedWithTheTimeItIsSentAgainstASlowEndpoint(String name) throws Exception {
        JdbcClient jdbc = open(name);
        URI url = receiver();
        delayMillis = 1_100;
        Instant t0 = Instant.now();
        Outbox outbox = new Outbox(jdbc, new ObjectMapper());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        for (int i = 0; i < 3; i++) {
            long decision = 70 + i;
            tx.executeWithoutResult(s -> outbox.put(Outbox.SANCTION, decision, Map.of("type", "sanction", "decisionId",
                    decision), t0.minusSeconds(1)));
        }
        WebhookDispatcher d = new WebhookDispatcher(jdbc, Optional.of(url), SECRET, Duration.ofSeconds(10), 5,
                Clock.systemUTC());
        assertThat(d.dispatchDue(Instant.now())).isEqualTo(3);
        assertThat(received).hasSize(3).allMatch(Received::verified);
        long first = Long.parseLong(received.get(0).timestamp());
        long third = Long.parseLong(received.get(2).timestamp());
        assertThat(third - first).as("the third row waited for two slow answers").isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFailedDeliveryIsRetriedAfterTheBackOffWithAValidSignature(String name) throws Exception {
        JdbcClient jdbc = open(name);
        URI url = receiver();
        Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
        Outbox outbox = new Outbox(jdbc, new ObjectMapper());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        tx.executeWithoutResult(s -> outbox.put(Outbox.SANCTION, 41, Map.of("type", "sanction", "decisionId", 41,
                "action", "mute", "facts", "辱骂"), t0));
        WebhookDispatcher d = new WebhookDispatcher(jdbc, Optional.of(url), SECRET, Duration.ofSeconds(10), 5,
                Clock.fixed(t0, ZoneOffset.UTC));
        answers.add(500);

        assertThat(d.dispatchDue(t0)).isZero();
        assertThat(received).hasSize(1);
        assertThat(d.dispatchDue(t0.plusSeconds(9))).isZero();
        assertThat(received).hasSize(1);
        assertThat(d.dispatchDue(t0.plusSeconds(10))).isEqualTo(1);
        assertThat(received).hasSize(2);
        assertThat(d.dispatchDue(t0.plusSeconds(3600))).isZero();
        assertThat(received).hasSize(2);

        Received first = received.get(0);
        Received second = received.get(1);
        assertThat(first.verified()).isTrue();
        assertThat(second.verified()).isTrue();
        assertThat(second.delivery()).isEqualTo(first.delivery());
        assertThat(second.event()).isEqualTo("sanction");
        assertThat(second.timestamp()).isEqualTo(Long.toString(t0.plusSeconds(10).getEpochSecond()));
        assertThat(new ObjectMapper().readTree(second.body()).get("action").asText()).isEqualTo("mute");
        assertThat(verify(SECRET, second.timestamp(), second.body().replace("mute", "warn"),
                "v1=" + WebhookDispatcher.sign(SECRET.getBytes(StandardCharsets.UTF_8), second.timestamp(), second.body())))
                .isFalse();
        assertThat(jdbc.sql("select status from webhook_delivery order by attempt").query(Integer.class).list())
                .containsExactly(500, 200);
        assertThat(jdbc.sql("select delivered_at is not null from webhook_outbox").query(Boolean.class).single()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeliveryThatKeepsFailingIsGivenUpAfterTheLastAttempt(String name) throws Exception {
        JdbcClient jdbc = open(name);
        URI url = receiver();
        Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
        Outbox outbox = new Outbox(jdbc, new ObjectMapper());
        new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()))
                .executeWithoutResult(s -> outbox.put(Outbox.REVERSAL, 7, Map.of("type", "reversal"), t0));
        WebhookDispatcher d = new WebhookDispatcher(jdbc, Optional.of(url), SECRET, Duration.ofSeconds(10), 3,
                Clock.fixed(t0, ZoneOffset.UTC));
        answers.addAll(List.of(503, 503, 503, 200));
        assertThat(d.delay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.delay(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(d.delay(40)).isEqualTo(Duration.ofHours(1));
        Instant t = t0;
        for (int i = 0; i < 5; i++) {
            d.dispatchDue(t);
            t = t.plus(Duration.ofHours(1));
        }
        assertThat(received).hasSize(3);
        assertThat(jdbc.sql("select failed from webhook_outbox").query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from webhook_delivery").query(Long.class).single()).isEqualTo(3);
    }
}
