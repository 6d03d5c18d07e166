package org.qinglang.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.app.Qinglang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line speaks Chinese unless English is chosen, by --lang or by the environment; data is the same. */
class CommandLanguageTest extends CommandTestSupport {

    @Test
    void chineseByDefault() {
        assertThat(runIn(Map.of(), "scan")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("scan: 请给出 --in FILE.jsonl 或 --text TEXT（二者选一）")
                .doesNotContain("give either");
    }

    @Test
    void englishWithTheOptionBeforeOrAfterTheSubcommand() {
        assertThat(runIn(Map.of(), "--lang", "en", "scan")).isEqualTo(Qinglang.USAGE);
        assertThat(runIn(Map.of(), "scan", "--lang", "en")).isEqualTo(Qinglang.USAGE);
        assertThat(runIn(Map.of(), "audit", "verify", "--lang=en", "--data", "/nonexistent-dir"))
                .isEqualTo(Qinglang.IO);
        assertThat(err.toString().lines()).containsExactly(
                "scan: give either --in FILE.jsonl or --text TEXT (one of them)",
                "scan: give either --in FILE.jsonl or --text TEXT (one of them)",
                "audit verify: no database at /nonexistent-dir/qinglang.mv.db: give --data DIR or --db URL");
    }

    @Test
    void englishFromTheEnvironmentUnlessTheOptionSaysChinese() {
        assertThat(runIn(Map.of("QINGLANG_LANG", "en"), "scan")).isEqualTo(Qinglang.USAGE);
        assertThat(runIn(Map.of("LANG", "en_US.UTF-8"), "scan")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString().lines())
                .containsOnly("scan: give either --in FILE.jsonl or --text TEXT (one of them)");
        err.getBuffer().setLength(0);
        assertThat(runIn(Map.of("QINGLANG_LANG", "en"), "--lang", "zh", "scan")).isEqualTo(Qinglang.USAGE);
        assertThat(runIn(Map.of("QINGLANG_LANG", "zh", "LANG", "en_US.UTF-8"), "scan")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString().lines()).containsOnly("scan: 请给出 --in FILE.jsonl 或 --text TEXT（二者选一）");
    }

    @Test
    void anUnknownLanguageIsBadUsage() {
        assertThat(runIn(Map.of(), "--lang", "fr", "scan", "--text", "x")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("--lang").contains("zh, en");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aSkippedLineIsToldInTheLanguageAndTheDataIsTheSame(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"你个傻1逼\"}\nnot json\n"
                + "{\"id\":\"b\"}\n", StandardCharsets.UTF_8);
        assertThat(runIn(Map.of(), "scan", "--in", in.toString())).isEqualTo(Qinglang.PARTIAL);
        String chinese = out.toString();
        assertThat(err.toString()).contains("scan: 第 2 行：不是有效的 JSON（")
                .contains("scan: 第 3 行：缺少字符串字段 \"text\"；已跳过");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(runIn(Map.of(), "--lang", "en", "scan", "--in", in.toString())).isEqualTo(Qinglang.PARTIAL);
        assertThat(err.toString()).contains("scan: line 2: not valid JSON (")
                .contains("scan: line 3: no \"text\" string; skipped");
        assertThat(out.toString()).isEqualTo(chinese).contains("\"channel\":\"folded\"");
    }

    @Test
    void summariesAreInTheLanguage() {
        assertThat(runIn(Map.of(), "variants", "傻逼", "--per-class", "1")).isEqualTo(Qinglang.OK);
        assertThat(out.toString()).contains("词条：傻逼").contains("识别 ").doesNotContain("caught");
    }
}
