package org.qinglang.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.app.security.ApiKeys;
import org.qinglang.app.security.ConsoleUsers;
import org.qinglang.app.security.Scope;
import org.qinglang.app.server.Principals;
import org.qinglang.app.server.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** {@code POST /api/v1/events}: good events committed, bad ones refused by index, resending is safe. */
@WebTest
class EventsApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    ConsoleUsers users;
    @Autowired
    JdbcClient db;

    final ObjectMapper json = new ObjectMapper();
    Principals who;
    String run;

    @BeforeEach
    void principals() throws Exception {
        who = Principals.of(mvc, apiKeys, users);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private MockHttpServletResponse send(String contentType, byte[] body) throws Exception {
        MockHttpServletResponse res = mvc.perform(who.as(Scope.INGEST, post("/api/v1/events"))
                .contentType(contentType).content(body)).andReturn().getResponse();
        res.setCharacterEncoding("UTF-8");
        return res;
    }

    private String comment(String id, String text) {
        return "{\"id\":\"" + run + id + "\",\"type\":\"comment\",\"ts\":\"2026-11-22T10:00:03+08:00\",\"actor\":\"u-77\","
                + "\"target\":{\"account\":\"u-9\",\"content\":\"p-301\"},\"text\":\"" + text + "\","
                + "\"context\":{\"relation\":\"stranger\",\"actorAgeDays\":3,\"ip\":\"203.0.113.0/24\",\"device\":\"d-5f2c\","
                + "\"scene\":\"comment\"}}";
    }

    @Test
    void aMixedNdjsonBatchCommitsTheGoodAndNamesTheBad() throws Exception {
        String body = String.join("\n",
                comment("a", "你就是个傻逼"),
                "{not json",
                "{\"id\":\"" + run + "b\",\"type\":\"zap\",\"ts\":\"2026-11-22T10:00:03+08:00\",\"actor\":\"u\"}",
                "{\"id\":\"" + run + "c\",\"type\":\"like\",\"ts\":\"2026-11-22T10:00:03+08:00\",\"actor\":\"u\","
                        + "\"target\":{\"content\":\"p\"},\"text\":\"likes have none\"}",
                comment("d", "长".repeat(10_001)),
                "{\"id\":\"" + run + "e\",\"type\":\"follow\",\"ts\":\"yesterday\",\"actor\":\"u\",\"target\":{\"account\":\"v\"}}",
                "{\"id\":\"" + run + "f\",\"type\":\"rating\",\"ts\":\"2026-11-22T10:00:03+08:00\",\"actor\":\"u\","
                        + "\"target\":{\"content\":\"m-1\"},\"score\":4.5,\"mood\":\"good\"}",
                "",
                "{\"id\":\"" + run + "g\",\"type\":\"report\",\"ts\":\"2026-11-22T10:00:03Z\",\"actor\":\"u\","
                        + "\"target\":{\"account\":\"v\"},\"category\":\"网络暴力\",\"reason\":\"骂人\"}");
        MockHttpServletResponse res = send("application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
        assertThat(res.getStatus()).as(res.getContentAsString()).isEqualTo(202);
        JsonNode r = json.readTree(res.getContentAsString());
        assertThat(r.get("accepted").asInt()).isEqualTo(2);
        assertThat(r.get("duplicates").asInt()).isZero();
        Map<Integer, String> byIndex = new java.util.TreeMap<>();
        r.get("rejected").forEach(x -> byIndex.put(x.get("index").asInt(), x.get("code").asText() + " "
                + x.path("field").asText() + " " + x.path("limit").asText()));
        assertThat(byIndex).containsExactly(
                Map.entry(1, "malformed_json  "),
                Map.entry(2, "bad_value type "),
                Map.entry(3, "bad_value text "),
                Map.entry(4, "too_long text 10000"),
                Map.entry(5, "bad_value ts "),
                Map.entry(6, "unknown_field mood "));
        Map<String, Object> stored = db.sql("select suggestion, ip_hash, device_hash, text from event where id = ?")
                .param(run + "a").query().singleRow();
        assertThat(stored.get("suggestion")).isEqualTo("block");
        assertThat((String) stored.get("ip_hash")).hasSize(64).doesNotContain("203.0.113");
        assertThat(stored.get("device_hash")).isNotEqualTo("d-5f2c");
        assertThat(db.sql("select count(*) from event where id like ?").param(run + "%").query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void twoValuesOnOneLineAndAFarFutureTimeAreRefusedByIndex() throws Exception {
        String future = "{\"id\":\"" + run + "z\",\"type\":\"like\",\"ts\":\"9999-12-31T00:00:00Z\",\"actor\":\"u\","
                + "\"target\":{\"account\":\"v\"}}";
        String body = String.join("\n", comment("p", "你好") + comment("q", "再见"), future, comment("r", "早上好"));
        MockHttpServletResponse res = send("application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
        assertThat(res.getStatus()).as(res.getContentAsString()).isEqualTo(202);
        JsonNode r = json.readTree(res.getContentAsString());
        assertThat(r.get("accepted").asInt()).isEqualTo(1);
        Map<Integer, String> byIndex = new java.util.TreeMap<>();
        r.get("rejected").forEach(x -> byIndex.put(x.get("index").asInt(), x.get("code").asText() + " "
                + x.path("field").asText()));
        assertThat(byIndex).containsExactly(Map.entry(0, "malformed_json "), Map.entry(1, "bad_value ts"));
        assertThat(db.sql("select count(*) from event where id like ?").param(run + "%").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aNulCharacterAnUnpairedSurrogateAndATimeBefore2000AreRefusedByIndex() throws Exception {
        String old = "{\"id\":\"" + run + "o\",\"type\":\"like\",\"ts\":\"-999999999-01-01T00:00:00+08:00\","
                + "\"actor\":\"u\",\"target\":{\"account\":\"v\"}}";
        String body = String.join("\n", comment("n", "坏\\u0000人"), comment("s", "\\ud83d"), old, comment("k", "早上好"));
        MockHttpServletResponse res = send("application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
        assertThat(res.getStatus()).as(res.getContentAsString()).isEqualTo(202);
        JsonNode r = json.readTree(res.getContentAsString());
        assertThat(r.get("accepted").asInt()).isEqualTo(1);
        Map<Integer, String> byIndex = new java.util.TreeMap<>();
        r.get("rejected").forEach(x -> byIndex.put(x.get("index").asInt(), x.get("code").asText() + " "
                + x.path("field").asText()));
        assertThat(byIndex).containsExactly(Map.entry(0, "bad_value text"), Map.entry(1, "bad_value text"),
                Map.entry(2, "bad_value ts"));
    }

    @Test
    void aBatchOverTheLimitIsRefusedBeforeItIsBuilt() throws Exception {
        // 10,001 empty objects: counted on the tokens, refused before a tree of them is built
        String array = "[" + String.join(",", java.util.Collections.nCopies(10_001, "{}")) + "]";
        MockHttpServletResponse res = send("application/json", array.getBytes(StandardCharsets.UTF_8));
        assertThat(res.getStatus()).isEqualTo(413);
        assertThat(json.readTree(res.getContentAsString()).get("code").asText()).isEqualTo("too_many");
        String lines = String.join("\n", java.util.Collections.nCopies(10_001, "1"));
        assertThat(send("application/x-ndjson", lines.getBytes(StandardCharsets.UTF_8)).getStatus()).isEqualTo(413);
    }

    @Test
    void aBatchOfIdsInAnotherOrderStoresEveryEventOnceAndSaysWhichWereNew() throws Exception {
        byte[] first = ("[" + comment("m", "你就是个傻逼") + "," + comment("k", "你就是个傻逼") + "]")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(json.readTree(send("application/json", first).getContentAsString()).get("accepted").asInt())
                .isEqualTo(2);
        db.sql("delete from intake_queue where event_id in (?, ?)").params(run + "m", run + "k").update();
        byte[] again = ("[" + comment("z", "你就是个傻逼") + "," + comment("m", "你就是个傻逼") + ","
                + comment("a", "你就是个傻逼") + "," + comment("k", "你就是个傻逼") + "]").getBytes(StandardCharsets.UTF_8);
        JsonNode r = json.readTree(send("application/json", again).getContentAsString());
        assertThat(r.get("accepted").asInt()).isEqualTo(4);
        assertThat(r.get("duplicates").asInt()).isEqualTo(2);
        assertThat(db.sql("select count(*) from event where id like ?").param(run + "%").query(Long.class).single())
                .isEqualTo(4);
        // the new ones, and only they, went on to the intake (stored in id order, told apart in the batch's order)
        assertThat(db.sql("select event_id from intake_queue where event_id like ? order by event_id").param(run + "%")
                .query(String.class).list()).containsExactly(run + "a", run + "z");
    }

    @Test
    void aTimeFinerThanAMicrosecondIsCutToTheMicrosecondTheDatabaseKeeps() throws Exception {
        String e = "{\"id\":\"" + run + "t\",\"type\":\"like\",\"ts\":\"2026-11-22T10:00:03.9999996+08:00\","
                + "\"actor\":\"u\",\"target\":{\"account\":\"v\"}}";
        assertThat(send("application/x-ndjson", e.getBytes(StandardCharsets.UTF_8)).getStatus()).isEqualTo(202);
        java.time.OffsetDateTime stored = db.sql("select ts from event where id = ?").param(run + "t")
                .query(java.time.OffsetDateTime.class).single();
        assertThat(stored.toInstant()).isEqualTo(java.time.Instant.parse("2026-11-22T02:00:03.999999Z"));
    }

    @Test
    void resendingABatchStoresNothingTwice() throws Exception {
        byte[] body = ("[" + comment("1", "你好") + "," + comment("2", "谢谢") + "," + comment("1", "你好") + "]")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode first = json.readTree(send("application/json", body).getContentAsString());
        assertThat(first.get("accepted").asInt()).isEqualTo(3);
        assertThat(first.get("duplicates").asInt()).isEqualTo(1);
        JsonNode again = json.readTree(send("application/json", body).getContentAsString());
        assertThat(again.get("accepted").asInt()).isEqualTo(3);
        assertThat(again.get("duplicates").asInt()).isEqualTo(3);
        assertThat(db.sql("select count(*) from event where id like ?").param(run + "%").query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void anIdUsedAgainForOtherContentIsReportedNotDroppedUnseen() throws Exception {
        send("application/json", ("[" + comment("x", "你好") + "]").getBytes(StandardCharsets.UTF_8));
        byte[] body = ("[" + comment("y", "谢谢") + "," + comment("x", "你就是个傻逼") + "," + comment("y", "再见") + "]")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode r = json.readTree(send("application/json", body).getContentAsString());
        assertThat(r.get("accepted").asInt()).isEqualTo(1);
        assertThat(r.get("duplicates").asInt()).isZero();
        Map<Integer, String> byIndex = new java.util.TreeMap<>();
        r.get("rejected").forEach(x -> byIndex.put(x.get("index").asInt(), x.get("code").asText()));
        assertThat(byIndex).containsExactly(Map.entry(1, "id_conflict"), Map.entry(2, "id_conflict"));
        assertThat(db.sql("select text from event where id = ?").param(run + "x").query(String.class).single())
                .as("the stored event stays as it was").isEqualTo("你好");
    }

    @Test
    void wholeBatchErrorsAreRefusedWithTheLimit() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            many.append("{}\n");
        }
        MockHttpServletResponse tooMany = send("application/x-ndjson", many.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(tooMany.getStatus()).isEqualTo(413);
        assertThat(json.readTree(tooMany.getContentAsString()).get("limit").asInt()).isEqualTo(10_000);
        MockHttpServletResponse broken = send("application/json", "[{\"id\":1},".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.getStatus()).isEqualTo(400);
        assertThat(json.readTree(broken.getContentAsString()).get("code").asText()).isEqualTo("malformed_json");
        MockHttpServletResponse allBad = send("application/x-ndjson", "{\"id\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(allBad.getStatus()).isEqualTo(400);
        assertThat(json.readTree(allBad.getContentAsString()).get("rejected").get(0).get("field").asText())
                .isEqualTo("type");
        byte[] badUtf8Line = ("{\"id\":\"" + run + "u\",\"type\":\"post\",\"ts\":\"2026-11-22T10:00:03Z\",\"actor\":\"u\","
                + "\"text\":\"ok\"}\n{\"text\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] withBad = java.util.Arrays.copyOf(badUtf8Line, badUtf8Line.length + 3);
        withBad[badUtf8Line.length] = (byte) 0xFF;
        withBad[badUtf8Line.length + 1] = '"';
        withBad[badUtf8Line.length + 2] = '}';
        JsonNode mixed = json.readTree(send("application/x-ndjson", withBad).getContentAsString());
        assertThat(mixed.get("accepted").asInt()).isEqualTo(1);
        assertThat(mixed.get("rejected").get(0).get("code").asText()).isEqualTo("bad_utf8");
    }
}
