package org.qinglang.app.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.app.audit.AuditTrail;
import org.qinglang.app.protection.Dbs;
import org.qinglang.app.protection.MutableClock;
import org.qinglang.app.server.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Evidence frozen on H2 and PostgreSQL: the right items, hashes a verifier can recompute, a signature that breaks on any change. */
class EvidenceCaptureTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private TestDatabases.Db db;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.drop().run();
        }
    }

    private JdbcClient open(String name) {
        db = Dbs.open(name);
        return JdbcClient.create(db.dataSource());
    }

    static void event(JdbcClient jdbc, String id, String type, Instant ts, String actor, String target, String text,
                      String suggestion) {
        jdbc.sql("insert into event (id, type, ts, actor, target_account, target_content, text, suggestion, risk_level, "
                        + "labels, received_at, api_key_id) values (?, ?, ?, ?, ?, 'p-1', ?, ?, ?, ?, ?, 1)")
                .params(id, type, ts.atOffset(ZoneOffset.ofHours(8)), actor, target, text, suggestion,
                        suggestion.equals("pass") ? "none" : "high",
                        "[{\"label\":\"abuse\",\"score\":0.93,\"hits\":[]}]", ts.plusSeconds(1).atOffset(ZoneOffset.UTC))
                .update();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBundleHoldsTheAbuseAboutThePersonAndItsSignatureBreaksOnAnyChange(String name) throws Exception {
        JdbcClient jdbc = open(name);
        event(jdbc, "c-1", "comment", T0, "u-77", "u-9", "你去死吧 <script>alert(1)</script>", "block");
        event(jdbc, "d-1", "dm", T0.plusSeconds(60), "u-78", "u-9", "人肉出来了", "review");
        event(jdbc, "m-1", "mention", T0.plusSeconds(120), "u-79", "u-9", "@u-9 滚", "block");
        event(jdbc, "e-1", "dm", T0.plusSeconds(90), "u-83", "u-9", "看你😀\n还\"敢\"", "block");
        event(jdbc, "c-2", "comment", T0.plusSeconds(30), "u-80", "u-9", "加油，支持你", "pass");
        event(jdbc, "c-3", "comment", T0.plusSeconds(40), "u-81", "u-8", "someone else", "block");
        event(jdbc, "c-4", "comment", T0.plusSeconds(7200), "u-82", "u-9", "later", "block");
        EvidenceKey key = new EvidenceKey(dataDir);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        EvidenceCapture capture = new EvidenceCapture(new EvidenceStore(jdbc), key, new AuditTrail(jdbc, JSON), tx,
                new MutableClock(T0.plusSeconds(9000)));

        EvidenceBundle b = capture.capture("u-9", Optional.of(T0), Optional.of(T0.plusSeconds(3600)), "apikey:5");
        assertThat(b.itemCount()).isEqualTo(4);
        assertThat(capture.find(b.id())).contains(b);

        byte[] bytes = b.document().getBytes(StandardCharsets.UTF_8);
        byte[] sig = Base64.getDecoder().decode(b.signature());
        assertThat(EvidenceKey.verify(key.publicKey(), bytes, sig)).isTrue();
        assertThat(EvidenceCapture.sha256(bytes)).isEqualTo(b.sha256());
        for (int i = 0; i < bytes.length; i += Math.max(1, bytes.length / 40)) {
            byte[] changed = bytes.clone();
            changed[i] ^= 1;
            assertThat(EvidenceKey.verify(key.publicKey(), changed, sig)).as("byte %d changed", i).isFalse();
        }
        byte[] badSig = sig.clone();
        badSig[10] ^= 1;
        assertThat(EvidenceKey.verify(key.publicKey(), bytes, badSig)).isFalse();
        PublicKeyCheck.samePem(key);

        JsonNode doc = JSON.readTree(bytes);
        assertThat(doc.path("format").asText()).isEqualTo("qinglang-evidence/2");
        assertThat(JSON.readTree(b.document()).path("items").get(2).path("text").asText()).isEqualTo("看你😀\n还\"敢\"");
        assertThat(doc.path("account").asText()).isEqualTo("u-9");
        assertThat(doc.path("capturedBy").asText()).isEqualTo("apikey:5");
        assertThat(doc.path("capturedAt").asText()).isEqualTo(T0.plusSeconds(9000).toString());
        List<String> ids = new ArrayList<>();
        StringBuilder hashes = new StringBuilder();
        for (JsonNode item : doc.path("items")) {
            ids.add(item.path("eventId").asText());
            ObjectNode copy = item.deepCopy();
            String h = copy.remove("sha256").asText();
            assertThat(EvidenceCapture.sha256(Jcs.bytes(copy))).isEqualTo(h);
            hashes.append(h).append('\n');
        }
        assertThat(ids).containsExactly("c-1", "d-1", "e-1", "m-1");
        // an item's hash is over RFC 8785's form of its values, written out here by hand (keys sorted, only the
        // quote, the backslash and controls escaped, the rest UTF-8): what any JSON library reproduces
        String labels = "[{\\\"label\\\":\\\"abuse\\\",\\\"score\\\":0.93,\\\"hits\\\":[]}]";
        String e1 = "{\"actor\":\"u-83\",\"eventId\":\"e-1\",\"labels\":\"" + labels + "\",\"receivedAt\":\""
                + T0.plusSeconds(91) + "\",\"riskLevel\":\"high\",\"suggestion\":\"block\",\"targetContent\":\"p-1\","
                + "\"text\":\"看你😀\\n还\\\"敢\\\"\",\"ts\":\"" + T0.plusSeconds(90) + "\",\"type\":\"dm\"}";
        assertThat(doc.path("items").get(2).path("sha256").asText())
                .isEqualTo(EvidenceCapture.sha256(e1.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.path("itemsSha256").asText())
                .isEqualTo(EvidenceCapture.sha256(hashes.toString().getBytes(StandardCharsets.US_ASCII)));
        JsonNode first = doc.path("items").get(0);
        assertThat(first.path("text").asText()).isEqualTo("你去死吧 <script>alert(1)</script>");
        assertThat(first.path("ts").asText()).isEqualTo(T0.toString());
        assertThat(first.path("actor").asText()).isEqualTo("u-77");
        assertThat(JSON.readTree(first.path("labels").asText()).get(0).path("score").asDouble()).isEqualTo(0.93);

        assertThat(capture.capture("u-9", Optional.empty(), Optional.empty(), "apikey:5").itemCount()).isEqualTo(5);
        assertThat(jdbc.sql("select action || ' ' || subject from audit_log order by seq").query(String.class).list())
                .hasSize(2).first().isEqualTo("evidence.capture evidence:" + b.id());
        assertThat(new EvidenceKey(dataDir).keyId()).isEqualTo(key.keyId());
    }

    /** The published PEM is the key that verifies. */
    private static final class PublicKeyCheck {
        static void samePem(EvidenceKey key) {
            assertThat(EvidenceKey.readPublicPem(key.publicKeyPem())).isEqualTo(key.publicKey());
            assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        }
    }
}
