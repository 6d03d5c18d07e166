package org.qinglang.app.cli;

import org.qinglang.app.Qinglang;
import org.qinglang.core.classify.AccurateModel;
import org.qinglang.core.classify.AccurateTrainer;
import org.qinglang.core.classify.FastModel;
import org.qinglang.core.classify.FastTrainer;
import org.qinglang.core.classify.ModelFile;
import org.qinglang.core.classify.SentenceEncoder;
import org.qinglang.core.classify.ShippedModel;
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
import java.util.Optional;
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
            description = "fast or accurate (adds the bge-small-zh sentence encoder); default: ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "model file to write (.qlm)")
    Path out;

    @Option(names = "--c", split = ",", paramLabel = "C",
            description = "liblinear C values to try (default: fast 2,4,8,16,32; accurate 0.25,0.5,1,2,4,8,16,32)")
    List<Double> cs;

    @Option(names = "--hash-bits", split = ",", paramLabel = "BITS",
            description = "fast: n-gram hash sizes to try, as powers of two (default: 20,22)")
    List<Integer> hashBits;

    @Option(names = "--library-features", paramLabel = "on|off|both", defaultValue = "both",
            description = "fast: feature-library hits as features: on, off, or try both; default: ${DEFAULT-VALUE}")
    String libraryFeatures;

    @Option(names = "--combination", paramLabel = "score|fm|standard|features|both", defaultValue = "standard",
            description = "accurate: stack the fast score on the sentence vector by logistic regression (score) or"
                    + " by a factorization machine (fm), try those two (standard), train one model over both"
                    + " feature sets (features), or try score and features (both); default: ${DEFAULT-VALUE}")
    String combination;

    @Option(names = "--epochs", split = ",", paramLabel = "N",
            description = "accurate, fm: passes over the training texts to try (default: 3,6)")
    List<Integer> epochs;

    @Option(names = "--scale", split = ",", paramLabel = "S",
            description = "accurate, features: factors on the sentence vector to try (default: 1,2,4)")
    List<Double> scales;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "accurate: where sentence vectors are kept between runs (default: the temporary"
                    + " directory's qinglang-embedding-cache; never inside the repository)")
    Path cache;

    @Option(names = "--final",
            description = "accurate: after choosing on dev.csv, train the chosen model again on train.csv and dev.csv"
                    + " together; its threshold and the dev figures printed stay those of the model trained on"
                    + " train.csv alone (在训练集与验证集上重训选定的模型)")
    boolean trainAndDev;

    @Option(names = "--shortcut-tolerance", paramLabel = "SHARE",
            description = "accurate: the share of dev texts whose label the shortcut (skipping the encoder where the"
                    + " fast margin settles the label) may change, in [0, 1); more skips the encoder more often"
                    + " (default: 0, no dev label changes)")
    Double shortcutTolerance;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Messages say = Messages.of(spec);
        String m = mode.toLowerCase(Locale.ROOT);
        if (m.equals("accurate")) {
            // ONNX Runtime's wrapper logs through SLF4J, which has no binding outside `serve`: keep it quiet
            System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
            return trainAccurate(err, stdout, say);
        }
        if (!m.equals("fast")) {
            err.println("train: " + say.get("usage.unknownMode", mode));
            return Qinglang.USAGE;
        }
        if (trainAndDev) {
            err.println("train: " + say.get("train.finalIsForAccurate"));
            return Qinglang.USAGE;
        }
        if (shortcutTolerance != null) {
            err.println("train: " + say.get("train.toleranceIsForAccurate"));
            return Qinglang.USAGE;
        }
        List<Boolean> library = switch (libraryFeatures.toLowerCase(Locale.ROOT)) {
            case "on" -> List.of(true);
            case "off" -> List.of(false);
            case "both" -> List.of(false, true);
            default -> null;
        };
        if (library == null) {
            err.println("train: " + say.get("train.badLibraryFeatures", libraryFeatures));
            return Qinglang.USAGE;
        }
        FastTrainer.Grid standard = FastTrainer.Grid.standard();
        FastTrainer.Grid grid;
        try {
            grid = new FastTrainer.Grid(hashBits == null ? standard.hashBits() : hashBits, library,
                    cs == null ? standard.cs() : cs, standard.maxN());
        } catch (IllegalArgumentException e) {
            err.println("train: " + e.getMessage());
            return Qinglang.USAGE;
        }
        for (int b : grid.hashBits()) {
            if (b < 10 || b > 24) {
                err.println("train: " + say.get("train.badHashBits", b));
                return Qinglang.USAGE;
            }
        }

        TrainingData d = readData(err, say);
        if (d == null) {
            return Qinglang.IO;
        }
        Progress progress = new Progress(err, System.console() != null);
        progress.draw(0, grid.size(), say.get("train.extracting", d.train().size()));
        FastTrainer.Result result;
        try {
            result = FastTrainer.train(d.train(), d.dev(), grid, d.sha256(), CREATED_BY,
                    (done, total, t) -> progress.draw(done, total, say.get("train.fastTrial", t.hashBits(),
                            say.get(t.library() ? "train.on" : "train.off"), t.c(), percent(t.dev().accuracy()))));
        } catch (IllegalArgumentException e) {
            progress.done();
            err.println("train: " + e.getMessage());
            return Qinglang.FAILED;
        }
        progress.done();
        try {
            ModelFile.write(result.model(), out);
        } catch (IOException e) {
            err.println("train: " + say.get("file.cannotWrite", out, e.getMessage()));
            return Qinglang.IO;
        }
        stdout.println(say.get("train.trained", d.train().size(), d.dev().size(), d.sha256()));
        stdout.println(say.get("train.fastHeading"));
        for (FastTrainer.Trial t : result.trials()) {
            // on, off and the marker in their language: a Chinese 开 or 关 is as wide as two letters
            stdout.printf(Locale.ROOT, "%-5d %s %-8s %-10.3f %6.2f %%      %6.2f %%%s%n", t.hashBits(),
                    padded(say.get(t.library() ? "train.on" : "train.off"), 8), t.c(), t.threshold(),
                    100 * t.dev().accuracy(), 100 * t.dev().macroF1(),
                    t == result.chosen() ? "   " + say.get("train.chosen") : "");
        }
        long size;
        try {
            size = Files.size(out);
        } catch (IOException e) {
            size = -1;
        }
        if (trainAndDev) {
            stdout.println(say.get("train.trainedOnBoth", d.train().size() + d.dev().size(),
                    String.format(Locale.ROOT, "%.3f", result.chosen().threshold())));
        }
        stdout.println(say.get("train.wrote", out, size));
        stdout.flush();
        return Qinglang.OK;
    }

    private int trainAccurate(PrintWriter err, PrintWriter stdout, Messages say) {
        List<AccurateModel.Combination> combinations = switch (combination.toLowerCase(Locale.ROOT)) {
            case "score" -> List.of(AccurateModel.Combination.SCORE);
            case "fm" -> List.of(AccurateModel.Combination.FM);
            case "standard" -> List.of(AccurateModel.Combination.SCORE, AccurateModel.Combination.FM);
            case "features" -> List.of(AccurateModel.Combination.FEATURES);
            case "both" -> List.of(AccurateModel.Combination.SCORE, AccurateModel.Combination.FEATURES);
            default -> null;
        };
        if (combinations == null) {
            err.println("train: " + say.get("train.badCombination", combination));
            return Qinglang.USAGE;
        }
        double tolerance = shortcutTolerance == null ? 0 : shortcutTolerance;
        if (!(tolerance >= 0 && tolerance < 1)) {
            err.println("train: " + say.get("train.badTolerance", shortcutTolerance));
            return Qinglang.USAGE;
        }
        if (hashBits != null || !libraryFeatures.equalsIgnoreCase("both")) {
            err.println("train: " + say.get("train.fastOnlyOptions"));
            return Qinglang.USAGE;
        }
        AccurateTrainer.Grid standard = AccurateTrainer.Grid.both();
        AccurateTrainer.Grid grid;
        try {
            grid = new AccurateTrainer.Grid(combinations, cs == null ? standard.cs() : cs,
                    scales == null ? standard.scales() : scales, epochs == null ? standard.epochs() : epochs);
        } catch (IllegalArgumentException e) {
            err.println("train: " + e.getMessage());
            return Qinglang.USAGE;
        }
        TrainingData d = readData(err, say);
        if (d == null) {
            return Qinglang.IO;
        }
        FastModel fast = ShippedModel.fast();
        Path cacheDir = cache != null ? cache
                : Path.of(System.getProperty("java.io.tmpdir"), "qinglang-embedding-cache");
        Progress progress = new Progress(err, System.console() != null);
        AccurateTrainer.Result result;
        AccurateModel model;
        try {
            result = AccurateTrainer.train(d.train(), d.dev(), fast.features(), fast.about().c(), grid,
                    SentenceEncoder.shared(), Optional.of(cacheDir), d.sha256(), CREATED_BY,
                    trainAndDev ? AccurateTrainer.Fit.TRAIN_AND_DEV : AccurateTrainer.Fit.TRAIN,
                    (stage, done, total, t) -> progress.draw(done, total, t.map(x -> say.get("train.accurateTrial",
                            x.combination().id(), x.c(), x.scale(), percent(x.dev().accuracy()))).orElse(stage)));
            model = tolerance == 0 ? result.model() : AccurateTrainer.withShortcut(result.model(), d.train(), d.dev(),
                    SentenceEncoder.shared(), Optional.of(cacheDir), tolerance,
                    (stage, done, total, t) -> progress.draw(done, total, stage));
        } catch (IllegalArgumentException e) {
            progress.done();
            err.println("train: " + e.getMessage());
            return Qinglang.FAILED;
        } catch (IOException e) {
            progress.done();
            err.println("train: " + say.get("train.cannotUseCache", cacheDir, e.getMessage()));
            return Qinglang.IO;
        }
        progress.done();
        try {
            ModelFile.write(model, out);
        } catch (IOException e) {
            err.println("train: " + say.get("file.cannotWrite", out, e.getMessage()));
            return Qinglang.IO;
        }
        stdout.println(say.get("train.trained", d.train().size(), d.dev().size(), d.sha256()));
        stdout.println(say.get("train.ngramPart", fast.features(), fast.about().c(), SentenceEncoder.ID));
        stdout.println(say.get("train.accurateHeading"));
        for (AccurateTrainer.Trial t : result.trials()) {
            stdout.printf(Locale.ROOT, "%-12s %-8s %-6s %-10.3f %6.2f %%      %6.2f %%%s%n", t.combination().id(),
                    t.c(), t.scale(), t.threshold(), 100 * t.dev().accuracy(), 100 * t.dev().macroF1(),
                    t == result.chosen() ? "   " + say.get("train.chosen") : "");
        }
        long size;
        try {
            size = Files.size(out);
        } catch (IOException e) {
            size = -1;
        }
        if (trainAndDev) {
            stdout.println(say.get("train.trainedOnBoth", d.train().size() + d.dev().size(),
                    String.format(Locale.ROOT, "%.3f", result.chosen().threshold())));
        }
        AccurateModel.Shortcut s = model.shortcut();
        if (s.isNone()) {
            stdout.println(say.get("train.noShortcut"));
        } else {
            stdout.println(say.get("train.shortcut", String.format(Locale.ROOT, "%.2f", s.low()),
                    String.format(Locale.ROOT, "%.2f", s.high()),
                    d.dev().stream().filter(t -> model.skipsEncoder(t.text())).count(), d.dev().size()));
        }
        stdout.println(say.get("train.wrote", out, size));
        stdout.flush();
        return Qinglang.OK;
    }

    /** The training data under --data, or null after saying on stderr why it cannot be read. */
    private TrainingData readData(PrintWriter err, Messages say) {
        try {
            return TrainingData.read(data);
        } catch (IOException e) {
            err.println("train: " + say.get("train.cannotReadData", e.getMessage()));
            return null;
        }
    }

    /** A share in [0, 1] as a percentage with two decimals ("91.84"). */
    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f", 100 * share);
    }

    /**
     * {@code text} followed by spaces to {@code columns} terminal columns, a Chinese character counting two
     * ({@code %-8s} counts characters, and would leave a Chinese column short).
     */
    private static String padded(String text, int columns) {
        int width = text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1)
                .sum();
        return text + " ".repeat(Math.max(0, columns - width));
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
