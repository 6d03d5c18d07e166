package org.qinglang.app.sanctions;

import org.qinglang.app.cases.Cases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Sends the webhook outbox to the platform (效果回传): each row as a POST of its JSON with
 * {@code X-Qinglang-Timestamp} (Unix seconds), {@code X-Qinglang-Signature: v1=HEX(HMAC-SHA256(secret,
 * timestamp + "." + body))}, {@code X-Qinglang-Delivery} (the outbox id, the same on every retry, for the
 * platform to drop repeats) and {@code X-Qinglang-Event}. A 2xx answer delivers it; anything else is retried
 * after {@code base × 2^(attempt−1)} (at most an hour) until {@code maxAttempts}, then marked failed. Every
 * attempt is logged in {@code webhook_delivery}. A row is leased before it is sent, so two servers sharing the
 * database do not send it at the same time. Uses the JDK's {@link HttpClient}: nothing else is needed.
 */
@Component
public class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcClient db;
    private final Optional<URI> url;
    private final byte[] secret;
    private final Duration base;
    private final int maxAttempts;
    private final HttpClient http;
    private final Clock clock;

    /** From the configuration: {@code qinglang.webhook.url} (none: nothing is sent) and {@code .secret}. */
    @Autowired
    public WebhookDispatcher(JdbcClient db, @Value("${qinglang.webhook.url:}") String url,
                             @Value("${qinglang.webhook.secret:}") String secret) {
        this(db, url.isBlank() ? Optional.empty() : Optional.of(URI.create(url)), secret, Duration.ofSeconds(10), 10,
                Clock.systemUTC());
    }

    /** A dispatcher to {@code url} signing with {@code secret}, retrying after {@code base}, 2 base, 4 base … */
    public WebhookDispatcher(JdbcClient db, Optional<URI> url, String secret, Duration base, int maxAttempts,
                             Clock clock) {
        if (url.isPresent() && secret.length() < 32) {
            throw new IllegalArgumentException("qinglang.webhook.secret must be at least 32 characters when "
                    + "qinglang.webhook.url is set (it signs every webhook); it was " + secret.length());
        }
        if (url.isPresent() && !List.of("http", "https").contains(String.valueOf(url.get().getScheme()))) {
            throw new IllegalArgumentException("qinglang.webhook.url must be an http or https URL, was " + url.get());
        }
        if (maxAttempts < 1 || base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more and base above 0");
        }
        this.db = db;
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.base = base;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Scheduled(initialDelayString = "${qinglang.webhook.poll-ms:2000}", fixedDelayString = "${qinglang.webhook.poll-ms:2000}")
    void scheduled() {
        if (url.isPresent()) {
            dispatchDue(clock.instant());
        }
    }

    private record Due(long id, String kind, String payload, int attempts, Instant next) {
    }

    /** Sends every row due at {@code now} (at most 100); returns how many were delivered. */
    public int dispatchDue(Instant now) {
        if (url.isEmpty()) {
            return 0;
        }
        List<Due> due = db.sql("select id, kind, payload, attempts, next_attempt_at from webhook_outbox "
                        + "where delivered_at is null and failed = false and next_attempt_at <= ? order by next_attempt_at, id limit 100")
                .param(Cases.utc(now))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), Cases.instant(rs, 5)))
                .list();
        int delivered = 0;
        Instant start = clock.instant();
        for (Due d : due) {
            // each row at its own time: a run may take minutes against a slow endpoint, and its lease, its signed
            // timestamp (which the platform checks for age) and its next retry count from when it is sent
            Instant at = now.plus(Duration.between(start, clock.instant()));
            int leased = db.sql("update webhook_outbox set next_attempt_at = ? where id = ? and next_attempt_at = ? "
                            + "and delivered_at is null")
                    .params(Cases.utc(at.plus(LEASE)), d.id(), Cases.utc(d.next())).update();
            if (leased == 1 && send(d, at)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean send(Due d, Instant now) {
        int attempt = d.attempts() + 1;
        int status = 0;
        String error = null;
        try {
            String timestamp = Long.toString(now.getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(url.orElseThrow()).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("X-Qinglang-Event", d.kind())
                    .header("X-Qinglang-Delivery", Long.toString(d.id()))
                    .header("X-Qinglang-Timestamp", timestamp)
                    .header("X-Qinglang-Signature", "v1=" + sign(secret, timestamp, d.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 200 || status > 299) {
                error = "HTTP " + status;
            }
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        db.sql("insert into webhook_delivery (outbox_id, attempt, at, status, error) values (?, ?, ?, ?, ?)")
                .params(d.id(), attempt, Cases.utc(now), status, error == null ? null
                        : error.substring(0, Math.min(500, error.length()))).update();
        if (error == null) {
            db.sql("update webhook_outbox set attempts = ?, delivered_at = ? where id = ?")
                    .params(attempt, Cases.utc(now), d.id()).update();
            return true;
        }
        boolean give = attempt >= maxAttempts;
        Instant next = now.plus(delay(attempt));
        db.sql("update webhook_outbox set attempts = ?, next_attempt_at = ?, failed = ? where id = ?")
                .params(attempt, Cases.utc(next), give, d.id()).update();
        LOG.warn("webhook {} ({}) attempt {} failed: {}{}", d.id(), d.kind(), attempt, error,
                give ? "; giving up" : "; retrying at " + next);
        return false;
    }

    /** The wait after failed attempt {@code attempt} (1, 2 …): base, 2 base, 4 base …, at most an hour. */
    Duration delay(int attempt) {
        Duration d = base.multipliedBy(1L << Math.min(30, attempt - 1));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    /** HEX(HMAC-SHA256(secret, timestamp + "." + body)): what {@code X-Qinglang-Signature} carries after "v1=". */
    public static String sign(byte[] secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
