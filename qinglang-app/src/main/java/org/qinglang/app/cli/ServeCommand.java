package org.qinglang.app.cli;

import org.qinglang.app.Qinglang;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code qinglang serve}: starts the governance server (治理服务) — the API under {@code /api/v1} and the
 * console — and runs until stopped. Spring Boot is loaded here and nowhere else: this class names no Spring
 * type, so the other subcommands start without it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the governance server: the API under /api/v1 and the console, on one port.",
                "启动治理服务：/api/v1 接口与管理控制台。"},
        footer = {"%nThe first start creates the console user 'admin' and prints its one-time password once, "
                + "to be changed at the first sign-in (or takes it from QINGLANG_ADMIN_PASSWORD); there is no default "
                + "password.",
                "Environment: QINGLANG_DB_URL, QINGLANG_DB_USER, QINGLANG_DB_PASSWORD (the database), "
                        + "QINGLANG_ADMIN_PASSWORD (the first admin's password).",
                "Exit codes: 0 stopped, 1 failed to start, 2 bad usage."})
public final class ServeCommand implements Callable<Integer> {

    /** The default database: an H2 file in the data directory, in PostgreSQL mode so one schema fits both. */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "the HTTP port; default: ${DEFAULT-VALUE} (0: any free port)")
    int port;

    @Option(names = "--db", paramLabel = "JDBC-URL",
            description = "the database, e.g. jdbc:postgresql://localhost:5432/qinglang; default: "
                    + "$QINGLANG_DB_URL, else an embedded H2 file in --data")
    String db;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "qinglang-data",
            description = "where the embedded database and the server secret live; default: ./${DEFAULT-VALUE}")
    Path data;

    /** The URL's scheme, as far as its second colon ({@code jdbc:mysql}), or what comes before any other detail. */
    static String schemeOf(String url) {
        int first = url.indexOf(':');
        int second = first < 0 ? -1 : url.indexOf(':', first + 1);
        String scheme = second < 0 ? url : url.substring(0, second);
        return scheme.length() > 40 || scheme.contains("/") || scheme.contains("?") ? "(not a JDBC URL)" : scheme;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Messages say = Messages.of(spec);
        if (port < 0 || port > 65_535) {
            err.println("serve: " + say.get("serve.badPort", port));
            return Qinglang.USAGE;
        }
        String url = db != null ? db : System.getenv("QINGLANG_DB_URL");
        if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            // only the scheme is echoed: a JDBC URL may carry a password (…?password=…)
            err.println("serve: " + say.get("db.notJdbc", schemeOf(url)));
            return Qinglang.USAGE;
        }
        if (url != null && url.toLowerCase(java.util.Locale.ROOT).contains("rewritebatchedinserts=true")) {
            // pgjdbc then answers "no information" for each row of a batch, and event ingestion could not tell a
            // duplicate (a retried batch) from a new event
            err.println("serve: " + say.get("serve.rewriteBatched"));
            return Qinglang.USAGE;
        }
        Map<String, Object> props = properties(port, data.toAbsolutePath().normalize(), url,
                System.getenv("QINGLANG_DB_USER"), System.getenv("QINGLANG_DB_PASSWORD"));
        AutoCloseable server;
        try {
            server = org.qinglang.app.server.QinglangServer.start(props);
        } catch (RuntimeException e) {
            err.println("serve: " + say.get("serve.cannotStart", rootMessage(e)));
            return Qinglang.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
            stopped.countDown();
        }, "qinglang-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Qinglang.OK;
    }

    /** The Spring properties for a server on {@code port} with its data in {@code dataDir}. */
    static Map<String, Object> properties(int port, Path dataDir, String url, String user, String password) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server.port", port);
        p.put("qinglang.data-dir", dataDir.toString());
        if (url == null) {
            p.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("qinglang") + H2_OPTIONS);
            p.put("spring.datasource.username", "sa");
            p.put("spring.datasource.password", "");
        } else {
            p.put("spring.datasource.url", url);
            p.put("spring.datasource.username", user != null ? user : (url.startsWith("jdbc:h2:") ? "sa" : "postgres"));
            p.put("spring.datasource.password", password != null ? password : "");
        }
        return p;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
