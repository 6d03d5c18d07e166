package org.qinglang.bench.coord;

import org.qinglang.bench.DataDir;
import org.qinglang.core.coord.CoordinationAnalyzer;
import org.qinglang.core.coord.CoordinationFinding;
import org.qinglang.core.coord.DenseBlock;
import org.qinglang.core.coord.DenseBlocks;
import org.qinglang.core.coord.FindingKind;
import org.qinglang.core.coord.Fraudar;
import org.qinglang.core.stream.Alert;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Issue #6 quality: each attack shape injected into the same real-text background ({@link CoordinationTraffic}),
 * account-level precision, recall and F1 of every finding of {@link CoordinationAnalyzer#DEFAULTS} (the union
 * of the members of all findings, sanctioned accounts left out since the platform knows them) against plain
 * FRAUDAR (the densest block of the account × target graph, with the paper's column weighting: its rows).
 * Two precisions for ours: strict (every flagged account that was not injected counts against us) and
 * beyond background (accounts also flagged on the same seed's background alone are left out: the background
 * is identical across shapes for one seed, and its own flagged groups are reported in the {@code none} row).
 * Prints a Markdown table.
 *
 * <pre>java -Dqinglang.data=../shared/data -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.coord.CoordinationEval [seed ...]</pre>
 *
 * <p>{@code -Dcoord.verbose=true} lists every finding; {@code -Dcoord.shapes=copy_paste,returning} runs only
 * those shapes (the {@code none} row always runs: it is what "beyond background" is measured against).
 */
public final class CoordinationEval {

    private CoordinationEval() {
    }

    record Score(int tp, int fp, int fn) {
        double precision() {
            return tp + fp == 0 ? (fn == 0 ? 1 : 0) : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        static Score of(Set<String> predicted, Set<String> truth) {
            int tp = 0;
            for (String p : predicted) {
                if (truth.contains(p)) {
                    tp++;
                }
            }
            return new Score(tp, predicted.size() - tp, truth.size() - tp);
        }
    }

    public static void main(String[] args) {
        List<Long> seeds = args.length == 0 ? List.of(6L) : java.util.Arrays.stream(args).map(Long::parseLong).toList();
        long t0 = System.nanoTime();
        CoordinationTraffic gen = CoordinationTraffic.load(DataDir.require());
        System.out.printf(Locale.ROOT, "real comments loaded: %,d distinct (%.1f s)%n", gen.texts(), (System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println("| shape | filler | seed | ours P strict | ours P beyond background | ours R | ours F1 strict | ours F1 beyond background | FRAUDAR P | FRAUDAR R | FRAUDAR F1 | attackers | flagged | findings by kind | hot list names a pushed target | analysis s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Set<String> only = new HashSet<>();
        for (String s : System.getProperty("coord.shapes", "").split(",")) {
            if (!s.isBlank()) {
                only.add(CoordinationTraffic.Shape.valueOf(s.strip().toUpperCase(Locale.ROOT)).name());
            }
        }
        for (long seed : seeds) {
            Set<String> background = Set.of();
            for (CoordinationTraffic.Shape shape : CoordinationTraffic.Shape.values()) {
                if (!only.isEmpty() && shape != CoordinationTraffic.Shape.NONE && !only.contains(shape.name())) {
                    continue;
                }
                boolean rating = shape.name().startsWith("RATING");
                for (double filler : rating ? new double[] {0.01, 0.05, 0.10} : new double[] {0.05}) {
                    Set<String> flagged = run(gen, shape, filler, seed, background);
                    if (shape == CoordinationTraffic.Shape.NONE) {
                        background = flagged;
                    }
                }
            }
        }
    }

    static Set<String> run(CoordinationTraffic gen, CoordinationTraffic.Shape shape, double filler, long seed,
                           Set<String> background) {
        CoordinationTraffic.Traffic t = gen.generate(shape, filler, seed);
        Set<String> known = new HashSet<>();
        t.sanctioned().values().forEach(known::addAll);
        long a0 = System.nanoTime();
        Set<String> ours = new HashSet<>();
        Map<String, Integer> kinds = new TreeMap<>();
        boolean hot = false;
        List<CoordinationFinding> findings = List.of();
        if (Boolean.getBoolean("coord.streaming")) {
            // as the server hosts it: the detector's own 24-hour window, analysed every 10 minutes of event time
            for (Alert a : AnalysisStall.stream(t.actions())) {
                ours.addAll(a.participants().keySet());
                String kind = a.target().split("/")[1];
                kinds.merge(kind, 1, Integer::sum);
                if (kind.equals(FindingKind.HOT_LIST.wireName()) && t.pushed().stream().anyMatch(
                        p -> a.evidence().figures().containsKey("target:" + p))) {
                    hot = true;
                }
            }
        } else {
            findings = CoordinationAnalyzer.DEFAULTS.analyse(t.actions(), t.sanctioned(), Map.of(), t.now());
            for (CoordinationFinding f : findings) {
                ours.addAll(f.members());
                kinds.merge(f.kind().wireName(), 1, Integer::sum);
                if (f.kind() == FindingKind.HOT_LIST && t.pushed().containsAll(f.targets())) {
                    hot = true;
                }
            }
        }
        double secs = (System.nanoTime() - a0) / 1e9;
        ours.removeAll(known);
        DenseBlocks.Graph g = DenseBlocks.DEFAULTS.graph(t.actions());
        DenseBlock top = Fraudar.PAPER.densest(g.graph());
        Set<String> fraudar = new HashSet<>();
        for (int r : top.rows()) {
            fraudar.add(g.accounts().get(r));
        }
        fraudar.removeAll(known);
        Score o = Score.of(ours, t.truth());
        Set<String> beyond = new HashSet<>(ours);
        beyond.removeAll(background);
        Score d = Score.of(beyond, t.truth());
        Score b = Score.of(fraudar, t.truth());
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d | %s | %s | %.1f |%n",
                shape.name().toLowerCase(Locale.ROOT), shape.name().startsWith("RATING") ? Math.round(filler * 100) + " %" : "",
                seed, f2(o.precision(), shape), f2(d.precision(), shape), f2(o.recall(), shape), f2(o.f1(), shape),
                f2(d.f1(), shape),
                f2(b.precision(), shape), f2(b.recall(), shape), f2(b.f1(), shape), t.truth().size(), ours.size(),
                kinds.isEmpty() ? "none" : kinds.toString().replace("{", "").replace("}", ""),
                shape == CoordinationTraffic.Shape.NONE ? "" : (hot ? "yes" : "no"), secs);
        if (Boolean.getBoolean("coord.verbose")) {
            System.out.printf(Locale.ROOT, "    FRAUDAR top block: %d rows x %d cols, fill %.3f, density %.3f%n",
                    top.rows().length, top.cols().length, top.fill(), top.density());
            for (CoordinationFinding f : findings) {
                System.out.println("    " + f.kind().wireName() + " members=" + f.members().size() + " targets="
                        + f.targets().size() + " " + f.evidence().entrySet().stream().filter(e -> !e.getKey().startsWith("link:"))
                        .map(e -> e.getKey() + "=" + e.getValue().replace('\n', ' ')).toList());
            }
        }
        return ours;
    }

    private static String f2(double v, CoordinationTraffic.Shape shape) {
        return shape == CoordinationTraffic.Shape.NONE ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}
