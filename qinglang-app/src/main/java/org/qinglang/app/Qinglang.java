package org.qinglang.app;

import org.qinglang.app.cli.AuditCommand;
import org.qinglang.app.cli.CheckCommand;
import org.qinglang.app.cli.ClassifyCommand;
import org.qinglang.app.cli.Messages;
import org.qinglang.app.cli.ReplayCommand;
import org.qinglang.app.cli.ScanCommand;
import org.qinglang.app.cli.ServeCommand;
import org.qinglang.app.cli.TrainCommand;
import org.qinglang.app.cli.VariantsCommand;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code bin/qinglang}: the one executable. Exit codes: 0 done; 1 failed; 2 bad usage; 3 a file could
 * not be read or written; 4 done, but some input lines were bad and skipped; 5 done, and what was checked
 * is broken. 1 is a command that could not do its work, whatever the command: a finding is never 1.
 *
 * <p>Its messages are in Chinese unless English is chosen, by {@code --lang en} (before or after the
 * subcommand) or by the environment ({@link Messages}); its help is in both.
 */
@Command(name = "qinglang", mixinStandardHelpOptions = true, version = "qinglang 0.1.0",
        description = {"清朗 Qinglang: an open-source governance engine for internet platforms.",
                "清朗：面向互联网平台的开源治理引擎。"},
        subcommands = {ScanCommand.class, VariantsCommand.class, TrainCommand.class, ClassifyCommand.class,
                CheckCommand.class, ReplayCommand.class, ServeCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed", "2:bad usage", "3:a file could not be read or written",
                "4:done, but some input lines were bad and skipped",
                "5:done, and what was checked is broken (audit verify: the audit trail)"})
public final class Qinglang implements Runnable {

    /** Exit code: done. */
    public static final int OK = 0;
    /** Exit code: something failed. */
    public static final int FAILED = 1;
    /** Exit code: the command line was wrong. */
    public static final int USAGE = 2;
    /** Exit code: a file could not be read or written. */
    public static final int IO = 3;
    /** Exit code: done, but some input lines were bad and skipped. */
    public static final int PARTIAL = 4;
    /**
     * Exit code: done, and what was checked is broken ({@code audit verify}: rows of the audit trail were edited,
     * removed or inserted). Not {@link #FAILED}: a check that could not finish says nothing of the trail.
     */
    public static final int BROKEN = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--lang", paramLabel = "zh|en", scope = ScopeType.INHERIT,
            description = {"language of messages: zh or en; default: $QINGLANG_LANG, else $LC_ALL, $LC_MESSAGES or "
                    + "$LANG (en… is English), else zh", "提示语言：zh 或 en；默认按环境变量，否则中文"})
    Messages.Lang lang;

    private final Map<String, String> env;

    private Qinglang(Map<String, String> env) {
        this.env = env;
    }

    /** The messages in the language chosen on this command line or by its environment. */
    public Messages messages() {
        return Messages.chosen(Optional.ofNullable(lang), env);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code, without exiting. */
    public static int execute(String... args) {
        return execute(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    /**
     * Runs the command line writing to {@code out} and {@code err}, in the process's environment, and returns
     * the exit code.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, System.getenv(), args);
    }

    /**
     * Runs the command line writing to {@code out} and {@code err} as if in the environment {@code env} (which
     * chooses the language of the messages when {@code --lang} is not given), and returns the exit code.
     */
    public static int execute(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        Qinglang root = new Qinglang(env);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println(root.messages().get("unexpected",
                    ex.getMessage() != null ? ex.getMessage() : ex.getClass().getName()));
            return FAILED;
        });
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
