package org.qinglang.app;

import org.qinglang.app.cli.AuditCommand;
import org.qinglang.app.cli.CheckCommand;
import org.qinglang.app.cli.ClassifyCommand;
import org.qinglang.app.cli.ScanCommand;
import org.qinglang.app.cli.ServeCommand;
import org.qinglang.app.cli.TrainCommand;
import org.qinglang.app.cli.VariantsCommand;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/**
 * {@code bin/qinglang}: the one executable. Exit codes: 0 done; 1 failed; 2 bad usage; 3 a file could
 * not be read or written; 4 done, but some input lines were bad and skipped.
 */
@Command(name = "qinglang", mixinStandardHelpOptions = true, version = "qinglang 0.1.0",
        description = {"清朗 Qinglang: an open-source governance engine for internet platforms.",
                "清朗：面向互联网平台的开源治理引擎。"},
        subcommands = {ScanCommand.class, VariantsCommand.class, TrainCommand.class, ClassifyCommand.class,
                CheckCommand.class, ServeCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed", "2:bad usage", "3:a file could not be read or written",
                "4:done, but some input lines were bad and skipped"})
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code, without exiting. */
    public static int execute(String... args) {
        return execute(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    /** Runs the command line writing to {@code out} and {@code err}, and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Qinglang());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("qinglang: " + ex.getMessage());
            return FAILED;
        });
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
