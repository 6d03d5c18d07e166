package org.qinglang.bench;

import org.qinglang.core.classify.AbuseClassifier;
import org.qinglang.core.classify.ModelFile;
import org.qinglang.core.classify.ModelFileException;
import org.qinglang.core.classify.ShippedModel;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.LibraryFile;
import org.qinglang.core.stream.Event;
import org.qinglang.core.verdict.Context;
import org.qinglang.core.verdict.Moderator;
import org.qinglang.core.verdict.Suggestion;
import org.qinglang.core.verdict.Thresholds;

import java.nio.file.Path;
import java.util.List;

/**
 * How much of a platform's ordinary traffic the Moderator holds up: every comment of the 55 CHNCI incidents
 * (real Weibo and Douyin comments, unlabelled one by one) checked with the default library and thresholds and no
 * context, and the shares it passes, sends to review and blocks, for all comments and for those of at most
 * {@value #SHORT} characters. Nothing is known to be abusive here, so this is a review load, not an accuracy.
 *
 * <p>Run from the repository root: {@code java -cp qinglang-bench/target/benchmarks.jar
 * org.qinglang.bench.ModeratorOnChnci [MODEL.qlm …]} (no file: the shipped fast model, as the server uses it).
 */
public final class ModeratorOnChnci {

    /** The longest comment, in code points, counted as short. */
    static final int SHORT = 10;

    private ModeratorOnChnci() {
    }

    public static void main(String[] args) throws ModelFileException {
        List<String> texts = ChnciIncidents.load(DataDir.require()).stream()
                .flatMap(i -> i.events().stream()).map(Event::text).toList();
        FeatureLibrary library = FeatureLibrary.compile(LibraryFile.defaultLibrary().entries());
        if (args.length == 0) {
            report("shipped fast model", new Moderator(library, ShippedModel.loadFast(), Thresholds.defaults()), texts);
        }
        for (String file : args) {
            AbuseClassifier model = ModelFile.load(Path.of(file));
            report(file, new Moderator(library, model, Thresholds.defaults()), texts);
        }
    }

    private static void report(String name, Moderator moderator, List<String> texts) {
        int[] all = new int[Suggestion.values().length];
        int[] small = new int[Suggestion.values().length];
        int shorts = 0;
        for (String t : texts) {
            Suggestion s = moderator.check(t, Context.none()).suggestion();
            all[s.ordinal()]++;
            if (t.codePointCount(0, t.length()) <= SHORT) {
                small[s.ordinal()]++;
                shorts++;
            }
        }
        System.out.printf("%s: %,d comments: pass %.1f %%, review %.1f %%, block %.1f %%; of %,d with at most %d"
                        + " characters: not passed %.1f %%%n", name, texts.size(), share(all, Suggestion.PASS, texts.size()),
                share(all, Suggestion.REVIEW, texts.size()), share(all, Suggestion.BLOCK, texts.size()), shorts, SHORT,
                100 - share(small, Suggestion.PASS, shorts));
    }

    private static double share(int[] counts, Suggestion s, int n) {
        return 100.0 * counts[s.ordinal()] / n;
    }
}
