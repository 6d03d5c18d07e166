package org.qinglang.app.server;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Which database the server runs on, for the few places that work around one of them (H2's writers racing on its
 * B-trees, PostgreSQL's plan cache). Asks the driver once per call: call it at start-up, not per request.
 */
public final class Databases {

    private Databases() {
    }

    /** Whether {@code dataSource} is the embedded H2. */
    public static boolean isH2(DataSource dataSource) {
        return product(dataSource).equals("H2");
    }

    /** Whether {@code dataSource} is PostgreSQL. */
    public static boolean isPostgres(DataSource dataSource) {
        return product(dataSource).equals("PostgreSQL");
    }

    private static String product(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("the database cannot be reached", e);
        }
    }
}
