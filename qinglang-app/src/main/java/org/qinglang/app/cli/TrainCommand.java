package org.qinglang.app.cli;

import org.qinglang.app.Qinglang;
import org.qinglang.core.classify.FastTrainer;
import org.qinglang.core.classify.ModelFile;
import org.qinglang.core.classify.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code qinglang train}: trains the abusive-language model on a directory with COLD's layout
 * ({@code train.csv}, {@code dev.csv}), choosing hyper-parameters on dev, and writes a model file. The same
 * data and options give the same model file, byte for byte.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the abusive-language model; hyper-parameters are chosen on dev.csv only.",
                "训练辱骂识别模型；超参数只在 dev.csv 上选择，test.csv 不读。"},
        footer = {"%nThe same data and options give the same model file, byte for byte.",
                "Exit codes: 0 done, 1 failed, 2 bad usage, 3 file not readable or writable."})
public final class TrainCommand implements Callable<Integer> {

    /** What {@code createdBy} says in the model files this command writes. */
    static final String CREATED_BY = "qinglang 0.1.0";

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "directory with train.csv and dev.csv (COLD's format: ,split,topic,label,TEXT)")
    Path data;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "fast",
            description = "fast (accurate is not built yet); default: ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "model file to write (.qlm)")
    Path out;

    @Option(names = "--c", split = ",", paramLabel = "C",
            description = "liblinear C values to try (default: 1,2,4,8,16,32)")
    List<Double> cs;

    @Option(names = "--hash-bits", split = ",", paramLabel = "BITS",
            description = "n-gram hash sizes to try, as powers of two (default: 18,20)")
    List<Integer> hashBits;

    @Option(names = "--library-features", paramLabel = "on|off|both", defaultValue = "both",
            description = "feature-library hits as features: on, off, or try both; default: ${DEFAULT-VALUE}")
    String libraryFeatures;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        String m = mode.toLowerCase(Locale.ROOT);
        if (m.equals("accurate")) {
            err.println("train: --mode accurate is not implemented yet (only fast is); see issue 3");
            return Qinglang.USAGE;
        }
        if (!m.equals("fast")) {
            err.println("train: unknown --mode '" + mode + "': use fast");
            return Qinglang.USAGE;
        }
        List<Boolean> library = switch (libraryFeatures.toLowerCase(Locale.ROOT)) {
            case "on" -> List.of(true);
            case "off" -> List.of(false);
            case "both" -> List.of(false, true);
            default -> null;
        };
        if (library == null) {
            err.println("train: --library-features must be on, off or both, was '" + libraryFeatures + "'");
            return Qinglang.USAGE;
        }
        FastTrainer.Grid standard = FastTrainer.Grid.standard();
        FastTrainer.Grid grid;
        try {
            grid = new FastTrainer.Grid(hashBits == null ? standard.hashBits() : hashBits, library,
                    cs == null ? standard.cs() : cs, standard.maxN());
            for (int b : grid.hashBits()) {
                if (b < 10 || b > 24) {
                    throw new IllegalArgumentException("--hash-bits must be in [10, 24], was " + b);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("train: " + e.getMessage());
            return Qinglang.USAGE;
        }

        TrainingData d;
        try {
            d = TrainingData.read(data);
        } catch (IOException e) {
            err.println("train: cannot read the data: " + e.getMessage());
            return Qinglang.IO;
        }
        Progress progress = new Progress(err, System.console() != null);
        progress.draw(0, grid.size(), "extracting features of " + d.train().size() + " texts");
        FastTrainer.Result result;
        try {
            result = FastTrainer.train(d.train(), d.dev(), grid, d.sha256(), CREATED_BY,
                    (done, total, t) -> progress.draw(done, total, String.format(Locale.ROOT,
                            "bits %d, library %s, C %s: dev accuracy %.2f %%", t.hashBits(),
                            t.library() ? "on" : "off", t.c(), 100 * t.dev().accuracy())));
        } catch (IllegalArgumentException e) {
            progress.done();
            err.println("train: " + e.getMessage());
            return Qinglang.FAILED;
        }
        progress.done();
        try {
            ModelFile.write(result.model(), out);
        } catch (IOException e) {
            err.println("train: cannot write " + out + ": " + e.getMessage());
            return Qinglang.IO;
        }
        stdout.printf(Locale.ROOT, "trained on %d texts, chose on %d dev texts (data sha256 %s)%n",
                d.train().size(), d.dev().size(), d.sha256());
        stdout.println("bits  library  C        threshold  dev accuracy  dev macro-F1");
        for (FastTrainer.Trial t : result.trials()) {
            stdout.printf(Locale.ROOT, "%-5d %-8s %-8s %-10.3f %6.2f %%      %6.2f %%%s%n", t.hashBits(),
                    t.library() ? "on" : "off", t.c(), t.threshold(), 100 * t.dev().accuracy(),
                    100 * t.dev().macroF1(), t == result.chosen() ? "   <- chosen" : "");
        }
        long size;
        try {
            size = Files.size(out);
        } catch (IOException e) {
            size = -1;
        }
        stdout.printf(Locale.ROOT, "wrote %s (%d bytes)%n", out, size);
        stdout.flush();
        return Qinglang.OK;
    }

    /** A one-line progress bar on stderr, drawn only when a person watches a terminal. */
    private static final class Progress {
        private final PrintWriter err;
        private final boolean on;

        Progress(PrintWriter err, boolean on) {
            this.err = err;
            this.on = on;
        }

        void draw(int done, int total, String what) {
            if (!on) {
                return;
            }
            int filled = total == 0 ? 0 : done * 20 / total;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + done + "/" + total + "  "
                    + what + "\033[K");
            err.flush();
        }

        void done() {
            if (on) {
                err.println();
            }
        }
    }
}
