package org.qinglang.core.stream;

import org.junit.jupiter.api.Test;
import org.qinglang.core.verdict.Context;
import org.qinglang.core.verdict.RiskLevel;
import org.qinglang.core.verdict.Suggestion;
import org.qinglang.core.verdict.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void readsTheExampleOfTheArchitecture() {
        Event e = codec.read("{\"id\":\"c-1029\",\"type\":\"comment\",\"ts\":\"2026-11-22T10:00:03+08:00\","
                + "\"actor\":\"u-77\",\"target\":{\"account\":\"u-9\",\"content\":\"p-301\"},"
                + "\"text\":\"……\",\"context\":{\"relation\":\"stranger\",\"actorAgeDays\":3,"
                + "\"ip\":\"203.0.113.0/24\",\"device\":\"d-5f2c\",\"scene\":\"comment\"}}");
        assertThat(e.id()).isEqualTo("c-1029");
        assertThat(e.type()).isEqualTo(EventType.COMMENT);
        assertThat(e.ts()).isEqualTo(Instant.parse("2026-11-22T02:00:03Z"));
        assertThat(e.actor()).isEqualTo("u-77");
        assertThat(e.target()).isEqualTo(new Target("u-9", "p-301"));
        assertThat(e.text()).isEqualTo("……");
        assertThat(e.context()).isEqualTo(new Context(Context.Relation.STRANGER, 3, "comment"));
        assertThat(e.ip()).isEqualTo("203.0.113.0/24");
        assertThat(e.device()).isEqualTo("d-5f2c");
        assertThat(e.score()).isEmpty();
        assertThat(e.category()).isEmpty();
    }

    @Test
    void writesWhatItReadsAndLeavesAbsentFieldsOut() {
        Event rating = Event.builder("r-1", EventType.RATING, Instant.parse("2026-11-22T02:00:00Z"))
                .actor("u-1").target("", "movie-7").score(1.5).build();
        String line = codec.write(rating);
        assertThat(line).isEqualTo("{\"id\":\"r-1\",\"type\":\"rating\",\"ts\":\"2026-11-22T02:00:00Z\","
                + "\"actor\":\"u-1\",\"target\":{\"content\":\"movie-7\"},\"score\":1.5}");
        assertThat(codec.read(line)).isEqualTo(rating);

        Event report = Event.builder("x-9", EventType.REPORT, Instant.parse("2026-11-22T02:00:00Z"))
                .actor("u-2").target("u-9", "").category("辱骂").reason("他一直骂我")
                .context(new Context(Context.Relation.FOLLOWER, 400, "report")).ip("198.51.100.0/24").build();
        assertThat(codec.read(codec.write(report))).isEqualTo(report);
    }

    @Test
    void numericIdsReadAsText() {
        Event e = codec.read("{\"id\":42,\"type\":\"like\",\"ts\":\"2026-11-22T02:00:00Z\",\"actor\":7,"
                + "\"target\":{\"account\":9}}");
        assertThat(e.id()).isEqualTo("42");
        assertThat(e.actor()).isEqualTo("7");
        assertThat(e.target().account()).isEqualTo("9");
    }

    @Test
    void eachBadFieldIsNamedWithWhatWasWrong() {
        String ok = "\"id\":\"a\",\"type\":\"comment\",\"ts\":\"2026-11-22T02:00:00Z\",\"target\":{\"account\":\"u\"}";
        assertBad("{\"type\":\"comment\"}", "id", "\"id\": missing");
        assertBad("{\"id\":\"\",\"type\":\"comment\"}", "id", "must not be empty");
        assertBad("{\"id\":\"a\",\"type\":\"shout\",\"ts\":\"2026-11-22T02:00:00Z\"}", "type",
                "unknown type 'shout'");
        assertBad("{\"id\":\"a\",\"type\":\"comment\",\"target\":{\"account\":\"u\"}}", "ts", "\"ts\": missing");
        assertBad("{\"id\":\"a\",\"type\":\"comment\",\"ts\":\"yesterday\",\"target\":{\"account\":\"u\"}}", "ts",
                "must be an ISO-8601 time with an offset");
        assertBad("{\"id\":\"a\",\"type\":\"comment\",\"ts\":1700000000,\"target\":{\"account\":\"u\"}}", "ts",
                "must be a string");
        assertBad("{\"id\":\"a\",\"type\":\"comment\",\"ts\":\"2026-11-22T02:00:00Z\"}", "target", "missing");
        assertBad("{\"id\":\"a\",\"type\":\"comment\",\"ts\":\"2026-11-22T02:00:00Z\",\"target\":{}}", "target",
                "names neither an account nor a content item");
        assertBad("{\"id\":\"a\",\"type\":\"comment\",\"ts\":\"2026-11-22T02:00:00Z\",\"target\":\"u\"}", "target",
                "must be an object");
        assertBad("{" + ok + ",\"text\":[1]}", "text", "\"text\": must be a string, was [1]");
        assertBad("{" + ok + ",\"text\":5}", "text", "must be a string");
        assertBad("{" + ok + ",\"context\":{\"relation\":\"enemy\"}}", "context.relation", "unknown relation 'enemy'");
        assertBad("{" + ok + ",\"context\":{\"actorAgeDays\":-2}}", "context.actorAgeDays", "whole number of days");
        assertBad("{" + ok + ",\"context\":{\"actorAgeDays\":1.5}}", "context.actorAgeDays", "was 1.5");
        assertBad("{" + ok + ",\"context\":{\"scene\":\"chatroom\"}}", "context.scene", "unknown scene 'chatroom'");
        assertBad("{" + ok + ",\"context\":3}", "context", "must be an object");
        assertBad("{\"id\":\"a\",\"type\":\"rating\",\"ts\":\"2026-11-22T02:00:00Z\",\"target\":{\"content\":\"m\"}}",
                "score", "a rating needs a score");
        assertBad("{" + ok + ",\"score\":\"high\"}", "score", "must be a number");
        assertBad("{" + ok + ",\"actor\":\"" + "u".repeat(EventCodec.MAX_ID + 1) + "\"}", "actor",
                "longer than 256 characters (257)");
        assertBad("not json", "", "not valid JSON");
        assertBad("[1,2]", "", "not a JSON object");
    }

    @Test
    void readsBareCommentLinesOfCrawledDumps() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Event e = codec.readBareComment(json.readTree(
                "{\"ts\": \"2024-09-26T06:02:00+08:00\", \"platform\": \"dy\", \"text\": \"素质\"}"), "line-1", "incident");
        assertThat(e).isEqualTo(Event.builder("line-1", EventType.COMMENT, Instant.parse("2024-09-25T22:02:00Z"))
                .target("incident", "").text("素质").context(new Context(Context.Relation.UNKNOWN, -1, "comment"))
                .build());
        assertThatThrownBy(() -> codec.readBareComment(json.readTree("{\"ts\":\"x\",\"text\":\"a\"}"), "l", "t"))
                .hasMessageStartingWith("\"ts\": must be an ISO-8601 time");
        assertThatThrownBy(() -> codec.readBareComment(json.readTree("{\"ts\":\"2024-09-26T06:02:00+08:00\"}"), "l", "t"))
                .hasMessageStartingWith("\"text\": missing");
    }

    @Test
    void unknownFieldsAreIgnored() {
        Event e = codec.read("{\"id\":\"a\",\"type\":\"follow\",\"ts\":\"2026-11-22T02:00:00Z\","
                + "\"target\":{\"account\":\"u\",\"extra\":1},\"futureField\":{\"x\":[1]}}");
        assertThat(e.type()).isEqualTo(EventType.FOLLOW);
    }

    @Test
    void writesAnAlertWithItsEvidenceAndParticipants() {
        Verdict block = new Verdict(Suggestion.BLOCK, RiskLevel.HIGH, List.of(), true);
        Alert a = new Alert(Instant.parse("2026-11-22T02:00:00Z"), Alert.Kind.PILEON, "u-9", Alert.Level.WARNING,
                new Alert.Evidence(Map.of("abusiveShare", 0.456789),
                        List.of(new Alert.Sample("c-1", Instant.parse("2026-11-22T01:59:00Z"), "u-1", "滚", block))),
                Map.of("u-1", Alert.Role.FIRST));
        assertThat(codec.writeAlert(a)).isEqualTo("{\"ts\":\"2026-11-22T02:00:00Z\",\"kind\":\"pileon\","
                + "\"target\":\"u-9\",\"level\":\"warning\",\"evidence\":{\"figures\":{\"abusiveShare\":0.4568},"
                + "\"samples\":[{\"id\":\"c-1\",\"ts\":\"2026-11-22T01:59:00Z\",\"actor\":\"u-1\",\"text\":\"滚\","
                + "\"verdict\":{\"suggestion\":\"block\",\"riskLevel\":\"high\",\"labels\":[],\"warnBeforePost\":true}}]},"
                + "\"participants\":{\"u-1\":\"first\"}}");
    }

    @Test
    void writesAnAlertsFactsAfterItsSamplesAndOnlyWhenItHasAny() {
        Alert a = new Alert(Instant.parse("2026-11-22T02:00:00Z"), Alert.Kind.COORDINATION, "coordination/returning_group/ab",
                Alert.Level.SEVERE, new Alert.Evidence(Map.of("score", 0.9), List.of(),
                Map.of("group", "G1", "link:n-1", "0.95: device <b>")), Map.of("n-1", Alert.Role.MEMBER));
        String line = codec.writeAlert(a);
        assertThat(line).contains("\"samples\":[],\"facts\":{").contains("\"group\":\"G1\"")
                .contains("\"link:n-1\":\"0.95: device <b>\"");
        Alert none = new Alert(a.ts(), a.kind(), a.target(), a.level(),
                new Alert.Evidence(Map.of("score", 0.9), List.of()), a.participants());
        assertThat(codec.writeAlert(none)).doesNotContain("facts");
    }

    private void assertBad(String line, String field, String message) {
        assertThatThrownBy(() -> codec.read(line))
                .isInstanceOfSatisfying(EventFormatException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }
}
