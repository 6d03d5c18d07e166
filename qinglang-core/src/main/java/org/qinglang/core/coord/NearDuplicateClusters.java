package org.qinglang.core.coord;

import org.qinglang.core.text.Folding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copy-paste campaigns (复制粘贴式刷评): near-identical texts posted by many accounts on the same few targets or
 * within a short time.
 *
 * <p>Each text is folded ({@link Folding}: width, case, traditional → simplified, variants), stripped to
 * letters and digits, cut into overlapping character {@code shingle}-grams, and summarised by a MinHash
 * signature of {@code bands × rowsPerBand} values. Texts that agree on all values of some band fall into
 * one bucket (locality-sensitive hashing: a pair of Jaccard similarity s shares a band with probability
 * 1 − (1 − s^r)^b). Within a bucket, texts are taken in time order and each is joined to the one before it
 * when their estimated similarity is at least {@code minSimilarity} and they are at most {@code windowSeconds}
 * apart; joined texts form clusters. Platform emoji codes ({@code [赞]}, {@code [捂脸]}) are removed first;
 * texts shorter than {@code minChars} after stripping, or with fewer than {@code minChars / 2} distinct
 * characters, are skipped: short phrases and laughter (哈哈哈哈, 支持) repeat innocently.
 *
 * <p><b>Similar text is not yet coordination.</b> Stock phrases, slogans and memes (祝福祖国繁荣昌盛…) are
 * written by many unrelated accounts, each under whatever post it happens to read, whenever it reads it. A
 * campaign repeats itself on the few targets it was paid for, or all at once. So a cluster written by at
 * least {@code minAuthors} distinct accounts is a finding only when it is <em>concentrated</em>: its texts
 * fall on at most {@code maxSpread} × the distinct targets that as many texts placed like the batch's other
 * texts would reach by chance, or into at most {@code maxSpread} × the distinct time cells of
 * {@code cellSeconds} that they would reach by chance ({@link ChanceSpread}: the platform's own spread over
 * targets and its own daily rhythm, the cluster left out, Good–Turing for targets nobody else used). A
 * phrase that many accounts use across many targets and hours spreads as chance does and is not reported,
 * however many write it.
 *
 * @param shingle       characters per shingle, 1 or more
 * @param bands         LSH bands, 1 or more
 * @param rowsPerBand   MinHash values per band, 1 or more
 * @param minSimilarity estimated Jaccard similarity to join two texts, 0 to 1
 * @param windowSeconds the longest gap between two joined texts
 * @param minAuthors    distinct accounts for a finding, 2 or more
 * @param minChars      the shortest text considered, in characters after stripping
 * @param maxSpread     the largest ratio of distinct cells (targets or time cells) to those reached by
 *                      chance for a concentrated cluster, more than 0
 * @param cellSeconds   the width of a time cell, 1 or more
 */
public record NearDuplicateClusters(int shingle, int bands, int rowsPerBand, double minSimilarity,
                                    long windowSeconds, int minAuthors, int minChars, double maxSpread,
                                    long cellSeconds) {

    private static final java.util.regex.Pattern EMOJI_CODE = java.util.regex.Pattern.compile("\\[[^\\[\\]]{1,8}]");

    /**
     * 3-character shingles, 20 bands of 3 (joins pairs from about 0.35 similarity), 0.5 to join, 3 days,
     * 5 authors, 12 characters; concentrated = at most half the targets or hours that chance would reach
     * (twice as concentrated as chance), hour cells (the window of {@link SynchronisedActions#DEFAULTS}).
     */
    public static final NearDuplicateClusters DEFAULTS = new NearDuplicateClusters(3, 20, 3, 0.5, 3 * 86_400L, 5, 12,
            0.5, 3_600);

    public NearDuplicateClusters {
        if (shingle < 1 || bands < 1 || rowsPerBand < 1) {
            throw new IllegalArgumentException("shingle, bands and rowsPerBand must be 1 or more, were "
                    + shingle + ", " + bands + ", " + rowsPerBand);
        }
        if (!(minSimilarity >= 0 && minSimilarity <= 1)) {
            throw new IllegalArgumentException("minSimilarity must be 0 to 1, was " + minSimilarity);
        }
        if (minAuthors < 2) {
            throw new IllegalArgumentException("minAuthors must be 2 or more, was " + minAuthors);
        }
        if (windowSeconds < 0 || minChars < 1) {
            throw new IllegalArgumentException("windowSeconds must be 0 or more and minChars 1 or more, were "
                    + windowSeconds + ", " + minChars);
        }
        if (!(maxSpread > 0)) {
            throw new IllegalArgumentException("maxSpread must be more than 0, was " + maxSpread);
        }
        if (cellSeconds < 1) {
            throw new IllegalArgumentException("cellSeconds must be 1 or more, was " + cellSeconds);
        }
    }

    /** The copy-paste findings among the texts of {@code actions} (actions without text are ignored). */
    public List<CoordinationFinding> find(List<Action> actions) {
        Folding folding = Folding.standard();
        List<Action> docs = new ArrayList<>();
        List<long[]> sigs = new ArrayList<>();
        for (Action a : actions) {
            if (a.text().isEmpty()) {
                continue;
            }
            int[] cps = letters(folding.foldString(EMOJI_CODE.matcher(a.text()).replaceAll("")));
            if (cps.length < minChars || java.util.Arrays.stream(cps).distinct().count() < minChars / 2) {
                continue;
            }
            docs.add(a);
            sigs.add(signature(cps));
        }
        int n = docs.size();
        Ids targetIds = new Ids();
        Ids cellIds = new Ids();
        int[] targetOf = new int[n];
        int[] cellOf = new int[n];
        for (int d = 0; d < n; d++) {
            targetOf[d] = targetIds.id(docs.get(d).target());
            cellOf[d] = cellIds.id(Long.toString(Math.floorDiv(docs.get(d).ts(), cellSeconds)));
        }
        ChanceSpread targetChance = new ChanceSpread(targetOf, targetIds.size());
        ChanceSpread timeChance = new ChanceSpread(cellOf, cellIds.size());
        UnionFind uf = new UnionFind(n);
        Map<Long, List<Integer>> buckets = new HashMap<>();
        for (int band = 0; band < bands; band++) {
            buckets.clear();
            for (int d = 0; d < n; d++) {
                long h = 0x51_7C_C1_B7_27_22_0A_95L * (band + 1);
                long[] s = sigs.get(d);
                for (int k = 0; k < rowsPerBand; k++) {
                    h = mix(h ^ s[band * rowsPerBand + k]);
                }
                buckets.computeIfAbsent(h, x -> new ArrayList<>(2)).add(d);
            }
            for (List<Integer> bucket : buckets.values()) {
                if (bucket.size() < 2) {
                    continue;
                }
                bucket.sort((x, y) -> Long.compare(docs.get(x).ts(), docs.get(y).ts()));
                for (int i = 1; i < bucket.size(); i++) {
                    int x = bucket.get(i - 1);
                    int y = bucket.get(i);
                    if (docs.get(y).ts() - docs.get(x).ts() <= windowSeconds
                            && similarity(sigs.get(x), sigs.get(y)) >= minSimilarity) {
                        uf.union(x, y);
                    }
                }
            }
        }
        Map<Integer, List<Integer>> clusters = new LinkedHashMap<>();
        for (int d = 0; d < n; d++) {
            if (uf.sizeOf(d) >= minAuthors) {
                clusters.computeIfAbsent(uf.find(d), x -> new ArrayList<>()).add(d);
            }
        }
        List<CoordinationFinding> out = new ArrayList<>();
        for (List<Integer> c : clusters.values()) {
            Set<String> authors = new HashSet<>();
            Set<String> targets = new HashSet<>();
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (int d : c) {
                Action a = docs.get(d);
                authors.add(a.actor());
                targets.add(a.target());
                from = Math.min(from, a.ts());
                to = Math.max(to, a.ts());
            }
            if (authors.size() < minAuthors) {
                continue;
            }
            int[] ownTargets = c.stream().mapToInt(d -> targetOf[d]).toArray();
            int[] ownCells = c.stream().mapToInt(d -> cellOf[d]).toArray();
            double chanceTargets = targetChance.expectedDistinct(ownTargets);
            double chanceCells = timeChance.expectedDistinct(ownCells);
            long cells = Arrays.stream(ownCells).distinct().count();
            boolean onTargets = targets.size() <= maxSpread * chanceTargets;
            boolean inTime = cells <= maxSpread * chanceCells;
            if (!onTargets && !inTime) {
                continue;
            }
            double sim = meanSimilarityToFirst(c, sigs);
            Map<String, String> ev = new LinkedHashMap<>();
            ev.put("texts", Integer.toString(c.size()));
            ev.put("authors", Integer.toString(authors.size()));
            ev.put("targetsByChance", String.format(java.util.Locale.ROOT, "%.1f", chanceTargets));
            ev.put("timeCells", Long.toString(cells));
            ev.put("timeCellsByChance", String.format(java.util.Locale.ROOT, "%.1f", chanceCells));
            ev.put("concentratedOn", onTargets && inTime ? "targets, time" : onTargets ? "targets" : "time");
            ev.put("meanSimilarity", String.format(java.util.Locale.ROOT, "%.2f", sim));
            ev.put("sampleText", sample(docs.get(c.get(0)).text()));
            double score = (double) authors.size() / (authors.size() + minAuthors) * sim;
            out.add(new CoordinationFinding(FindingKind.COPY_PASTE, List.copyOf(authors), List.copyOf(targets),
                    from, to, Math.min(1, score), ev));
        }
        return out;
    }

    /** The estimated Jaccard similarity of two folded, stripped texts (for tests and explanations). */
    public double similarity(String a, String b) {
        Folding folding = Folding.standard();
        return similarity(signature(letters(folding.foldString(a))), signature(letters(folding.foldString(b))));
    }

    private long[] signature(int[] cps) {
        int m = bands * rowsPerBand;
        long[] sig = new long[m];
        Arrays.fill(sig, Long.MAX_VALUE);
        int count = Math.max(1, cps.length - shingle + 1);
        for (int i = 0; i < count; i++) {
            long h = 0xCBF29CE484222325L;
            for (int k = i; k < Math.min(cps.length, i + shingle); k++) {
                h = (h ^ cps[k]) * 0x100000001B3L;
            }
            for (int j = 0; j < m; j++) {
                long v = mix(h + 0x9E3779B97F4A7C15L * (j + 1)) >>> 1;
                if (v < sig[j]) {
                    sig[j] = v;
                }
            }
        }
        return sig;
    }

    private static double similarity(long[] a, long[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }

    private static double meanSimilarityToFirst(List<Integer> c, List<long[]> sigs) {
        double s = 0;
        int k = Math.min(c.size(), 50);
        for (int i = 1; i < k; i++) {
            s += similarity(sigs.get(c.get(0)), sigs.get(c.get(i)));
        }
        return k <= 1 ? 1 : s / (k - 1);
    }

    private static int[] letters(String folded) {
        return folded.codePoints().filter(Character::isLetterOrDigit).toArray();
    }

    private static String sample(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
