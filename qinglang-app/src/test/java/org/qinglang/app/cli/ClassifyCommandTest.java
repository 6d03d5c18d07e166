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

class ClassifyCommandTest extends CommandTestSupport {

    @Test
    void scoresJsonLinesWithTheShippedModelAndSkipsBadLines(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), String.join("\n",
                "{\"id\":\"a\",\"text\":\"你就是个傻逼，滚出去\"}",
                "not json",
                "",
                "{\"id\":2,\"text\":\"今天天气很好，我们去公园散步吧\"}",
                "{\"id\":\"c\"}") + "\n", StandardCharsets.UTF_8);
        Path outFile = dir.resolve("out.jsonl");
        assertThat(run("classify", "--in", in.toString(), "--out", outFile.toString())).isEqualTo(Qinglang.PARTIAL);
        List<String> lines = Files.readAllLines(outFile, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        JsonNode a = json.readTree(lines.get(0));
        assertThat(a.get("id").asText()).isEqualTo("a");
        assertThat(a.get("label").asInt()).isEqualTo(1);
        assertThat(a.get("score").asDouble()).isBetween(0.5, 1.0);
        JsonNode b = json.readTree(lines.get(1));
        assertThat(b.get("id").asInt()).isEqualTo(2);
        assertThat(b.get("label").asInt()).isEqualTo(0);
        assertThat(err.toString()).contains("classify: line 2: not valid JSON")
                .contains("classify: line 5: no \"text\" string; skipped");
    }

    @Test
    void usesATrainedModelFile(@TempDir Path dir) throws IOException {
        Path data = TrainCommandTest.coldLike(Files.createDirectory(dir.resolve("cold")));
        Path model = dir.resolve("m.qlm");
        assertThat(run("train", "--data", data.toString(), "--out", model.toString(), "--c", "4", "--hash-bits", "12",
                "--library-features", "on")).isEqualTo(Qinglang.OK);
        out.getBuffer().setLength(0);
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":1,\"text\":\"他就是个傻逼\"}\n");
        assertThat(run("classify", "--in", in.toString(), "--model", model.toString())).isEqualTo(Qinglang.OK);
        JsonNode r = json.readTree(out.toString());
        assertThat(r.get("id").asInt()).isEqualTo(1);
        assertThat(r.get("label").asInt()).isEqualTo(1);

        out.getBuffer().setLength(0);
        assertThat(run("classify", "--eval", data.resolve("dev.csv").toString(), "--model", model.toString()))
                .isEqualTo(Qinglang.OK);
        JsonNode e = json.readTree(out.toString());
        assertThat(e.get("texts").asInt()).isEqualTo(24);
        assertThat(e.get("accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(e.has("macroF1")).isTrue();
        assertThat(err.toString()).contains("texts/s");
    }

    @Test
    void aMissingOrCorruptModelIsNamedWithoutAStackTrace(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":1,\"text\":\"x\"}\n");
        Path missing = dir.resolve("none.qlm");
        assertThat(run("classify", "--in", in.toString(), "--model", missing.toString())).isEqualTo(Qinglang.IO);
        assertThat(err.toString().strip()).isEqualTo("classify: model file " + missing + ": not found");

        err.getBuffer().setLength(0);
        Path corrupt = Files.write(dir.resolve("bad.qlm"), "QLMODEL\n\u0001garbage".getBytes(StandardCharsets.US_ASCII));
        assertThat(run("classify", "--in", in.toString(), "--model", corrupt.toString())).isEqualTo(Qinglang.IO);
        assertThat(err.toString().strip()).startsWith("classify: model file " + corrupt + ": is damaged")
                .doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void scoresWithTheShippedAccurateModel(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), String.join("\n",
                "{\"id\":\"a\",\"text\":\"你就是个傻逼，滚出去\"}",
                "{\"id\":\"b\",\"text\":\"今天天气很好，我们去公园散步吧\"}",
                "{\"id\":\"c\",\"text\":\"\"}") + "\n", StandardCharsets.UTF_8);
        assertThat(run("classify", "--in", in.toString(), "--mode", "accurate")).isEqualTo(Qinglang.OK);
        List<JsonNode> r = out.toString().lines().map(l -> {
            try {
                return json.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(r).hasSize(3);
        assertThat(r.get(0).get("label").asInt()).isEqualTo(1);
        assertThat(r.get(1).get("label").asInt()).isEqualTo(0);
        assertThat(r.get(2).get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aModelFileOfTheOtherModeIsAUsageError(@TempDir Path dir) throws IOException {
        Path data = TrainCommandTest.coldLike(Files.createDirectory(dir.resolve("cold")));
        Path model = dir.resolve("m.qlm");
        assertThat(run("train", "--data", data.toString(), "--out", model.toString(), "--c", "4", "--hash-bits", "12",
                "--library-features", "off")).isEqualTo(Qinglang.OK);
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":1,\"text\":\"他就是个傻逼\"}\n");
        assertThat(run("classify", "--in", in.toString(), "--model", model.toString(), "--mode", "accurate"))
                .isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("classify: " + model + " holds a fast model, but --mode accurate was asked for");
    }

    @Test
    void theAccurateModelSkipsTheEncoderWhereTheFastMarginSettlesTheLabelUnlessToldNotTo(@TempDir Path dir)
            throws IOException {
        Path dev = TrainCommandTest.coldLike(Files.createDirectory(dir.resolve("cold"))).resolve("dev.csv");
        assertThat(run("classify", "--eval", dev.toString(), "--mode", "accurate")).isEqualTo(Qinglang.OK);
        JsonNode withShortcut = json.readTree(out.toString());
        out.getBuffer().setLength(0);
        assertThat(run("classify", "--eval", dev.toString(), "--mode", "accurate", "--no-shortcut"))
                .isEqualTo(Qinglang.OK);
        JsonNode everyText = json.readTree(out.toString());
        assertThat(withShortcut.get("encoderSkipped").asInt()).isPositive();
        assertThat(everyText.get("encoderSkipped").asInt()).isZero();
        assertThat(withShortcut.get("accuracy").asDouble()).isEqualTo(everyText.get("accuracy").asDouble());
    }

    @Test
    void needsExactlyOneInput(@TempDir Path dir) {
        assertThat(run("classify")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("give either --in FILE.jsonl or --eval FILE.csv");
        err.getBuffer().setLength(0);
        assertThat(run("classify", "--in", dir.resolve("nope.jsonl").toString())).isEqualTo(Qinglang.IO);
        assertThat(err.toString().strip()).isEqualTo("classify: cannot read " + dir.resolve("nope.jsonl") + ": no such file");
    }
}
