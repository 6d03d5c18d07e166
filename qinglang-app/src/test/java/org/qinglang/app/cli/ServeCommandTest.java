package org.qinglang.app.cli;

import org.junit.jupiter.api.Test;
import org.qinglang.app.Qinglang;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve}'s options become the server's properties; bad ones are refused before Spring starts. */
class ServeCommandTest {

    private static final Map<String, String> ENGLISH = CommandTestSupport.ENGLISH;

    @Test
    void theDefaultDatabaseIsAnH2FileInTheDataDirectoryInPostgresMode() {
        Map<String, Object> p = ServeCommand.properties(8080, Path.of("/srv/q"), null, null, null);
        assertThat(p).containsEntry("server.port", 8080).containsEntry("qinglang.data-dir", "/srv/q")
                .containsEntry("spring.datasource.url", "jdbc:h2:file:/srv/q/qinglang;MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
    }

    @Test
    void aPostgresUrlIsUsedAsGivenWithItsUser() {
        Map<String, Object> p = ServeCommand.properties(9000, Path.of("/d"), "jdbc:postgresql://db:5432/q", null, null);
        assertThat(p).containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/q")
                .containsEntry("spring.datasource.username", "postgres");
    }

    @Test
    void badOptionsAreRefusedWithoutStartingAnything() {
        StringWriter err = new StringWriter();
        int code = Qinglang.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), ENGLISH,
                "serve", "--db", "jdbc:mysql://x/y?user=q&password=hunter2");
        assertThat(code).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("--db must be a jdbc:postgresql:").contains("was jdbc:mysql…")
                .as("a password in the URL is not echoed").doesNotContain("hunter2");
        err.getBuffer().setLength(0);
        Qinglang.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), ENGLISH,
                "serve", "--db", "postgres://q:hunter2@db/q");
        assertThat(err.toString()).contains("was (not a JDBC URL)").doesNotContain("hunter2");
        err.getBuffer().setLength(0);
        assertThat(Qinglang.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), ENGLISH,
                "serve", "--port", "70000")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("--port must be 0 to 65535, was 70000");
        err.getBuffer().setLength(0);
        assertThat(Qinglang.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), ENGLISH,
                "serve", "--db", "jdbc:postgresql://db/q?reWriteBatchedInserts=true")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("reWriteBatchedInserts");
    }
}
