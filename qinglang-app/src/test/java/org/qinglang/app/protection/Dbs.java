package org.qinglang.app.protection;

import org.qinglang.app.server.TestDatabases;

import java.sql.Connection;
import java.sql.SQLException;


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
        TestDatabases.Db db = TestDatabases.named(name);
        if (!name.equals("H2")) {
            return db;
        }
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
