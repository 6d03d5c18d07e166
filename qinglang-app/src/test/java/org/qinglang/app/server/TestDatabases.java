package org.qinglang.app.server;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The databases the persistence tests run on: H2 in PostgreSQL mode always, and the PostgreSQL at
 * {@code QINGLANG_TEST_PG_URL} (user {@code QINGLANG_TEST_PG_USER}, default postgres) when it is set, in a
 * fresh schema per run that is dropped at the end. Each comes migrated by Flyway, as the server does it.
 */
public final class TestDatabases {

    /** The environment variable naming the PostgreSQL to test on. */
    public static final String PG_ENV = "QINGLANG_TEST_PG_URL";

    /** A migrated database, and how to drop it. */
    public record Db(String name, DataSource dataSource, String url, String user, Runnable drop) {
        @Override
        public String toString() {
            return name;
        }
    }

    private TestDatabases() {
    }

    /** A fresh H2 database (in a file under target/, so other processes such as the CLI can open it). */
    public static Db h2() {
        String dir = "target/test-h2/" + UUID.randomUUID();
        String url = "jdbc:h2:file:./" + dir + "/qinglang;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";DB_CLOSE_DELAY=-1";
        DriverManagerDataSource ds = new DriverManagerDataSource(url, "sa", "");
        migrate(ds, null);
        return new Db("H2", ds, url, "sa", () -> exec(ds, "shutdown"));
    }

    /** A fresh schema on the PostgreSQL of {@link #PG_ENV}; call only when {@link #pgUrl()} is set. */
    public static Db postgres() {
        String base = pgUrl();
        String user = System.getenv().getOrDefault("QINGLANG_TEST_PG_USER", "postgres");
        String schema = "qinglang_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DriverManagerDataSource admin = new DriverManagerDataSource(base, user, "");
        exec(admin, "create schema " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        DriverManagerDataSource ds = new DriverManagerDataSource(url, user, "");
        migrate(ds, schema);
        return new Db("PostgreSQL", ds, url, user, () -> exec(admin, "drop schema " + schema + " cascade"));
    }

    /** The PostgreSQL URL to test on, or null. */
    public static String pgUrl() {
        String url = System.getenv(PG_ENV);
        return url == null || url.isBlank() ? null : url;
    }

    /**
     * A fresh migrated database by the name {@link #names()} gives: "H2", or "PostgreSQL" (the test is skipped,
     * saying why, when {@link #PG_ENV} is not set).
     */
    public static Db named(String name) {
        if (name.equals("PostgreSQL")) {
            assumeTrue(pgUrl() != null, "skipped: " + PG_ENV
                    + " is not set (e.g. jdbc:postgresql://localhost:5432/test), so PostgreSQL is not tested here");
            return postgres();
        }
        return h2();
    }

    /** H2 always, PostgreSQL when configured; for parameterised tests (each test makes its own). */
    public static Stream<String> names() {
        List<String> out = new ArrayList<>(List.of("H2"));
        out.add("PostgreSQL");
        return out.stream();
    }

    private static void migrate(DataSource ds, String schema) {
        var config = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        config.load().migrate();
    }

    private static void exec(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
