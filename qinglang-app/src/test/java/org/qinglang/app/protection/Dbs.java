package org.qinglang.app.protection;

import org.qinglang.app.server.TestDatabases;

import java.sql.Connection;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Opens the database a parameterised persistence test is named for; PostgreSQL only when configured. */
public final class Dbs {

    private Dbs() {
    }

    /**
     * A fresh migrated database: "H2", or "PostgreSQL" (skipped when {@link TestDatabases#PG_ENV} is not set).
     * An H2 file database is held open by one connection until dropped, so it is not closed and reopened between
     * statements (slow, and on a loaded machine once seen to reopen without its tables).
     */
    public static TestDatabases.Db open(String name) {
        if (name.equals("PostgreSQL")) {
            assumeTrue(TestDatabases.pgUrl() != null, "skipped: " + TestDatabases.PG_ENV
                    + " is not set (e.g. jdbc:postgresql://localhost:5432/test), so PostgreSQL is not tested here");
            return TestDatabases.postgres();
        }
        TestDatabases.Db db = TestDatabases.h2();
        try {
            Connection held = db.dataSource().getConnection();
            return new TestDatabases.Db(db.name(), db.dataSource(), db.url(), db.user(), () -> {
                db.drop().run();
                try {
                    held.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + db.url(), e);
        }
    }
}
