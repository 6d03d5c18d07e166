package org.qinglang.bench;

import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.LibraryFile;
import org.qinglang.core.classify.ShippedModel;
import org.qinglang.core.verdict.Context;
import org.qinglang.core.verdict.Moderator;
import org.qinglang.core.verdict.Suggestion;
import org.qinglang.core.verdict.Thresholds;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * COLD test (or, given {@code dev}, COLD dev) seen by the parts of issue 3 that have no figure of their own in
 * {@code classify --eval}:
 * <ul>
 *   <li>the feature library alone: a comment is offensive when the shipped default library has any hit in
 *       it, on any channel (COLD's offensive comments are mostly implicit, so this says how much a word
 *       list can see at all);</li>
 *   <li>the Moderator (default library, shipped fast and accurate models, default thresholds, no context):
 *       a comment is offensive when the suggestion is review or block.</li>
 * </ul>
 * Nothing is tuned here. Dev is where a change to the Moderator's default thresholds would be judged.
 *
 * <p>Run: {@code java -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.LibraryOnCold [dev|test]} from
 * the repository root (default: test).
 */
public final class LibraryOnCold {

    private LibraryOnCold() {
    }

    public static void main(String[] args) {
        String split = args.length == 0 ? "test" : args[0];
        if (!split.equals("test") && !split.equals("dev")) {
            System.err.println("usage: LibraryOnCold [dev|test]");
            System.exit(2);
        }
        Path data = DataDir.require();
        FeatureLibrary library = FeatureLibrary.compile(LibraryFile.defaultLibrary().entries());
        List<ColdComment> comments = ColdComment.read(DataDir.file(data, "cold/" + split + ".csv"));
        System.out.printf("COLD %s, %,d comments%n", split, comments.size());
        report("feature library alone (any hit = offensive)", comments, text -> !library.scan(text).isEmpty());
        Moderator fast = new Moderator(library, ShippedModel.fast(), Thresholds.defaults());
        report("Moderator, fast model (review or block = offensive)", comments,
                text -> fast.check(text, Context.none()).suggestion() != Suggestion.PASS);
        Moderator accurate = new Moderator(library, ShippedModel.accurate(), Thresholds.defaults());
        report("Moderator, accurate model (review or block = offensive)", comments,
                text -> accurate.check(text, Context.none()).suggestion() != Suggestion.PASS);
    }

    private static void report(String what, List<ColdComment> comments, Predicate<String> offensive) {
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (ColdComment c : comments) {
            boolean said = offensive.test(c.text());
            boolean truth = !c.innocent();
            if (said && truth) {
                tp++;
            } else if (said) {
                fp++;
            } else if (truth) {
                fn++;
            } else {
                tn++;
            }
        }
        double accuracy = (tp + tn) / (double) comments.size();
        double f1Offensive = f1(tp, fp, fn);
        double f1Innocent = f1(tn, fn, fp);
        System.out.printf("%s: accuracy %.2f %%, macro-F1 %.2f (F1 offensive %.2f, innocent %.2f); "
                        + "TP %d FP %d TN %d FN %d%n", what, 100 * accuracy, 50 * (f1Offensive + f1Innocent),
                100 * f1Offensive, 100 * f1Innocent, tp, fp, tn, fn);
    }

    private static double f1(int tp, int fp, int fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
