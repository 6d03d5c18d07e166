package org.qinglang.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.app.Qinglang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

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
        // a library line skipped is an entry lost: the exit code says so
        assertThat(run("scan", "--library", "default", "--library", mine.toString(), "--text", "天气预报说傻逼"))
                .isEqualTo(Qinglang.PARTIAL);
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
    void refusesToWriteOverItsOwnInputAndLeavesAnOutputAloneWhenTheInputIsMissing(@TempDir Path dir) throws IOException {
        String content = "{\"id\":\"a\",\"text\":\"你个傻逼\"}\n";
        Path in = Files.writeString(dir.resolve("in.jsonl"), content, StandardCharsets.UTF_8);
        for (String command : List.of("scan", "check", "classify", "replay")) {
            assertThat(run(command, "--in", in.toString(), "--out", dir.resolve(".").resolve("in.jsonl").toString()))
                    .as(command).isEqualTo(Qinglang.USAGE);
            assertThat(Files.readString(in, StandardCharsets.UTF_8)).as(command).isEqualTo(content);
        }
        assertThat(err.toString()).contains("is the input file");
        Path kept = Files.writeString(dir.resolve("kept.jsonl"), "earlier results\n", StandardCharsets.UTF_8);
        assertThat(run("scan", "--in", dir.resolve("nope.jsonl").toString(), "--out", kept.toString()))
                .isEqualTo(Qinglang.IO);
        assertThat(Files.readString(kept, StandardCharsets.UTF_8)).isEqualTo("earlier results\n");
        assertThat(run("replay", "--in", dir.toString())).isEqualTo(Qinglang.IO);
        assertThat(err.toString()).contains("replay: cannot read " + dir + ": not a file");
        assertThat(run("check", "--text", "x", "--out", dir.resolve("no-dir").resolve("o.jsonl").toString()))
                .isEqualTo(Qinglang.IO);
        assertThat(err.toString()).contains("check: cannot write").contains("no such directory");
    }

    @Test
    void readsBomCrlfAndReportsTextInAnotherEncodingByLine(@TempDir Path dir) throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = "{\"id\":\"a\",\"text\":\"你个傻逼\"}\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] gbk = "{\"id\":\"b\",\"text\":\"你个傻逼\"}\n".getBytes(java.nio.charset.Charset.forName("GB18030"));
        byte[] last = "{\"id\":\"c\",\"text\":\"傻逼\"}".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.write(bom);
        file.write(utf8);
        file.write(gbk);
        file.write(last);
        Path in = Files.write(dir.resolve("mixed.jsonl"), file.toByteArray());
        assertThat(run("scan", "--in", in.toString())).isEqualTo(Qinglang.PARTIAL);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(json.readTree(lines[0]).get("id").asText()).isEqualTo("a");
        assertThat(json.readTree(lines[0]).get("hits")).isNotEmpty();
        assertThat(json.readTree(lines[1]).get("id").asText()).isEqualTo("c");
        assertThat(err.toString()).contains("line 2: not UTF-8 text").doesNotContain("line 1").doesNotContain("line 3");
    }

    @Test
    void aLoneSurrogateInAnIdIsWrittenAsItsEscapeAndTheRunGoesOn(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"\\ud83d\",\"text\":\"hi\"}\n"
                + "{\"id\":\"next\",\"text\":\"傻逼\"}\n", StandardCharsets.UTF_8);
        Path outFile = dir.resolve("out.jsonl");
        assertThat(run("scan", "--in", in.toString(), "--out", outFile.toString())).isEqualTo(Qinglang.OK);
        List<String> lines = Files.readAllLines(outFile, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"id\":\"\\ud83d\"");
        assertThat(json.readTree(lines.get(0)).get("id").asText()).isEqualTo("\ud83d");
        assertThat(json.readTree(lines.get(1)).get("id").asText()).isEqualTo("next");
    }

    @Test
    void auditVerifyNeverEchoesADatabaseUrlThatMayHoldAPassword() {
        assertThat(run("audit", "verify", "--db", "jdbc:postgres://alice:S3cret@db.example/q")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("jdbc:postgres").doesNotContain("S3cret");
        assertThat(run("audit", "verify", "--db", "jdbc:postgresql://127.0.0.1:1/q?password=S3cret&connectTimeout=1"))
                .isEqualTo(Qinglang.IO);
        assertThat(err.toString()).doesNotContain("S3cret");
    }

    @Test
    void auditVerifyThatCannotFinishExitsWithOneAndABrokenTrailIsNotThat() throws SQLException {
        // a database that cannot be reached is one that cannot be read: 3, as for a file
        assertThat(run("audit", "verify", "--db", "jdbc:postgresql://127.0.0.1:1/q?connectTimeout=1"))
                .isEqualTo(Qinglang.IO);
        assertThat(err.toString()).contains("audit verify: cannot read the audit trail");
        err.getBuffer().setLength(0);
        // a failure nobody foresaw (here the driver's own): 1, which says nothing of the trail (a broken one is 5)
        Driver failing = new FailingDriver();
        DriverManager.registerDriver(failing);
        try {
            assertThat(run("audit", "verify", "--db", FailingDriver.URL + "?password=S3cret"))
                    .isEqualTo(Qinglang.FAILED).isNotEqualTo(Qinglang.BROKEN);
        } finally {
            DriverManager.deregisterDriver(failing);
        }
        // the exception's class only: its message quotes the URL, password and all, in the driver's own spelling
        assertThat(err.toString()).contains("audit verify: the check failed before it finished, so nothing is "
                + "known of the trail: java.lang.IllegalStateException").doesNotContain("S3cret")
                .doesNotContain("jdbc:");
        assertThat(out.toString()).isEmpty();
    }

    /** A driver with a bug: opening {@link #URL} throws what no JDBC driver should, an unchecked exception. */
    private static final class FailingDriver implements Driver {
        static final String URL = "jdbc:postgresql://127.0.0.1:1/failing-driver";

        @Override
        public Connection connect(String url, Properties info) {
            if (!acceptsURL(url)) {
                return null;
            }
            throw new IllegalStateException("the driver broke opening " + url);
        }

        @Override
        public boolean acceptsURL(String url) {
            return url.startsWith(URL);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }
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
