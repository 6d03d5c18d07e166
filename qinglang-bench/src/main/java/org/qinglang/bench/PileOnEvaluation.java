package org.qinglang.bench;

import org.qinglang.bench.ChnciIncidents.Incident;
import org.qinglang.core.classify.ShippedModel;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.LibraryFile;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.PileOnMonitor;
import org.qinglang.core.stream.PileOnThresholds;
import org.qinglang.core.stream.StreamRuntime;
import org.qinglang.core.verdict.Moderator;
import org.qinglang.core.verdict.RiskLevel;
import org.qinglang.core.verdict.Suggestion;
import org.qinglang.core.verdict.Thresholds;
import org.qinglang.core.verdict.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * Cyberviolence early warning on the 55 CHNCI incidents (issue #5): does the {@link PileOnMonitor} warn
 * (level ≥ 预警 warning) on the cyberbullying incidents before their busiest hour, how early, and how often
 * does it warn on the others?
 *
 * <p>Each incident's comments are replayed in file order through the monitor in the in-process
 * {@link StreamRuntime}, all on one target, with the Moderator's verdicts (shipped feature library, fast
 * model, scene comment, no relation or age: CHNCI has none) computed once per comment. The busiest hour is
 * the clock hour with the most comments (the earliest of equals); an incident is <em>warned before its
 * peak</em> if a warning is raised at a time before that hour begins, and the lead time is the difference.
 *
 * <p>Rows: the monitor with its defaults; a volume-only baseline (every comment counts, warn at N comments
 * in the window, N tuned in-sample, which flatters the baseline); the same two on every incident thinned at
 * random (seed {@value #SEED}, time order kept) to {@value #THIN} comments; and {@value #FOLDS}-fold
 * cross-validated figures (stratified folds, seed {@value #SEED}: thresholds tuned on four fifths by the
 * share warned before the peak minus the share of false warnings, scored on the held-out fifth), for the
 * monitor and the baseline, on full and thinned incidents.
 *
 * <p>Run from the repository root: {@code java -cp qinglang-bench/target/benchmarks.jar
 * org.qinglang.bench.PileOnEvaluation} (add {@code --tune} to print the in-sample best settings of the grid).
 */
public final class PileOnEvaluation {

    /** The seed of the thinning and of the folds. */
    public static final long SEED = 20_261_201L;
    /** Comments per incident after thinning. */
    public static final int THIN = 800;
    /** Folds of the cross-validation. */
    public static final int FOLDS = 5;

    private static final Verdict REVIEW = new Verdict(Suggestion.REVIEW, RiskLevel.MEDIUM, List.of(), true);

    private PileOnEvaluation() {
    }

    /** The outcome on one incident: when it was first warned about (if ever) and when its peak hour began. */
    public record Result(Incident incident, Optional<Instant> warned, Instant peak) {
        boolean warnedBeforePeak() {
            return warned.isPresent() && warned.get().isBefore(peak);
        }

        double leadHours() {
            return Duration.between(warned.orElseThrow(), peak).toMinutes() / 60.0;
        }
    }

    /** The figures over a set of results. */
    public record Summary(int bullying, int warnedBeforePeak, double medianLeadHours, int others, int falseWarnings) {
        double hitRate() {
            return bullying == 0 ? 0 : warnedBeforePeak / (double) bullying;
        }

        double falseRate() {
            return others == 0 ? 0 : falseWarnings / (double) others;
        }

        /** Hit rate minus false rate: what tuning maximises. */
        double j() {
            return hitRate() - falseRate();
        }

        String row(String name) {
            return String.format(Locale.ROOT, "| %s | %d/%d = %.0f %% | %.1f h | %d/%d = %.0f %% |", name,
                    warnedBeforePeak, bullying, 100 * hitRate(), medianLeadHours, falseWarnings, others,
                    100 * falseRate());
        }
    }

    /** The start of the busiest clock hour (the earliest of equals). */
    public static Instant peakHour(Incident inc) {
        Map<Long, Integer> perHour = new java.util.HashMap<>();
        for (Event e : inc.events()) {
            perHour.merge(Math.floorDiv(e.ts().getEpochSecond(), 3600), 1, Integer::sum);
        }
        long best = perHour.entrySet().stream()
                .max(Comparator.<Map.Entry<Long, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
        return Instant.ofEpochSecond(best * 3600);
    }

    /** Replays one incident until the first warning (or its end). */
    public static Result run(Incident inc, PileOnThresholds t, Function<Event, Verdict> verdicts) {
        StreamRuntime<PileOnMonitor.TargetState> rt = new StreamRuntime<>(new PileOnMonitor(t, verdicts),
                Duration.ofDays(2));
        for (Event e : inc.events()) {
            for (Alert a : rt.accept(e)) {
                if (a.level().compareTo(Alert.Level.WARNING) >= 0) {
                    return new Result(inc, Optional.of(a.ts()), peakHour(inc));
                }
            }
        }
        return new Result(inc, Optional.empty(), peakHour(inc));
    }

    /** The figures of {@code t} on {@code incidents}. */
    public static Summary score(List<Incident> incidents, PileOnThresholds t, Function<Event, Verdict> verdicts) {
        List<Result> results = new ArrayList<>();
        for (Incident inc : incidents) {
            results.add(run(inc, t, verdicts));
        }
        return summarise(results);
    }

    static Summary summarise(List<Result> results) {
        int bullying = 0;
        int hits = 0;
        int others = 0;
        int falseWarnings = 0;
        List<Double> leads = new ArrayList<>();
        for (Result r : results) {
            if (r.incident().cyberbullying()) {
                bullying++;
                if (r.warnedBeforePeak()) {
                    hits++;
                    leads.add(r.leadHours());
                }
            } else {
                others++;
                if (r.warned().isPresent()) {
                    falseWarnings++;
                }
            }
        }
        Collections.sort(leads);
        double median = leads.isEmpty() ? 0 : leads.size() % 2 == 1 ? leads.get(leads.size() / 2)
                : (leads.get(leads.size() / 2 - 1) + leads.get(leads.size() / 2)) / 2;
        return new Summary(bullying, hits, median, others, falseWarnings);
    }

    /** The settings of the grid with the best J on {@code incidents} (then the higher hit rate, then the earlier). */
    static PileOnThresholds tune(List<Incident> incidents, List<PileOnThresholds> grid,
                                 Function<Event, Verdict> verdicts) {
        PileOnThresholds best = null;
        Summary bestS = null;
        for (PileOnThresholds t : grid) {
            Summary s = score(incidents, t, verdicts);
            if (bestS == null || s.j() > bestS.j() + 1e-9
                    || Math.abs(s.j() - bestS.j()) < 1e-9 && (s.hitRate() > bestS.hitRate() + 1e-9
                    || Math.abs(s.hitRate() - bestS.hitRate()) < 1e-9 && s.medianLeadHours() > bestS.medianLeadHours())) {
                best = t;
                bestS = s;
            }
        }
        return best;
    }

    /** Held-out figures of tuning on the other folds, over all folds together; the settings chosen per fold. */
    static Summary crossValidate(List<Incident> incidents, List<PileOnThresholds> grid,
                                 Function<Event, Verdict> verdicts, List<PileOnThresholds> chosen) {
        List<List<Incident>> folds = folds(incidents);
        List<Result> heldOut = new ArrayList<>();
        for (int k = 0; k < FOLDS; k++) {
            List<Incident> train = new ArrayList<>();
            for (int j = 0; j < FOLDS; j++) {
                if (j != k) {
                    train.addAll(folds.get(j));
                }
            }
            PileOnThresholds t = tune(train, grid, verdicts);
            chosen.add(t);
            for (Incident inc : folds.get(k)) {
                heldOut.add(run(inc, t, verdicts));
            }
        }
        return summarise(heldOut);
    }

    /** Stratified folds: each class shuffled with {@link #SEED} and dealt round-robin. */
    static List<List<Incident>> folds(List<Incident> incidents) {
        List<List<Incident>> folds = new ArrayList<>();
        for (int k = 0; k < FOLDS; k++) {
            folds.add(new ArrayList<>());
        }
        int next = 0;
        for (boolean cls : new boolean[] {true, false}) {
            List<Incident> members = new ArrayList<>(incidents.stream().filter(i -> i.cyberbullying() == cls).toList());
            Collections.shuffle(members, new Random(SEED));
            for (Incident inc : members) {
                folds.get(next++ % FOLDS).add(inc);
            }
        }
        return folds;
    }

    /** The monitor's tuning grid around the defaults. */
    static List<PileOnThresholds> monitorGrid() {
        List<PileOnThresholds> grid = new ArrayList<>();
        for (String window : List.of("1h", "3h", "6h")) {
            for (String warn : List.of("20", "30", "40", "60", "80", "100", "130", "160")) {
                for (String share : List.of("0", "0.2", "0.25", "0.3")) {
                    for (String dup : List.of("0", "1", "2")) {
                        for (String severe : List.of("0", "1")) {
                            PileOnThresholds t = PileOnThresholds.defaults().with("window", window)
                                    .with("duplicateWeight", dup).with("severeWeight", severe)
                                    .with("minHostileShare", share);
                            double w = Double.parseDouble(warn);
                            t = t.with("severeScore", "" + Math.max(w, t.severeScore()))
                                    .with("watchScore", "" + Math.min(w, t.watchScore()))
                                    .with("warningScore", warn);
                            grid.add(t);
                        }
                    }
                }
            }
        }
        return grid;
    }

    /** The volume-only baseline: every comment counts 1 (nothing else does), warn at N in the window. */
    static PileOnThresholds volumeOnly(int n) {
        PileOnThresholds t = PileOnThresholds.defaults().with("duplicateWeight", "0").with("severeWeight", "0")
                .with("strangerWeight", "0").with("newAccountWeight", "0").with("minHostileShare", "0");
        return t.with("severeScore", "" + Math.max(n, t.severeScore())).with("watchScore", "" + Math.min(n,
                t.watchScore())).with("warningScore", "" + n);
    }

    static List<PileOnThresholds> volumeGrid() {
        List<PileOnThresholds> grid = new ArrayList<>();
        for (int n : new int[] {40, 60, 80, 100, 130, 160, 200, 250, 300, 400, 500, 700}) {
            grid.add(volumeOnly(n));
        }
        return grid;
    }

    public static void main(String[] args) throws Exception {
        boolean tuneOnly = List.of(args).contains("--tune");
        long t0 = System.nanoTime();
        List<Incident> full = ChnciIncidents.load(DataDir.require());
        Moderator moderator = new Moderator(FeatureLibrary.compile(LibraryFile.read(LibraryFile.DEFAULT_NAME).entries()),
                ShippedModel.loadFast(), Thresholds.defaults());
        Map<Event, Verdict> table = new IdentityHashMap<>();
        for (Incident inc : full) {
            for (Event e : inc.events()) {
                table.put(e, moderator.check(e.text(), e.context()));
            }
        }
        Function<Event, Verdict> verdicts = table::get;
        Function<Event, Verdict> everyComment = e -> REVIEW;
        List<Incident> thin = full.stream().map(i -> i.thinned(THIN, SEED)).toList();
        System.err.printf(Locale.ROOT, "%d incidents, %d comments, verdicts in %.1f s%n", full.size(), table.size(),
                (System.nanoTime() - t0) / 1e9);

        if (tuneOnly) {
            PileOnThresholds best = tune(full, monitorGrid(), verdicts);
            System.out.println("in-sample best: " + best.asMap());
            System.out.println(score(full, best, verdicts).row("best"));
            return;
        }
        PileOnThresholds defaults = PileOnThresholds.defaults();
        PileOnThresholds volumeFull = tune(full, volumeGrid(), everyComment);
        PileOnThresholds volumeThin = tune(thin, volumeGrid(), everyComment);
        System.out.println("| setting | cyberbullying warned before the busiest hour | median lead | others warned |");
        System.out.println("|---|---|---|---|");
        System.out.println(score(full, defaults, verdicts).row("monitor, defaults (in-sample), full incidents"));
        System.out.println(score(full, volumeFull, everyComment).row("volume only, N = "
                + (int) volumeFull.warningScore() + " (tuned in-sample), full"));
        System.out.println(score(thin, defaults, verdicts).row("monitor, defaults, thinned to " + THIN));
        System.out.println(score(thin, volumeThin, everyComment).row("volume only, N = "
                + (int) volumeThin.warningScore() + " (tuned in-sample on thinned), thinned to " + THIN));
        List<PileOnThresholds> chosen = new ArrayList<>();
        System.out.println(crossValidate(full, monitorGrid(), verdicts, chosen).row("monitor, " + FOLDS
                + "-fold cross-validated, full"));
        System.err.println("chosen per fold (full): " + chosen.stream().map(PileOnEvaluation::brief).toList());
        System.out.println(crossValidate(full, volumeGrid(), everyComment, new ArrayList<>()).row("volume only, "
                + FOLDS + "-fold cross-validated, full"));
        chosen.clear();
        System.out.println(crossValidate(thin, monitorGrid(), verdicts, chosen).row("monitor, " + FOLDS
                + "-fold cross-validated, thinned to " + THIN));
        System.err.println("chosen per fold (thinned): " + chosen.stream().map(PileOnEvaluation::brief).toList());
        System.out.println(crossValidate(thin, volumeGrid(), everyComment, new ArrayList<>()).row("volume only, "
                + FOLDS + "-fold cross-validated, thinned to " + THIN));
        System.err.printf(Locale.ROOT, "done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String brief(PileOnThresholds t) {
        return "window " + t.asMap().get("window") + " warning " + t.asMap().get("warningScore") + " share "
                + t.minHostileShare() + " dup " + t.duplicateWeight() + " severe " + t.severeWeight();
    }
}
