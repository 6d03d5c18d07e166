package org.qinglang.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.app.Qinglang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest extends CommandTestSupport {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private static String comment(int i, long second, String actor, String text, String relation, int age) {
        return "{\"id\":\"c-" + i + "\",\"type\":\"comment\",\"ts\":\"" + T0.plusSeconds(second) + "\",\"actor\":\""
                + actor + "\",\"target\":{\"account\":\"u-9\",\"content\":\"p-1\"},\"text\":\"" + text
                + "\",\"context\":{\"relation\":\"" + relation + "\",\"actorAgeDays\":" + age + ",\"scene\":\"comment\"}}";
    }

    @Test
    void writesEveryAlertOfAPileOnAndSkipsBadLinesByNumber(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(comment(i, i * 600L, "fan-" + i, "今天的视频拍得真好，支持一下第" + i + "期", "follower", 500));
        }
        lines.add("{\"id\":\"bad-ts\",\"type\":\"comment\",\"ts\":\"yesterday\",\"target\":{\"account\":\"u-9\"}}");
        lines.add("{\"id\":\"like-1\",\"type\":\"like\",\"ts\":\"" + T0.plusSeconds(12_000) + "\",\"actor\":\"a\","
                + "\"target\":{\"account\":\"u-9\",\"content\":\"p-1\"}}");
        for (int i = 0; i < 250; i++) {
            lines.add(comment(1000 + i, 12_000 + i * 20L, "s-" + i, "你就是个傻逼，滚出去" + i, "stranger", 2));
        }
        lines.add("not json");
        Path in = Files.writeString(dir.resolve("events.jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Path outFile = dir.resolve("alerts.jsonl");

        // the pile-on monitor alone: its 250 near-identical insults are also a copy-paste campaign (see the end)
        assertThat(run("replay", "--in", in.toString(), "--out", outFile.toString(), "--detectors", "pileon"))
                .isEqualTo(Qinglang.PARTIAL);
        List<JsonNode> alerts = new ArrayList<>();
        for (String l : Files.readAllLines(outFile, StandardCharsets.UTF_8)) {
            alerts.add(json.readTree(l));
        }
        assertThat(alerts).extracting(a -> a.get("level").asText())
                .containsExactly("watch", "warning", "severe", "closed");
        JsonNode warning = alerts.get(1);
        assertThat(warning.get("kind").asText()).isEqualTo("pileon");
        assertThat(warning.get("target").asText()).isEqualTo("u-9");
        assertThat(Instant.parse(warning.get("ts").asText())).isAfter(T0.plusSeconds(12_000));
        assertThat(warning.get("evidence").get("figures").get("abusiveShare").asDouble()).isGreaterThan(0.5);
        assertThat(warning.get("evidence").get("figures").get("newAccountShare").asDouble()).isGreaterThan(0.5);
        JsonNode sample = warning.get("evidence").get("samples").get(0);
        assertThat(sample.get("text").asText()).startsWith("你就是个傻逼");
        assertThat(sample.get("verdict").get("suggestion").asText()).isEqualTo("block");
        assertThat(warning.get("participants").get("s-0").asText()).isEqualTo("first");
        assertThat(warning.get("participants").has("fan-0")).isFalse();

        assertThat(err.toString())
                .contains("replay: line 21: \"ts\": must be an ISO-8601 time with an offset")
                .contains("replay: line 273: not valid JSON")
                .contains("replay: 271 events; alerts: 1 watch, 1 warning, 1 severe, 1 closed");

        assertThat(run("replay", "--in", in.toString())).isEqualTo(Qinglang.PARTIAL); // both detectors, the default
        List<List<String>> copyPaste = out.toString().lines().map(l -> {
            try {
                return json.readTree(l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(a -> a.get("target").asText().startsWith("coordination/copy_paste/"))
                .map(a -> {
                    List<String> members = new ArrayList<>();
                    a.get("participants").fieldNames().forEachRemaining(members::add);
                    return members;
                }).toList();
        // the insults are one campaign; the fans' templated praise is another shape of the same thing
        assertThat(copyPaste).anyMatch(m -> m.size() >= 5 && m.stream().allMatch(n -> n.startsWith("s-")))
                .allMatch(m -> m.stream().allMatch(n -> n.startsWith("s-")) || m.stream().allMatch(n -> n.startsWith("fan-")));
    }

    @Test
    void readsBareCommentLinesAboutOneTarget(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add("{\"ts\": \"2024-09-26T" + String.format("%02d:%02d", 6 + i / 180, i / 3 % 60) + ":00+08:00\", \"platform\": \"dy\","
                    + " \"text\": \"" + (i % 2 == 0 ? "滚出网络，傻逼东西" + i : "真恶心，垃圾一个" + i) + "\"}");
        }
        Path in = Files.writeString(dir.resolve("incident-7.jsonl"), String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8);
        assertThat(run("replay", "--in", in.toString())).isEqualTo(Qinglang.OK);
        List<JsonNode> alerts = new ArrayList<>();
        for (String l : out.toString().split("\n")) {
            alerts.add(json.readTree(l));
        }
        assertThat(alerts).isNotEmpty().allSatisfy(a -> {
            assertThat(a.get("target").asText()).isEqualTo("incident-7");
            assertThat(a.get("participants")).isEmpty(); // bare lines have no actors
        });
        assertThat(alerts).extracting(a -> a.get("level").asText()).contains("warning");
    }

    @Test
    void reportsACoordinatedGroupUnlessOnlyThePileOnMonitorIsChosen(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < 8; k++) { // six accounts like the same eight items within minutes of each other
            for (int m = 0; m < 6; m++) {
                lines.add("{\"id\":\"l-" + k + "-" + m + "\",\"type\":\"like\",\"ts\":\"" + T0.plusSeconds(k * 60L + m)
                        + "\",\"actor\":\"sync-" + m + "\",\"target\":{\"content\":\"boost-" + k + "\"}}");
            }
        }
        Path in = Files.writeString(dir.resolve("likes.jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        assertThat(run("replay", "--in", in.toString())).isEqualTo(Qinglang.OK);
        List<JsonNode> alerts = new ArrayList<>();
        for (String l : out.toString().split("\n")) {
            alerts.add(json.readTree(l));
        }
        assertThat(alerts).isNotEmpty().allSatisfy(a -> assertThat(a.get("kind").asText()).isEqualTo("coordination"));
        assertThat(alerts).extracting(a -> a.get("target").asText()).anyMatch(t -> t.startsWith("coordination/synchronised/"));
        JsonNode sync = alerts.stream().filter(a -> a.get("target").asText().contains("/synchronised/")).findFirst().orElseThrow();
        assertThat(sync.get("participants").size()).isEqualTo(6);
        assertThat(sync.get("participants").get("sync-0").asText()).isEqualTo("member");
        assertThat(sync.get("evidence").get("figures").get("target:boost-0").asDouble()).isEqualTo(6.0);

        out.getBuffer().setLength(0);
        assertThat(run("replay", "--in", in.toString(), "--detectors", "pileon")).isEqualTo(Qinglang.OK);
        assertThat(out.toString()).isEmpty();
        assertThat(run("replay", "--in", in.toString(), "--detectors", "coordination,bots")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("replay: unknown detector 'bots' in --detectors");
    }

    @Test
    void badUsageIsExplained(@TempDir Path dir) throws IOException {
        assertThat(run("replay")).isEqualTo(Qinglang.USAGE);
        assertThat(run("replay", "--in", "x.jsonl", "--format", "xml")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("replay: unknown --format 'xml': use events, bare or auto");
        Path bad = Files.writeString(dir.resolve("t.txt"), "warningScore 5\n", StandardCharsets.UTF_8);
        assertThat(run("replay", "--in", "x.jsonl", "--thresholds", bad.toString())).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("t.txt:1: warningScore must be at least");
        assertThat(run("replay", "--in", dir.resolve("missing.jsonl").toString())).isEqualTo(Qinglang.IO);
        assertThat(err.toString()).contains("replay: cannot read").contains("missing.jsonl");
    }
}
