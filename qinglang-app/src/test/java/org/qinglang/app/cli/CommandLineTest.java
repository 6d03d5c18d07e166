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

class CommandLineTest extends CommandTestSupport {

    @Test
    void scansOneTextWithTheDefaultLibrary() throws IOException {
        assertThat(run("scan", "--text", "你个傻1逼")).isEqualTo(Qinglang.OK);
        JsonNode hit = json.readTree(out.toString()).get("hits").get(0);
        assertThat(hit.get("term").asText()).isEqualTo("傻逼");
        assertThat(hit.get("channel").asText()).isEqualTo("folded");
        assertThat(hit.get("start").asInt()).isEqualTo(2);
        assertThat(hit.get("end").asInt()).isEqualTo(5);
        assertThat(hit.get("matched").asText()).isEqualTo("傻1逼");
        assertThat(hit.get("category").asText()).isEqualTo("辱骂");
        assertThat(hit.get("severity").asText()).isEqualTo("high");
    }

    @Test
    void scansJsonLinesReportsBadLinesByNumberAndScansTheRest(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), String.join("\n",
                "{\"id\":\"a\",\"text\":\"你个shabi\"}",
                "not json",
                "",
                "{\"id\":2,\"text\":\"今天天气很好\"}",
                "{\"id\":\"c\"}",
                "[1,2]",
                "{\"id\":\"d\",\"text\":\"\\ud800 nmsl\"}") + "\n", StandardCharsets.UTF_8);
        Path outFile = dir.resolve("out.jsonl");
        assertThat(run("scan", "--in", in.toString(), "--out", outFile.toString())).isEqualTo(Qinglang.PARTIAL);
        List<String> lines = Files.readAllLines(outFile, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(json.readTree(lines.get(0)).get("id").asText()).isEqualTo("a");
        assertThat(json.readTree(lines.get(0)).get("hits").get(0).get("channel").asText()).isEqualTo("pinyin");
        assertThat(json.readTree(lines.get(1)).get("id").asInt()).isEqualTo(2);
        assertThat(json.readTree(lines.get(1)).get("hits")).isEmpty();
        assertThat(json.readTree(lines.get(2)).get("hits").get(0).get("channel").asText()).isEqualTo("initials");
        assertThat(err.toString())
                .contains("line 2: not valid JSON")
                .contains("line 5: no \"text\" string")
                .contains("line 6: not a JSON object")
                .doesNotContain("line 3");
    }

    @Test
    void layersLibrariesAndReportsTheirProblems(@TempDir Path dir) throws IOException {
        Path mine = Files.writeString(dir.resolve("mine.txt"), "[自定义]\n天气预报\n坏行 | colour=red\n");
        assertThat(run("scan", "--library", "default", "--library", mine.toString(), "--text", "天气预报说傻逼"))
                .isEqualTo(Qinglang.OK);
        assertThat(out.toString()).contains("\"term\":\"天气预报\"").contains("\"term\":\"傻逼\"");
        assertThat(err.toString()).contains("mine.txt:3: unknown key 'colour'");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("scan")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("give either --in FILE.jsonl or --text TEXT");
        assertThat(run("scan", "--bogus")).isEqualTo(Qinglang.USAGE);
        assertThat(run("variants", "傻逼", "--per-class", "0")).isEqualTo(Qinglang.USAGE);
    }

    @Test
    void missingFilesExitWithThree(@TempDir Path dir) {
        assertThat(run("scan", "--in", dir.resolve("nope.jsonl").toString())).isEqualTo(Qinglang.IO);
        assertThat(run("scan", "--library", dir.resolve("nope.txt").toString(), "--text", "x")).isEqualTo(Qinglang.IO);
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("scan", "variants")) {
            assertThat(run(cmd, "--help")).isEqualTo(Qinglang.OK);
        }
        assertThat(run("--help")).isEqualTo(Qinglang.OK);
        assertThat(out.toString()).contains("scan").contains("variants").contains("Exit codes");
    }

    @Test
    void variantsShowsWhatTheLibraryCatches() {
        assertThat(run("variants", "傻逼", "--per-class", "2")).isEqualTo(Qinglang.OK);
        assertThat(out.toString()).contains("initials").contains("shabi").contains("caught");
    }
}
