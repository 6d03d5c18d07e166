package org.qinglang.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 2xx means committed, with a real process: start the server from the jar, stream event batches, kill -9
 * it mid-stream, start it again on the same data, and resend every batch. Each batch that got a 202 must
 * come back wholly as duplicates (it was all there); the batch in flight when the server died must be all
 * there or not at all (one transaction per batch), never in part.
 */
class KillNineIT {

    private static final String PASSWORD = "kill-nine-test-password";
    private static final int BATCH = 200;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyAcknowledgedEventSurvivesKillNineAndNoneIsStoredTwice() throws Exception {
        Path data = Files.createTempDirectory("qinglang-kill9");
        int port = freePort();
        String base = "http://localhost:" + port;
        server = start(data, port);
        awaitHealth(base);
        String key = makeKey(base);

        List<String> acknowledged = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        int n = 0;
        while (System.nanoTime() < until) {
            String batch = batch(n);
            if (send(base, key, batch).statusCode() != 202) {
                throw new AssertionError("a batch was not accepted before the kill");
            }
            acknowledged.add(batch);
            n++;
        }
        // one more batch in flight while the server is killed
        String inFlight = batch(n);
        Thread sender = new Thread(() -> {
            try {
                send(base, key, inFlight);
            } catch (Exception expected) {
                // the connection dies with the server
            }
        });
        sender.start();
        Thread.sleep(20);
        server.destroyForcibly();   // SIGKILL on Linux and macOS: no shutdown hook runs
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        sender.join();
        assertThat(acknowledged).isNotEmpty();

        server = start(data, port);
        awaitHealth(base);
        for (String batch : acknowledged) {
            JsonNode r = json.readTree(send(base, key, batch).body());
            assertThat(r.get("accepted").asInt()).isEqualTo(BATCH);
            assertThat(r.get("duplicates").asInt()).as("every event of an acknowledged batch is stored").isEqualTo(BATCH);
        }
        JsonNode last = json.readTree(send(base, key, inFlight).body());
        assertThat(last.get("duplicates").asInt()).as("the batch in flight is all there or not at all")
                .isIn(0, BATCH);
        System.out.println("kill -9 test: " + acknowledged.size() + " batches of " + BATCH
                + " acknowledged before the kill, all found after it; the batch in flight was "
                + (last.get("duplicates").asInt() == 0 ? "not committed" : "committed"));
    }

    private String batch(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            sb.append("{\"id\":\"k9-").append(n).append('-').append(i)
                    .append("\",\"type\":\"comment\",\"ts\":\"2026-11-22T10:00:03+08:00\",\"actor\":\"u-").append(i % 37)
                    .append("\",\"target\":{\"account\":\"u-9\",\"content\":\"p-").append(n)
                    .append("\"},\"text\":\"第").append(i).append("条评论，你真是个辣鸡\"}\n");
        }
        return sb.toString();
    }

    private HttpResponse<String> send(String base, String key, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in to the console as admin and makes an ingest key there, as a person would. */
    private String makeKey(String base) throws Exception {
        String login = get(base + "/login");
        post(base + "/login", "username=admin&password=" + PASSWORD + "&_csrf=" + csrf(login));
        String page = get(base + "/console/admin/keys");
        String made = post(base + "/console/admin/keys", "name=kill9&scopes=ingest&_csrf=" + csrf(page));
        Matcher m = Pattern.compile("qk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}").matcher(made);
        assertThat(m.find()).as("the new key is shown").isTrue();
        return m.group();
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(String url, String form) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }

    private static Process start(Path data, int port) throws IOException {
        String jar = System.getProperty("qinglang.jar", "target/qinglang.jar");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar, "serve", "--port", Integer.toString(port),
                "--data", data.toString());
        pb.environment().put("QINGLANG_ADMIN_PASSWORD", PASSWORD);
        pb.environment().remove("QINGLANG_DB_URL");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("serve.log").toFile()));
        return pb.start();
    }

    private void awaitHealth(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server stopped while starting (exit " + server.exitValue() + ")");
            }
            try {
                if (get(base + "/actuator/health").contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not come up within 4 minutes");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
