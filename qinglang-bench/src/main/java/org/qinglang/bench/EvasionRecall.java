package org.qinglang.bench;

import org.qinglang.core.lexicon.Channel;
import org.qinglang.core.lexicon.Entry;
import org.qinglang.core.lexicon.EvasionGenerator;
import org.qinglang.core.lexicon.EvasionGenerator.Evasion;
import org.qinglang.core.lexicon.EvasionGenerator.Variant;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.Hit;
import org.qinglang.core.lexicon.LibraryFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How well the shipped default library (默认特征库) catches disguised abuse in real sentences, and how often
 * its fuzzy channels fire on innocent comments.
 *
 * <p><b>Recall.</b> The test set comes from the entries of {@code LibraryFile.read("default")} whose term is
 * two or more Han characters. For each such entry, {@link EvasionGenerator#variants} writes up to
 * {@value #PER_CLASS} variants per evasion class (seed {@value #SEED}); a class counts for an entry only where
 * the entry is matched on the channel meant to catch it ({@link Evasion#channel()}: so initials, split and
 * alias only where the entry has them). Each variant is inserted, at a random place between two characters,
 * into a random carrier: a COLD train or dev comment labelled not offensive (fixed seed). The variant is
 * <em>caught</em> when the compiled default library reports a hit of that entry's term that overlaps the
 * inserted span by at least half of the span's length. Reported per class: caught / total, the channels that
 * caught them, and for comparison the recall on the bare variant without a carrier. Up to
 * {@value #MISSES_SHOWN} misses per class go to stderr.
 *
 * <p><b>False hits.</b> The first {@value #INNOCENT_LIMIT} COLD test.csv comments labelled not offensive
 * (the only use of test.csv in the benchmarks) are scanned with the same library. Hits are counted per
 * channel and per 1,000 comments; every hit on a channel other than exact goes to stderr with the comment id.
 *
 * <p>Goals: recall ≥ 95 % in every class; non-exact hits ≤ 1 per 1,000 innocent comments.
 *
 * <p>Run: {@code java -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.EvasionRecall [LIBRARY_FILE]}
 * from the repository root; without an argument it evaluates the default library.
 */
public final class EvasionRecall {

    /** Variants per entry and class. */
    public static final int PER_CLASS = 5;
    /** Seed of the variants and of the carrier and position choices. */
    public static final long SEED = 20_240_601L;
    /** How many innocent test comments are scanned for false hits. */
    public static final int INNOCENT_LIMIT = 5_000;
    /** The goal for every class. */
    public static final double RECALL_GOAL = 0.95;
    /** The goal for non-exact hits per 1,000 innocent comments. */
    public static final double FALSE_HIT_GOAL = 1.0;
    private static final int MISSES_SHOWN = 10;

    private EvasionRecall() {
    }

    /** A variant planted in a carrier comment at [start, end). */
    record Planted(Entry entry, Variant variant, String text, int start, int end) {
    }

    /** The counts of one evasion class. */
    static final class Tally {
        int total;
        int caught;
        int caughtBare;
        final Map<Channel, Integer> byChannel = new EnumMap<>(Channel.class);
        final List<String> misses = new ArrayList<>();
    }

    /** Arguments: optionally the library file to evaluate instead of the shipped default library. */
    public static void main(String[] args) {
        Path data = DataDir.require();
        String name = args.length > 0 ? args[0] : LibraryFile.DEFAULT_NAME;
        LibraryFile.Result read;
        try {
            read = LibraryFile.read(name);
        } catch (IOException e) {
            System.err.println("EvasionRecall: cannot read the library '" + name + "': " + e.getMessage()
                    + (name.equals(LibraryFile.DEFAULT_NAME) ? " (qinglang-core needs "
                    + "org/qinglang/core/lexicon/default-library.txt in its resources)" : ""));
            System.exit(2);
            return;
        }
        FeatureLibrary library = FeatureLibrary.compile(read.entries());
        System.out.printf("library %s: %,d entries, %d problems, %d compile warnings%n",
                name, read.entries().size(), read.problems().size(), library.warnings().size());

        recall(data, library, read.entries());
        falseHits(data, library);
    }

    // ------------------------------------------------------------------------------------------------

    private static void recall(Path data, FeatureLibrary library, List<Entry> entries) {
        List<Entry> targets = entries.stream().filter(e -> isHanOrLatin(e.term()) && e.term().length() >= 2).toList();
        List<String> carriers = new ArrayList<>();
        for (String split : List.of("cold/train.csv", "cold/dev.csv")) {
            for (ColdComment c : ColdComment.read(DataDir.file(data, split))) {
                if (c.innocent() && c.text().length() >= 10 && c.text().length() <= 200) {
                    carriers.add(c.text());
                }
            }
        }
        System.out.printf("recall: %,d entries with a term of 2+ Han characters or Latin letters; up to %d variants per class, "
                + "seed %d; carriers: %,d COLD train/dev comments labelled 0 (10-200 chars)%n",
                targets.size(), PER_CLASS, SEED, carriers.size());

        EvasionGenerator generator = EvasionGenerator.standard();
        Random place = new Random(SEED);
        Map<Evasion, Tally> tallies = new EnumMap<>(Evasion.class);
        for (Entry entry : targets) {
            for (Variant v : generator.variants(entry, PER_CLASS, SEED)) {
                if (!entry.has(v.evasion().channel())) {
                    continue;
                }
                Planted p = plant(entry, v, carriers.get(place.nextInt(carriers.size())), place);
                Tally t = tallies.computeIfAbsent(v.evasion(), k -> new Tally());
                t.total++;
                List<Hit> hits = library.scan(p.text());
                Hit hit = covering(hits, entry.term(), p.start(), p.end());
                if (hit != null) {
                    t.caught++;
                    t.byChannel.merge(hit.channel(), 1, Integer::sum);
                } else if (t.misses.size() < MISSES_SHOWN) {
                    t.misses.add(describeMiss(p, hits));
                }
                if (covering(library.scan(v.text()), entry.term(), 0, v.text().length()) != null) {
                    t.caughtBare++;
                }
            }
        }

        System.out.printf("%-13s %-9s %8s %8s %8s %8s  %s%n", "evasion", "channel", "variants", "caught", "recall",
                "bare", "caught by");
        int total = 0;
        int caught = 0;
        boolean allMet = true;
        for (var e : tallies.entrySet()) {
            Tally t = e.getValue();
            total += t.total;
            caught += t.caught;
            double r = (double) t.caught / t.total;
            allMet &= r >= RECALL_GOAL;
            System.out.printf("%-13s %-9s %,8d %,8d %7.1f%% %7.1f%%  %s%n", e.getKey(), e.getKey().channel().id(),
                    t.total, t.caught, 100 * r, 100.0 * t.caughtBare / t.total, channels(t.byChannel));
        }
        for (Evasion ev : Evasion.values()) {
            if (!tallies.containsKey(ev)) {
                System.out.printf("%-13s %-9s        0  (no entry to which it applies)%n", ev,
                        ev.channel().id());
            }
        }
        System.out.printf("%-13s %-9s %,8d %,8d %7.1f%%%n", "all", "", total, caught,
                total == 0 ? 0.0 : 100.0 * caught / total);
        System.out.printf("goal: recall >= %.0f%% in every class: %s%n", 100 * RECALL_GOAL,
                allMet && !tallies.isEmpty() ? "MET" : "NOT MET");

        for (var e : tallies.entrySet()) {
            for (String m : e.getValue().misses) {
                System.err.println("[miss " + e.getKey() + "] " + m);
            }
        }
    }

    /**
     * Inserts the variant at a random place between two characters; never inside an English word of the
     * carrier (a Latin variant glued to Latin letters, as in "xCAONIMAing", is a different word, and no one
     * writes an insult that way), nor between the halves of a surrogate pair.
     */
    static Planted plant(Entry entry, Variant v, String carrier, Random random) {
        int at = random.nextInt(carrier.length() + 1);
        for (int tries = 0; tries < carrier.length() + 1 && gluedToLatin(carrier, at); tries++) {
            at = (at + 1) % (carrier.length() + 1);
        }
        if (at > 0 && at < carrier.length() && Character.isLowSurrogate(carrier.charAt(at))) {
            at--;
        }
        String text = carrier.substring(0, at) + v.text() + carrier.substring(at);
        return new Planted(entry, v, text, at, at + v.text().length());
    }

    private static boolean gluedToLatin(String carrier, int at) {
        return at > 0 && isAsciiLetter(carrier.charAt(at - 1)) || at < carrier.length() && isAsciiLetter(carrier.charAt(at));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The hit of {@code term} that overlaps [start, end) most, if it overlaps by at least half; else null. */
    static Hit covering(List<Hit> hits, String term, int start, int end) {
        Hit best = null;
        int bestOverlap = 0;
        for (Hit h : hits) {
            if (!h.term().equals(term)) {
                continue;
            }
            int overlap = Math.min(h.end(), end) - Math.max(h.start(), start);
            if (overlap * 2 >= end - start && overlap > bestOverlap) {
                best = h;
                bestOverlap = overlap;
            }
        }
        return best;
    }

    private static String describeMiss(Planted p, List<Hit> hits) {
        int from = Math.max(0, p.start() - 8);
        int to = Math.min(p.text().length(), p.end() + 8);
        String context = p.text().substring(from, p.start()) + "【" + p.text().substring(p.start(), p.end()) + "】"
                + p.text().substring(p.end(), to);
        List<String> near = new ArrayList<>();
        for (Hit h : hits) {
            if (h.end() > p.start() - 2 && h.start() < p.end() + 2) {
                near.add(h.term() + "/" + h.channel().id() + "@" + h.start() + "-" + h.end());
            }
        }
        return "term=" + p.entry().term() + " variant=" + visible(p.variant().text()) + " context=" + visible(context)
                + (near.isEmpty() ? "" : " hits-near=" + near);
    }

    // ------------------------------------------------------------------------------------------------

    private static void falseHits(Path data, FeatureLibrary library) {
        List<ColdComment> innocent = ColdComment.read(DataDir.file(data, "cold/test.csv")).stream()
                .filter(ColdComment::innocent).limit(INNOCENT_LIMIT).toList();
        Map<Channel, Integer> perChannel = new EnumMap<>(Channel.class);
        Map<String, List<String>> byTerm = new LinkedHashMap<>();
        int commentsWithNonExact = 0;
        for (ColdComment c : innocent) {
            boolean any = false;
            for (Hit h : library.scan(c.text())) {
                perChannel.merge(h.channel(), 1, Integer::sum);
                if (h.channel() != Channel.EXACT) {
                    any = true;
                    String line = "id=" + c.id() + " term=" + h.term() + " channel=" + h.channel().id() + " matched="
                            + visible(h.matched()) + " in: " + visible(c.text());
                    System.err.println("[false hit] " + line);
                    byTerm.computeIfAbsent(h.term() + " (" + h.channel().id() + ")", k -> new ArrayList<>())
                            .add("id=" + c.id() + " matched=" + visible(h.matched()));
                }
            }
            if (any) {
                commentsWithNonExact++;
            }
        }
        int n = innocent.size();
        int exact = perChannel.getOrDefault(Channel.EXACT, 0);
        int nonExact = perChannel.entrySet().stream().filter(e -> e.getKey() != Channel.EXACT)
                .mapToInt(Map.Entry::getValue).sum();
        int fuzzy = perChannel.entrySet().stream().filter(e -> e.getKey().isFuzzy())
                .mapToInt(Map.Entry::getValue).sum();
        System.out.printf("false hits: %,d COLD test.csv comments labelled 0 (first %,d asked; that is all of them "
                + "if fewer)%n", n, INNOCENT_LIMIT);
        System.out.printf("  hits per channel: %s%n", channels(perChannel));
        System.out.printf("  exact hits: %,d = %.2f per 1,000 comments%n", exact, per1000(exact, n));
        System.out.printf("  non-exact hits: %,d = %.2f per 1,000 comments (%d comments with one or more); "
                + "fuzzy channels only (folded, pinyin, initials, split): %,d = %.2f per 1,000%n",
                nonExact, per1000(nonExact, n), commentsWithNonExact, fuzzy, per1000(fuzzy, n));
        System.out.printf("goal: non-exact hits <= %.0f per 1,000: %s%n", FALSE_HIT_GOAL,
                per1000(nonExact, n) <= FALSE_HIT_GOAL ? "MET" : "NOT MET");
        if (!byTerm.isEmpty()) {
            System.out.println("  terms with the most non-exact false hits:");
            byTerm.entrySet().stream()
                    .sorted((a, b) -> b.getValue().size() - a.getValue().size())
                    .limit(15)
                    .forEach(e -> System.out.printf("    %3d  %s  e.g. %s%n", e.getValue().size(), e.getKey(),
                            e.getValue().get(0)));
        }
    }

    private static double per1000(int count, int comments) {
        return comments == 0 ? 0 : 1000.0 * count / comments;
    }

    private static String channels(Map<Channel, Integer> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        counts.forEach((c, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(c.id()).append(' ').append(n));
        return sb.toString();
    }

    private static boolean isHanOrLatin(String s) {
        return s.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    }

    private static boolean isHan(String s) {
        return !s.isEmpty() && s.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    /** Makes invisible characters visible in logs: U+200B becomes <200b>. */
    static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.FORMAT || Character.isISOControl(cp)) {
                sb.append(String.format("<%04x>", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
