package org.qinglang.bench.coord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hankcs.hanlp.HanLP;
import org.qinglang.bench.ColdComment;
import org.qinglang.bench.DataDir;
import org.qinglang.core.coord.Action;
import org.qinglang.core.coord.ActionType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Background traffic of a mid-sized platform over two weeks, with one attack injected: the test bed of issue #6.
 *
 * <p><b>Background</b> (fixed seed; the same arguments always give the same actions):
 * <ul>
 *   <li>{@value #ACCOUNTS} accounts; each account's activity is log-normal (σ = 1.5: median : mean : top ≈
 *       1 : 3 : 350), about {@value #ACTIONS} actions in all over {@value #DAYS} days;</li>
 *   <li>action mix: like 50 %, comment 15 %, rating 15 %, repost 10 %, follow 10 %;</li>
 *   <li>{@value #POSTS} posts whose popularity is Zipf (s = 0.9), {@value #ITEMS} ratable items (Zipf,
 *       s = 0.8), follows go to accounts by Zipf (s = 1.0);</li>
 *   <li>time of day from a daily rhythm (quiet 02–07 h, peaks at noon and 20–23 h, Beijing time);</li>
 *   <li>every comment is a distinct real comment from COLD (train, dev, test) and CHNCI, at least 8
 *       characters, in a seeded random order: real Chinese text with its real near-repeats;</li>
 *   <li>ratings: each item has a quality q ~ N(3.5, 0.7); a score is drawn around q (σ 0.9) with the
 *       J-shape of real shop and film ratings (extra 5s and 1s); an item released inside the fortnight
 *       (a third of them) gets its ratings mostly in the days after release, an organic burst;</li>
 *   <li>account age: 5 % new (0–30 days), the rest log-uniform 30–3,000 days;</li>
 *   <li>network: each account has a home IP prefix from 5,000 (Zipf, s = 1: large carrier NATs shared by
 *       many), 20 % of its actions come from one of 200 mobile prefixes (Zipf); one device per account,
 *       2 % of devices shared by 2–3 accounts (families).</li>
 * </ul>
 * Not modelled: content ageing (popularity is constant over the fortnight), reply threads, bursts of
 * organic attention other than item releases, cross-platform traffic.
 *
 * <p><b>Attacks</b> ({@link Shape}): one per run, by accounts of their own (the detectors treat account,
 * target, prefix and device names as opaque ids, so the names tell them nothing). Attackers act through
 * prefixes from the rare tail of the same prefix pool (p4990 and up), which a few background accounts
 * share. The shapes and their parameters are in the methods below and in docs/BENCHMARKS.md.
 */
public final class CoordinationTraffic {

    static final int ACCOUNTS = 20_000;
    static final int ACTIONS = 600_000;
    static final int DAYS = 14;
    static final int POSTS = 20_000;
    static final int ITEMS = 2_000;
    static final long DAY = 86_400;
    /** 2026-11-01T00:00:00+08:00. */
    static final long T0 = 1_793_462_400L;

    private static final double[] RHYTHM = {
            3.0, 2.0, 1.2, 0.8, 0.6, 0.6, 0.9, 1.8, 3.0, 3.8, 4.2, 4.6,
            5.4, 4.8, 4.2, 4.2, 4.4, 4.6, 5.0, 5.6, 6.4, 7.0, 6.8, 5.0};

    /** The injected attack shapes. */
    public enum Shape {
        /** none: background only (false alarms). */
        NONE,
        /** 随机攻击: the target item 5★, filler items at random around the global mean. */
        RATING_RANDOM,
        /** 平均攻击: the target item 5★, filler items at each item's own mean. */
        RATING_AVERAGE,
        /** 从众攻击: the target item 5★, the most popular items 5★, the rest random. */
        RATING_BANDWAGON,
        /** 复制粘贴式刷评: reworded copies of a few templates across accounts. */
        COPY_PASTE,
        /** 同步点赞/转发: a lockstep like/repost group with camouflage on popular posts. */
        LOCKSTEP,
        /** 换马甲: a banned group back with new accounts. */
        RETURNING
    }

    /**
     * One run's traffic.
     *
     * @param actions    every action, in time order
     * @param truth      the attacking accounts the detectors should name
     * @param sanctioned the sanctioned groups known to the platform (for {@link Shape#RETURNING})
     * @param pushed     the targets the attack pushes
     * @param now        the end of the attack plus one hour (the trending window ends here)
     */
    public record Traffic(List<Action> actions, Set<String> truth, Map<String, Set<String>> sanctioned,
                          Set<String> pushed, long now) {
    }

    private final List<String> texts;

    private CoordinationTraffic(List<String> texts) {
        this.texts = texts;
    }

    /** Loads the real comments (COLD train, dev, test; CHNCI), distinct, at least 8 characters. */
    public static CoordinationTraffic load(Path dataDir) {
        Set<String> out = new LinkedHashSet<>();
        for (String split : List.of("cold/train.csv", "cold/dev.csv", "cold/test.csv")) {
            for (ColdComment c : ColdComment.read(DataDir.file(dataDir, split))) {
                if (c.text().strip().length() >= 8) {
                    out.add(c.text().strip());
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> s = Files.list(dataDir.resolve("chnci"))) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode n = json.readTree(line);
                        String t = n.path("text").asText("").strip();
                        if (t.length() >= 8) {
                            out.add(t);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CHNCI files under " + dataDir, e);
        }
        return new CoordinationTraffic(List.copyOf(out));
    }

    /** Distinct real comments available. */
    public int texts() {
        return texts.size();
    }

    /** The background plus one attack of {@code shape}; {@code filler} is the filler share of rating attacks. */
    public Traffic generate(Shape shape, double filler, long seed) {
        return new Run(seed).generate(shape, filler);
    }

    /** One generation, with its own random state. */
    private final class Run {
        final Random rnd;
        final List<Action> out = new ArrayList<>(ACTIONS + 50_000);
        final double[] activityCdf;
        final double[] postCdf;
        final double[] itemCdf;
        final double[] followCdf;
        final double[] prefixCdf;
        final double[] mobileCdf;
        final double[] rhythmCdf;
        final int[] home;
        final String[] device;
        final int[] age;
        final double[] quality;
        final long[] release;
        final List<String> shuffled;
        int nextText;

        Run(long seed) {
            rnd = new Random(seed);
            double[] act = new double[ACCOUNTS];
            for (int i = 0; i < ACCOUNTS; i++) {
                act[i] = Math.exp(1.5 * rnd.nextGaussian());
            }
            activityCdf = cdf(act);
            postCdf = cdf(zipf(POSTS, 0.9));
            itemCdf = cdf(zipf(ITEMS, 0.8));
            followCdf = cdf(zipf(ACCOUNTS, 1.0));
            prefixCdf = cdf(zipf(5_000, 1.0));
            mobileCdf = cdf(zipf(200, 1.0));
            rhythmCdf = cdf(RHYTHM);
            home = new int[ACCOUNTS];
            device = new String[ACCOUNTS];
            age = new int[ACCOUNTS];
            for (int i = 0; i < ACCOUNTS; i++) {
                home[i] = pick(prefixCdf);
                device[i] = "d" + i;
                age[i] = rnd.nextDouble() < 0.05 ? rnd.nextInt(31) : (int) Math.exp(Math.log(30) + rnd.nextDouble() * Math.log(100));
            }
            for (int i = 0; i < ACCOUNTS * 2 / 100; i++) { // shared family devices
                int a = rnd.nextInt(ACCOUNTS);
                int n = 1 + rnd.nextInt(2);
                for (int k = 0; k < n; k++) {
                    device[rnd.nextInt(ACCOUNTS)] = device[a];
                }
            }
            quality = new double[ITEMS];
            release = new long[ITEMS];
            for (int i = 0; i < ITEMS; i++) {
                quality[i] = Math.max(1.2, Math.min(4.8, 3.5 + 0.7 * rnd.nextGaussian()));
                release[i] = rnd.nextDouble() < 1.0 / 3 ? T0 + (long) (rnd.nextDouble() * (DAYS - 2) * DAY) : Long.MIN_VALUE;
            }
            List<String> t = new ArrayList<>(texts);
            Collections.shuffle(t, rnd);
            shuffled = t;
        }

        Traffic generate(Shape shape, double filler) {
            for (int n = 0; n < ACTIONS; n++) {
                int a = pick(activityCdf);
                double u = rnd.nextDouble();
                String actor = "a" + a;
                if (u < 0.50) {
                    add(a, ActionType.LIKE, "p" + pick(postCdf), when(), "", 0);
                } else if (u < 0.65) {
                    add(a, ActionType.COMMENT, "p" + pick(postCdf), when(), text(), 0);
                } else if (u < 0.80) {
                    int item = pick(itemCdf);
                    long ts = release[item] == Long.MIN_VALUE ? when() : afterRelease(release[item]);
                    add(a, ActionType.RATING, "i" + item, ts, "", organicScore(item));
                } else if (u < 0.90) {
                    add(a, ActionType.REPOST, "p" + pick(postCdf), when(), "", 0);
                } else {
                    int f = pick(followCdf);
                    if (!actor.equals("a" + f)) {
                        add(a, ActionType.FOLLOW, "a" + f, when(), "", 0);
                    }
                }
            }
            Traffic t = switch (shape) {
                case NONE -> new Traffic(List.of(), Set.of(), Map.of(), Set.of(), T0 + DAYS * DAY);
                case RATING_RANDOM, RATING_AVERAGE, RATING_BANDWAGON -> ratingAttack(shape, filler);
                case COPY_PASTE -> copyPaste();
                case LOCKSTEP -> lockstep();
                case RETURNING -> returning();
            };
            out.sort((x, y) -> Long.compare(x.ts(), y.ts()));
            return new Traffic(List.copyOf(out), t.truth(), t.sanctioned(), t.pushed(), t.now());
        }

        // ---- attacks ----

        Traffic ratingAttack(Shape shape, double filler) {
            double[] sum = new double[ITEMS];
            double[] sq = new double[ITEMS];
            int[] cnt = new int[ITEMS];
            double gs = 0;
            double gq = 0;
            int gn = 0;
            for (Action a : out) {
                if (a.type() == ActionType.RATING) {
                    int i = Integer.parseInt(a.target().substring(1));
                    sum[i] += a.rating();
                    sq[i] += a.rating() * a.rating();
                    cnt[i]++;
                    gs += a.rating();
                    gq += a.rating() * a.rating();
                    gn++;
                }
            }
            double gMean = gs / gn;
            double gSd = Math.sqrt(gq / gn - gMean * gMean);
            // the target: a mediocre item of middling popularity (rank 100-600), released before the fortnight
            int target = -1;
            for (int tries = 0; target < 0; tries++) {
                int i = 100 + rnd.nextInt(500);
                if ((quality[i] < 3.2 && release[i] == Long.MIN_VALUE) || tries > 10_000) {
                    target = i;
                }
            }
            int attackers = 50;
            int fillers = (int) Math.round(filler * ITEMS);
            long start = T0 + (3 + rnd.nextInt(8)) * DAY + rnd.nextInt((int) DAY);
            Set<String> truth = new LinkedHashSet<>();
            int[] popular = new int[50];
            for (int i = 0; i < popular.length; i++) {
                popular[i] = i; // items are numbered by popularity rank
            }
            for (int k = 0; k < attackers; k++) {
                String actor = "s" + k;
                truth.add(actor);
                int ageDays = rnd.nextInt(61);
                String prefix = "p" + (4_990 + rnd.nextInt(5));
                String dev = "sd" + k;
                addRaw(actor, ActionType.RATING, "i" + target, start + rnd.nextInt((int) (DAY * 0.8)), prefix, dev, "", 5, ageDays);
                Set<Integer> done = new HashSet<>();
                done.add(target);
                int bandwagon = shape == Shape.RATING_BANDWAGON ? Math.max(1, fillers / 10) : 0;
                for (int f = 0; f < fillers; f++) {
                    int item;
                    do {
                        item = f < bandwagon ? popular[rnd.nextInt(popular.length)] : rnd.nextInt(ITEMS);
                    } while (!done.add(item) && done.size() < ITEMS);
                    int score;
                    if (f < bandwagon) {
                        score = 5;
                    } else if (shape == Shape.RATING_AVERAGE && cnt[item] > 1) {
                        double m = sum[item] / cnt[item];
                        double sd = Math.sqrt(Math.max(0, sq[item] / cnt[item] - m * m));
                        score = clamp(m + sd * rnd.nextGaussian());
                    } else {
                        score = clamp(gMean + gSd * rnd.nextGaussian());
                    }
                    addRaw(actor, ActionType.RATING, "i" + item, start + rnd.nextInt((int) (2 * DAY)), prefix, dev, "", score, ageDays);
                }
            }
            return new Traffic(List.of(), truth, Map.of(), Set.of("i" + target), start + 2 * DAY);
        }

        Traffic copyPaste() {
            List<String> templates = new ArrayList<>();
            while (templates.size() < 3) {
                String t = text();
                if (t.length() >= 20 && t.length() <= 80) {
                    templates.add(t);
                }
            }
            Set<String> targets = new LinkedHashSet<>();
            while (targets.size() < 5) {
                targets.add("p" + (200 + rnd.nextInt(5_000)));
            }
            List<String> tl = List.copyOf(targets);
            long start = T0 + (2 + rnd.nextInt(10)) * DAY;
            Set<String> truth = new LinkedHashSet<>();
            for (int k = 0; k < 40; k++) {
                String actor = "c" + k;
                truth.add(actor);
                int ageDays = 10 + rnd.nextInt(400);
                String prefix = "p" + (4_990 + rnd.nextInt(8));
                String dev = "cd" + k;
                int posts = 2 + rnd.nextInt(2);
                for (int j = 0; j < posts; j++) {
                    String text = reword(templates.get(rnd.nextInt(templates.size())));
                    addRaw(actor, ActionType.COMMENT, tl.get(rnd.nextInt(tl.size())), start + rnd.nextInt((int) (2 * DAY)),
                            prefix, dev, text, 0, ageDays);
                }
                for (int j = 0; j < 10; j++) { // ordinary-looking likes
                    addRaw(actor, ActionType.LIKE, "p" + pick(postCdf), when(), prefix, dev, "", 0, ageDays);
                }
            }
            return new Traffic(List.of(), truth, Map.of(), targets, start + 2 * DAY);
        }

        Traffic lockstep() {
            Set<String> targets = new LinkedHashSet<>();
            while (targets.size() < 20) {
                targets.add("p" + (1_000 + rnd.nextInt(15_000)));
            }
            long start = T0 + (2 + rnd.nextInt(9)) * DAY;
            Set<String> truth = new LinkedHashSet<>();
            String[] prefixes = new String[10];
            for (int i = 0; i < prefixes.length; i++) {
                prefixes[i] = "p" + (4_990 + i);
            }
            int members = 50;
            int[] ages = new int[members];
            for (int k = 0; k < members; k++) {
                truth.add("l" + k);
                ages[k] = 30 + rnd.nextInt(1_000);
            }
            long end = start;
            for (String t : targets) {
                long at = start + rnd.nextInt((int) (3 * DAY));
                end = Math.max(end, at + 2_400);
                for (int k = 0; k < members; k++) {
                    long ts = at + rnd.nextInt(2_400); // within 40 minutes
                    addRaw("l" + k, ActionType.LIKE, t, ts, prefixes[k % 10], "ld" + k, "", 0, ages[k]);
                    if (rnd.nextBoolean()) {
                        addRaw("l" + k, ActionType.REPOST, t, ts + rnd.nextInt(600), prefixes[k % 10], "ld" + k, "", 0, ages[k]);
                    }
                }
            }
            for (int k = 0; k < members; k++) { // camouflage: popular posts, at ordinary times
                for (int j = 0; j < 20; j++) {
                    addRaw("l" + k, ActionType.LIKE, "p" + pick(postCdf), when(), prefixes[k % 10], "ld" + k, "", 0, ages[k]);
                }
            }
            return new Traffic(List.of(), truth, Map.of(), targets, end + 3_600);
        }

        Traffic returning() {
            String template = null;
            while (template == null) {
                String t = text();
                if (t.length() >= 20 && t.length() <= 80) {
                    template = t;
                }
            }
            Set<String> agenda = new LinkedHashSet<>();
            while (agenda.size() < 15) {
                agenda.add("p" + (500 + rnd.nextInt(10_000)));
            }
            List<String> al = List.copyOf(agenda);
            String[] prefixes = {"p4990", "p4991", "p4992", "p4993"};
            Set<String> banned = new LinkedHashSet<>();
            for (int k = 0; k < 30; k++) { // the old group, days 0-6
                String actor = "b" + k;
                banned.add(actor);
                for (int j = 0; j < 12; j++) {
                    String t = al.get(rnd.nextInt(al.size()));
                    long ts = T0 + (long) (rnd.nextDouble() * 6 * DAY);
                    boolean comment = rnd.nextDouble() < 0.3;
                    addRaw(actor, comment ? ActionType.COMMENT : ActionType.LIKE, t, ts, prefixes[rnd.nextInt(4)],
                            "bd" + k, comment ? reword(template) : "", 0, 200 + rnd.nextInt(300));
                }
            }
            Set<String> truth = new LinkedHashSet<>();
            for (int k = 0; k < 30; k++) { // back with new accounts from day 8
                String actor = "n" + k;
                truth.add(actor);
                String dev = rnd.nextBoolean() ? "bd" + rnd.nextInt(30) : "nd" + k;
                for (int j = 0; j < 10; j++) {
                    long ts = T0 + 8 * DAY + (long) (rnd.nextDouble() * 5 * DAY);
                    String prefix = rnd.nextDouble() < 0.7 ? prefixes[rnd.nextInt(4)] : "p" + home[rnd.nextInt(ACCOUNTS)];
                    if (j < 5) {
                        boolean comment = rnd.nextDouble() < 0.4;
                        addRaw(actor, comment ? ActionType.COMMENT : ActionType.LIKE, al.get(rnd.nextInt(al.size())), ts,
                                prefix, dev, comment ? reword(template) : "", 0, rnd.nextInt(5));
                    } else {
                        addRaw(actor, ActionType.LIKE, "p" + pick(postCdf), ts, prefix, dev, "", 0, rnd.nextInt(5));
                    }
                }
            }
            return new Traffic(List.of(), truth, Map.of("G1", banned), agenda, T0 + 13 * DAY);
        }

        /** Light rewording: character substitutions, drops, punctuation, a prefix or suffix, some traditional characters. */
        String reword(String t) {
            StringBuilder b = new StringBuilder(t);
            int edits = 1 + rnd.nextInt(3);
            for (int e = 0; e < edits && b.length() > 4; e++) {
                int at = rnd.nextInt(b.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> b.setCharAt(at, b.charAt(rnd.nextInt(b.length())));
                    case 1 -> b.deleteCharAt(at);
                    default -> b.insert(at, "，！~。".charAt(rnd.nextInt(4)));
                }
            }
            String s = b.toString();
            double u = rnd.nextDouble();
            if (u < 0.2) {
                s = HanLP.convertToTraditionalChinese(s);
            } else if (u < 0.4) {
                s = List.of("真的，", "说实话", "[赞]", "哈哈，").get(rnd.nextInt(4)) + s;
            } else if (u < 0.6) {
                s = s + List.of("！！", "[赞][赞]", "，支持", "。").get(rnd.nextInt(4));
            }
            return s;
        }

        // ---- background pieces ----

        void add(int a, ActionType type, String target, long ts, String text, int score) {
            String prefix = rnd.nextDouble() < 0.2 ? "m" + pick(mobileCdf) : "p" + home[a];
            int ageNow = age[a] + (int) ((ts - T0) / DAY);
            out.add(new Action("a" + a, type, target, ts, prefix, device[a], text, score, Math.max(0, ageNow)));
        }

        void addRaw(String actor, ActionType type, String target, long ts, String prefix, String dev, String text,
                    int score, int ageDays) {
            out.add(new Action(actor, type, target, ts, prefix, dev, text, score, ageDays));
        }

        String text() {
            return shuffled.get(nextText++ % shuffled.size());
        }

        long when() {
            int day = rnd.nextInt(DAYS);
            int hour = pick(rhythmCdf);
            return T0 + day * DAY + hour * 3_600L + rnd.nextInt(3_600);
        }

        long afterRelease(long rel) {
            long ts = rel + (long) (-Math.log(1 - rnd.nextDouble()) * 3 * DAY);
            return Math.min(ts, T0 + DAYS * DAY - 1);
        }

        int organicScore(int item) {
            double u = rnd.nextDouble();
            if (u < 0.12) {
                return quality[item] >= 3 ? 5 : 1; // the J-shape: enthusiasts and the angry
            }
            return clamp(quality[item] + 0.9 * rnd.nextGaussian());
        }

        int pick(double[] cdf) {
            double u = rnd.nextDouble() * cdf[cdf.length - 1];
            int i = java.util.Arrays.binarySearch(cdf, u);
            return i >= 0 ? i : Math.min(cdf.length - 1, -i - 1);
        }
    }

    static int clamp(double v) {
        return (int) Math.max(1, Math.min(5, Math.round(v)));
    }

    static double[] zipf(int n, double s) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1.0 / Math.pow(i + 1, s);
        }
        return w;
    }

    static double[] cdf(double[] w) {
        double[] c = new double[w.length];
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i];
            c[i] = s;
        }
        return c;
    }
}
