package org.qinglang.bench;

import org.qinglang.bench.ChnciIncidents.Incident;
import org.qinglang.core.classify.ShippedModel;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.LibraryFile;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.PileOnThresholds;
import org.qinglang.core.verdict.Moderator;
import org.qinglang.core.verdict.Thresholds;
import org.qinglang.core.verdict.Verdict;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-incident timelines of the {@link org.qinglang.core.stream.PileOnMonitor}'s rules on the CHNCI incidents (issue
 * #5), to study its misses and false warnings: for each incident, with the default thresholds, when the score rule
 * and the person-directed rule would first warn, when its busiest hour begins, and the highest person-directed
 * excess share before the peak (cyberbullying) or over the whole incident (the others); with {@code --hours}, one
 * row per clock hour as well (comments, the excess score and the person-directed excess share at the hour's end).
 *
 * <p>The outcome is a real replay ({@link PileOnEvaluation#run}); the rules' times and figures come from a trace with
 * no alert raised ({@link PileOnEvaluation#trace}), where no open alert freezes the baseline, so a rule's time can
 * differ a little from the replay's. Diagnostic only: every reported figure comes from {@link PileOnEvaluation}. Run from the repository root:
 * {@code java -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.PileOnTimelines [--thinned] [--hours]}.
 */
public final class PileOnTimelines {

    private PileOnTimelines() {
    }

    public static void main(String[] args) throws Exception {
        boolean thinned = List.of(args).contains("--thinned");
        boolean hours = List.of(args).contains("--hours");
        List<Incident> incidents = ChnciIncidents.load(DataDir.require());
        if (thinned) {
            incidents = incidents.stream().map(i -> i.thinned(PileOnEvaluation.THIN, PileOnEvaluation.SEED)).toList();
        }
        Moderator moderator = new Moderator(FeatureLibrary.compile(LibraryFile.read(LibraryFile.DEFAULT_NAME).entries()),
                ShippedModel.loadFast(), Thresholds.defaults());
        Map<Event, Verdict> table = new IdentityHashMap<>();
        for (Incident inc : incidents) {
            for (Event e : inc.events()) {
                table.put(e, moderator.check(e.text(), e.context()));
            }
        }
        Function<Event, Verdict> verdicts = table::get;
        PileOnThresholds t = PileOnThresholds.defaults();
        System.out.println("class\tincident\tcomments\tbefore peak\tscore rule (h before peak)\tperson rule (h)\t"
                + "max person excess\toutcome (replay)\tname");
        for (Incident inc : incidents) {
            PileOnEvaluation.Trace tr = PileOnEvaluation.trace(inc, t, verdicts);
            long peak = tr.peak().getEpochSecond();
            long byScore = tr.firstByScore(t.warningScore(), t.minHostileShare());
            long byPerson = tr.firstByPerson(t.personShare());
            double maxPerson = Double.NaN;
            int beforePeak = 0;
            for (int i = 0; i < tr.ts().length; i++) {
                boolean counts = !inc.cyberbullying() || tr.ts()[i] < peak;
                beforePeak += tr.ts()[i] < peak ? 1 : 0;
                if (counts && !Double.isNaN(tr.person()[i]) && !(tr.person()[i] <= maxPerson)) {
                    maxPerson = tr.person()[i];
                }
            }
            PileOnEvaluation.Result r = PileOnEvaluation.run(inc, t, verdicts);
            String outcome = inc.cyberbullying() ? (r.warnedBeforePeak() ? "warned before peak" : "missed")
                    : (r.warned().isPresent() ? "FALSE WARNING" : "quiet");
            System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%s\t%s\t%.3f\t%s\t%s%n",
                    inc.cyberbullying() ? "bullying" : "other", inc.target(), inc.events().size(), beforePeak,
                    lead(byScore, peak), lead(byPerson, peak), maxPerson, outcome, inc.name());
            if (hours) {
                printHours(tr, peak);
            }
        }
    }

    private static String lead(long warned, long peak) {
        return warned == Long.MAX_VALUE ? "never" : String.format(Locale.ROOT, "%.1f", (peak - warned) / 3600.0);
    }

    private static void printHours(PileOnEvaluation.Trace tr, long peak) {
        int n = tr.ts().length;
        int count = 0;
        for (int i = 0; i < n; i++) {
            count++;
            long hour = Math.floorDiv(tr.ts()[i], 3600);
            if (i + 1 == n || Math.floorDiv(tr.ts()[i + 1], 3600) != hour) {
                System.out.printf(Locale.ROOT, "\t\t%s%s\t%d comments\texcess score %.0f\thostile share %.2f"
                                + "\tperson excess %s%n", Instant.ofEpochSecond(hour * 3600),
                        hour * 3600 == peak ? " (peak)" : "", count, tr.excess()[i], tr.share()[i],
                        Double.isNaN(tr.person()[i]) ? "-" : String.format(Locale.ROOT, "%.3f", tr.person()[i]));
                count = 0;
            }
        }
    }
}
