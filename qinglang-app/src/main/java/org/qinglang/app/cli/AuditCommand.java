package org.qinglang.app.cli;

import org.qinglang.app.Qinglang;
import org.qinglang.app.audit.AuditKey;
import org.qinglang.app.audit.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code qinglang audit}: the audit trail's tools. Loads no Spring: plain JDBC. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"The audit trail of the governance server.", "治理服务的审计日志。"},
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code qinglang audit verify}: finds any edited or removed row of the audit trail, and checks the head's
     * signature with the server's audit public key ({@code --key}, default {@value AuditKey#PUBLIC_FILE} in
     * {@code --data}, for PostgreSQL too).
     */
    @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Check that no row of the audit trail was edited, removed or inserted.",
                    "校验审计日志：找出被修改、删除或插入的记录。"},
            footer = {"%nStop the server first when it uses the embedded database (H2 allows one process).",
                    "The head's signature is checked with the server's audit public key (--key): without it, the "
                            + "newest rows can be removed undetected by anyone who can write the database.",
                    "Exit codes: 0 intact; 1 the check failed before it finished (nothing is known of the trail); 3 the "
                            + "database (not there, no connection) or the audit key could not be read, or the head is "
                            + "signed and there is no key; 5 broken: rows were edited, removed or inserted (each named "
                            + "on stdout)."})
    public static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--db", paramLabel = "JDBC-URL",
                description = "the server's database; default: $QINGLANG_DB_URL, else the embedded one in --data")
        String db;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "qinglang-data",
                description = "the server's data directory; default: ./${DEFAULT-VALUE}")
        Path data;

        @Option(names = "--key", paramLabel = "FILE",
                description = "the server's audit public key, to check the head's signature with; default: "
                        + AuditKey.PUBLIC_FILE + " in --data (also with --db: copy it from the server's data "
                        + "directory)")
        Path key;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Messages say = Messages.of(spec);
            String url = db != null ? db : System.getenv("QINGLANG_DB_URL");
            String user = System.getenv("QINGLANG_DB_USER");
            if (url == null) {
                Path file = data.toAbsolutePath().normalize().resolve("qinglang");
                if (!Files.exists(Path.of(file + ".mv.db"))) {
                    err.println("audit verify: " + say.get("audit.noDatabase", file + ".mv.db"));
                    return Qinglang.IO;
                }
                url = "jdbc:h2:file:" + file + ServeCommand.H2_OPTIONS + ";IFEXISTS=TRUE";
                user = "sa";
            }
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                // only the scheme is echoed: a JDBC URL may carry a password
                err.println("audit verify: " + say.get("db.notJdbc", ServeCommand.schemeOf(url)));
                return Qinglang.USAGE;
            }
            Path keyFile = key != null ? key : data.resolve(AuditKey.PUBLIC_FILE);
            Optional<PublicKey> publicKey = Optional.empty();
            if (key != null && !Files.exists(keyFile)) {
                err.println("audit verify: " + say.get("audit.noKey", keyFile));
                return Qinglang.IO;
            }
            if (Files.exists(keyFile)) {
                try {
                    publicKey = Optional.of(AuditKey.readPublic(keyFile));
                } catch (UncheckedIOException e) {
                    err.println("audit verify: " + e.getMessage() + ": " + e.getCause());
                    return Qinglang.IO;
                } catch (IllegalArgumentException e) {
                    err.println("audit verify: " + e.getMessage());
                    return Qinglang.IO;
                }
            }
            String password = System.getenv("QINGLANG_DB_PASSWORD");
            try (Connection c = DriverManager.getConnection(url,
                    user != null ? user : (url.startsWith("jdbc:h2:") ? "sa" : "postgres"), password != null ? password : "")) {
                c.setReadOnly(true);
                AuditVerifier.Report r = AuditVerifier.verify(c, publicKey);
                for (AuditVerifier.Problem p : r.problems()) {
                    out.println(say.get("audit.row", p.seq(), describe(p, say)));
                }
                if (!r.intact()) {
                    out.println(say.get("audit.broken", r.problems().size(), r.rows()));
                    return Qinglang.BROKEN;
                }
                switch (r.signature()) {
                    case VALID -> out.println(say.get("audit.intactSigned", r.rows(), r.headHash(),
                            AuditKey.keyId(publicKey.orElseThrow())));
                    case UNSIGNED -> {
                        out.println(say.get("audit.intact", r.rows(), r.headHash()));
                        out.println(publicKey.isEmpty() ? say.get("audit.unsignedNoKey", keyFile)
                                : say.get("audit.unsigned"));
                    }
                    default -> {
                        out.println(say.get("audit.chainIntact", r.rows(), r.headHash()));
                        err.println("audit verify: " + say.get("audit.signedNoKey", keyFile, AuditKey.PUBLIC_FILE));
                        return Qinglang.IO;
                    }
                }
                return Qinglang.OK;
            } catch (SQLException e) {
                err.println("audit verify: " + say.get("audit.cannotRead", withoutUrl(e, url)));
                return Qinglang.IO;
            } catch (RuntimeException e) {
                // a driver's or the verifier's own failure: the trail is neither intact nor known to be broken
                // its class only: a driver's message may quote the password of the URL in another spelling
                err.println("audit verify: " + say.get("audit.failed", e.getClass().getName()));
                return Qinglang.FAILED;
            }
        }

        /** The message of {@code e} with {@code url}, which may carry a password, cut to its scheme. */
        private static String withoutUrl(Exception e, String url) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            return why.replace(url, ServeCommand.schemeOf(url) + "…");
        }

        /** What {@code p} found, in words. */
        private static String describe(AuditVerifier.Problem p, Messages say) {
            List<String> details = p.details();
            if (p.kind() == AuditVerifier.Kind.HEAD_MOVED && details.isEmpty()) {
                details = List.of(say.get("audit.problem.noDetails"));
            }
            return say.get("audit.problem." + p.kind().name(), details.toArray());
        }
    }
}
