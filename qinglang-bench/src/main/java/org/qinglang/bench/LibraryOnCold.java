package org.qinglang.bench;

import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.LibraryFile;

import java.nio.file.Path;
import java.util.List;

/**
 * The feature library alone as a classifier of COLD test: a comment is called offensive when the shipped
 * default library has any hit in it, on any channel. Nothing is tuned; the figure says how much of COLD's
 * offensiveness a word list can see at all (COLD's offensive comments are mostly implicit).
 *
 * <p>Run: {@code java -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.LibraryOnCold} from the
 * repository root.
 */
public final class LibraryOnCold {

    private LibraryOnCold() {
    }

    public static void main(String[] args) {
        Path data = DataDir.require();
        FeatureLibrary library = FeatureLibrary.compile(LibraryFile.defaultLibrary().entries());
        List<ColdComment> test = ColdComment.read(DataDir.file(data, "cold/test.csv"));
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (ColdComment c : test) {
            boolean hit = !library.scan(c.text()).isEmpty();
            boolean offensive = !c.innocent();
            if (hit && offensive) {
                tp++;
            } else if (hit) {
                fp++;
            } else if (offensive) {
                fn++;
            } else {
                tn++;
            }
        }
        double accuracy = (tp + tn) / (double) test.size();
        double f1Offensive = f1(tp, fp, fn);
        double f1Innocent = f1(tn, fn, fp);
        System.out.printf("COLD test, %,d comments: feature library alone (any hit = offensive)%n", test.size());
        System.out.printf("accuracy %.2f %%, macro-F1 %.2f (F1 offensive %.2f, innocent %.2f); TP %d FP %d TN %d FN %d%n",
                100 * accuracy, 50 * (f1Offensive + f1Innocent), 100 * f1Offensive, 100 * f1Innocent, tp, fp, tn, fn);
    }

    private static double f1(int tp, int fp, int fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
