package org.qinglang.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.app.Qinglang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest extends CommandTestSupport {

    @Test
    void writesOneVerdictPerLineAndSkipsBadContextsByLineNumber(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), String.join("\n",
                "{\"id\":\"a\",\"text\":\"你就是个傻逼，滚出去\",\"context\":{\"relation\":\"stranger\","
                        + "\"actorAgeDays\":3,\"scene\":\"comment\"}}",
                "{\"id\":\"b\",\"text\":\"x\",\"context\":{\"relation\":\"enemy\"}}",
                "",
                "{\"id\":2,\"text\":\"今天天气很好，我们去公园散步吧\"}",
                "{\"id\":\"c\",\"text\":\"x\",\"context\":{\"actorAgeDays\":\"new\"}}",
                "{\"id\":\"d\",\"text\":\"x\",\"context\":{\"scene\":\"chatroom\"}}",
                "{\"id\":\"e\",\"text\":\"x\",\"context\":[1]}",
                "not json",
                "{\"id\":\"f\"}") + "\n", StandardCharsets.UTF_8);
        Path outFile = dir.resolve("out.jsonl");
        assertThat(run("check", "--in", in.toString(), "--out", outFile.toString())).isEqualTo(Qinglang.PARTIAL);
        List<String> lines = Files.readAllLines(outFile, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);

        JsonNode a = json.readTree(lines.get(0));
        assertThat(a.get("id").asText()).isEqualTo("a");
        assertThat(a.get("suggestion").asText()).isEqualTo("block");
        assertThat(a.get("riskLevel").asText()).isEqualTo("high");
        assertThat(a.get("warnBeforePost").asBoolean()).isTrue();
        JsonNode label = a.get("labels").get(0);
        assertThat(label.get("label").asText()).isEqualTo("辱骂");
        assertThat(label.get("subLabel").asText()).isEqualTo("傻逼");
        assertThat(label.get("score").asDouble()).isBetween(0.5, 1.0);
        JsonNode hit = label.get("hits").get(0);
        assertThat(hit.get("term").asText()).isEqualTo("傻逼");
        assertThat(hit.get("channel").asText()).isEqualTo("exact");
        assertThat(hit.get("start").asInt()).isEqualTo(4);
        assertThat(hit.get("end").asInt()).isEqualTo(6);
        assertThat(hit.get("matched").asText()).isEqualTo("傻逼");

        JsonNode b = json.readTree(lines.get(1));
        assertThat(b.get("id").asInt()).isEqualTo(2);
        assertThat(b.get("suggestion").asText()).isEqualTo("pass");
        assertThat(b.get("riskLevel").asText()).isIn("none", "low");
        assertThat(b.get("labels")).isEmpty();
        assertThat(b.get("warnBeforePost").asBoolean()).isFalse();

        assertThat(err.toString())
                .contains("check: line 2: bad context: unknown relation 'enemy'")
                .contains("check: line 5: bad context: \"actorAgeDays\" must be a whole number")
                .contains("check: line 6: bad context: unknown scene 'chatroom'")
                .contains("check: line 7: bad context: \"context\" is not an object; skipped")
                .contains("check: line 8: not valid JSON")
                .contains("check: line 9: no \"text\" string; skipped")
                .doesNotContain("line 3:").doesNotContain("line 4:");
    }

    @Test
    void checksOneText() throws IOException {
        assertThat(run("check", "--text", "你个傻逼")).isEqualTo(Qinglang.OK);
        JsonNode v = json.readTree(out.toString());
        assertThat(v.has("id")).isFalse();
        assertThat(v.get("suggestion").asText()).isEqualTo("block");
        assertThat(v.get("warnBeforePost").asBoolean()).isFalse(); // no scene given
    }

    @Test
    void theAccurateModelScoresFromTheMarginAloneUnlessToldNotTo() throws IOException {
        // the fast margin settles this text's label, so the shortcut scores it without the encoder
        String text = "假定有人对女性说：你怎么毛毛躁躁像个男人似的。是否构成对男性的歧视？";
        assertThat(run("check", "--text", text, "--mode", "accurate")).isEqualTo(Qinglang.OK);
        double shortcut = json.readTree(out.toString()).get("labels").get(0).get("score").asDouble();
        out.getBuffer().setLength(0);
        assertThat(run("check", "--text", text, "--mode", "accurate", "--no-shortcut")).isEqualTo(Qinglang.OK);
        double everyText = json.readTree(out.toString()).get("labels").get(0).get("score").asDouble();
        assertThat(shortcut).isGreaterThan(0.5);
        assertThat(everyText).isGreaterThan(0.5).isNotEqualTo(shortcut);
    }

    @Test
    void badUsageIsExplained() {
        assertThat(run("check")).isEqualTo(Qinglang.USAGE);
        assertThat(run("check", "--text", "x", "--mode", "slow")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("check: give either --in FILE.jsonl or --text TEXT")
                .contains("check: unknown --mode 'slow'");
    }

    @Test
    void thresholdsComeFromAFile(@TempDir Path dir) throws IOException {
        // an everyday remark passes with the defaults; with every threshold at 0 it is blocked
        assertThat(run("check", "--text", "今天天气很好")).isEqualTo(Qinglang.OK);
        assertThat(json.readTree(out.toString()).get("suggestion").asText()).isEqualTo("pass");
        Path zero = Files.writeString(dir.resolve("t.txt"), "# block everything\n*  0  0\n", StandardCharsets.UTF_8);
        out.getBuffer().setLength(0);
        assertThat(run("check", "--text", "今天天气很好", "--thresholds", zero.toString())).isEqualTo(Qinglang.OK);
        assertThat(json.readTree(out.toString()).get("suggestion").asText()).isEqualTo("block");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "辱骂 0.9 0.1\n", StandardCharsets.UTF_8);
        assertThat(run("check", "--text", "x", "--thresholds", bad.toString())).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("bad.txt:1: the review threshold");
    }
}
