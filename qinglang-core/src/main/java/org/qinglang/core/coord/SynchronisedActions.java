package org.qinglang.core.coord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Synchronised actions (同步行为, 控评/刷量 in lockstep), after SynchroTrap (Cao et al., CCS 2014), written from
 * the paper: two accounts are similar when many of their actions fall on the same target in the same time
 * window; similar pairs are joined into groups.
 *
 * <p>Each action of a type in {@code types} becomes a key (target, window), the window being
 * ts / {@code windowSeconds}. An account's keys form a set; the similarity of two accounts is the Jaccard
 * similarity of their sets. Pairs are counted per key (only accounts that share a key can be similar). A key
 * with more than {@code maxPerKey} accounts (a popular target in a busy hour) is split by IP prefix, as
 * SynchroTrap partitions by network; a part still larger is skipped, which bounds the work at
 * maxPerKey² per key. Pairs with at least {@code minShared} shared keys and similarity at least
 * {@code minSimilarity} are joined (single linkage); a group of {@code minGroup} or more accounts is a finding.
 *
 * @param windowSeconds the window width
 * @param minShared     shared (target, window) keys for a pair, 1 or more
 * @param minSimilarity Jaccard similarity for a pair, 0 to 1
 * @param minGroup      accounts for a finding, 2 or more
 * @param maxPerKey     accounts per key before it is split by IP prefix, 2 or more
 * @param types         the action types compared
 */
public record SynchronisedActions(long windowSeconds, int minShared, double minSimilarity, int minGroup,
                                  int maxPerKey, Set<ActionType> types) {

    /** One-hour windows; 5 shared keys and similarity 0.2; groups of 5; keys of up to 400 accounts. */
    public static final SynchronisedActions DEFAULTS = new SynchronisedActions(3_600, 5, 0.2, 5, 400,
            Set.of(ActionType.LIKE, ActionType.REPOST, ActionType.RATING, ActionType.FOLLOW, ActionType.COMMENT));

    public SynchronisedActions {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("windowSeconds must be 1 or more, was " + windowSeconds);
        }
        if (minShared < 1 || minGroup < 2 || maxPerKey < 2) {
            throw new IllegalArgumentException("minShared must be 1 or more, minGroup and maxPerKey 2 or more, were "
                    + minShared + ", " + minGroup + ", " + maxPerKey);
        }
        if (!(minSimilarity >= 0 && minSimilarity <= 1)) {
            throw new IllegalArgumentException("minSimilarity must be 0 to 1, was " + minSimilarity);
        }
        types = Set.copyOf(types);
    }

    /** The synchronised groups among {@code actions}. */
    public List<CoordinationFinding> find(List<Action> actions) {
        Ids accounts = new Ids();
        Ids keys = new Ids();
        Ids prefixes = new Ids();
        List<Action> used = new ArrayList<>();
        LongSet seen = new LongSet();
        List<int[]> pairs = new ArrayList<>(); // (key, account, prefix)
        for (Action a : actions) {
            if (!types.contains(a.type())) {
                continue;
            }
            int acc = accounts.id(a.actor());
            int key = keys.id(a.target() + '\u0000' + Math.floorDiv(a.ts(), windowSeconds));
            if (seen.add(((long) key << 32) | acc)) {
                pairs.add(new int[] {key, acc, prefixes.id(a.ipPrefix())});
            }
            used.add(a);
        }
        int n = accounts.size();
        int[] keyCount = new int[n];
        int[][] byKey = group(pairs, keys.size());
        LongIntCounter shared = new LongIntCounter();
        for (int[] members : byKey) {
            for (int i = 0; i < members.length; i += 2) {
                keyCount[members[i]]++;
            }
            countPairs(members, shared);
        }
        UnionFind uf = new UnionFind(n);
        double[] simSum = new double[n];
        shared.forEach((pair, count) -> {
            int a = (int) (pair >>> 32);
            int b = (int) pair;
            double jac = (double) count / (keyCount[a] + keyCount[b] - count);
            if (count >= minShared && jac >= minSimilarity) {
                uf.union(a, b);
                simSum[a] = Math.max(simSum[a], jac);
                simSum[b] = Math.max(simSum[b], jac);
            }
        });
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int a = 0; a < n; a++) {
            if (uf.sizeOf(a) >= minGroup) {
                groups.computeIfAbsent(uf.find(a), x -> new ArrayList<>()).add(a);
            }
        }
        List<CoordinationFinding> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            out.add(finding(g, accounts, used, simSum));
        }
        return out;
    }

    private CoordinationFinding finding(List<Integer> group, Ids accounts, List<Action> used, double[] bestSim) {
        Set<String> members = new HashSet<>();
        double sim = 0;
        for (int a : group) {
            members.add(accounts.name(a));
            sim += bestSim[a];
        }
        sim /= group.size();
        Map<String, Set<String>> perTargetWindow = new HashMap<>(); // the distinct members acting there
        Set<String> prefixes = new HashSet<>();
        Set<String> devices = new HashSet<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        int acts = 0;
        for (Action a : used) {
            if (members.contains(a.actor())) {
                perTargetWindow.computeIfAbsent(a.target() + '\u0000' + Math.floorDiv(a.ts(), windowSeconds),
                        k -> new HashSet<>()).add(a.actor());
                if (!a.ipPrefix().isEmpty()) {
                    prefixes.add(a.ipPrefix());
                }
                if (!a.device().isEmpty()) {
                    devices.add(a.device());
                }
                acts++;
            }
        }
        Set<String> targets = new HashSet<>();
        int syncKeys = 0;
        int threshold = Math.max(2, (group.size() + 1) / 2); // at least half the group, rounded up
        for (Map.Entry<String, Set<String>> e : perTargetWindow.entrySet()) {
            if (e.getValue().size() >= threshold) {
                syncKeys++;
                targets.add(e.getKey().substring(0, e.getKey().indexOf('\u0000')));
            }
        }
        for (Action a : used) {
            if (members.contains(a.actor()) && targets.contains(a.target())) {
                from = Math.min(from, a.ts());
                to = Math.max(to, a.ts());
            }
        }
        if (from > to) {
            from = to = 0;
        }
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("accounts", Integer.toString(members.size()));
        ev.put("actions", Integer.toString(acts));
        ev.put("synchronisedTargetWindows", Integer.toString(syncKeys));
        ev.put("meanBestJaccard", String.format(Locale.ROOT, "%.2f", sim));
        ev.put("distinctIpPrefixes", Integer.toString(prefixes.size()));
        ev.put("distinctDevices", Integer.toString(devices.size()));
        ev.put("windowSeconds", Long.toString(windowSeconds));
        double score = Math.min(1, sim * (double) members.size() / (members.size() + minGroup) * 2);
        return new CoordinationFinding(FindingKind.SYNCHRONISED, List.copyOf(members), List.copyOf(targets),
                from, to, score, ev);
    }

    /** Per key: its accounts and their prefixes, interleaved (account, prefix, account, prefix, …). */
    private static int[][] group(List<int[]> pairs, int keyCount) {
        int[] count = new int[keyCount];
        for (int[] p : pairs) {
            count[p[0]]++;
        }
        int[][] out = new int[keyCount][];
        for (int k = 0; k < keyCount; k++) {
            out[k] = new int[2 * count[k]];
        }
        int[] fill = new int[keyCount];
        for (int[] p : pairs) {
            out[p[0]][fill[p[0]]++] = p[1];
            out[p[0]][fill[p[0]]++] = p[2];
        }
        return out;
    }

    private void countPairs(int[] members, LongIntCounter shared) {
        int m = members.length / 2;
        if (m < 2) {
            return;
        }
        if (m <= maxPerKey) {
            countAll(members, m, shared);
            return;
        }
        // split by IP prefix: sort (prefix, account) and count within runs
        long[] byPrefix = new long[m];
        for (int i = 0; i < m; i++) {
            byPrefix[i] = ((long) members[2 * i + 1] << 32) | members[2 * i];
        }
        Arrays.sort(byPrefix);
        int start = 0;
        for (int i = 1; i <= m; i++) {
            if (i == m || (byPrefix[i] >>> 32) != (byPrefix[start] >>> 32)) {
                int len = i - start;
                if (len >= 2 && len <= maxPerKey) {
                    int[] part = new int[2 * len];
                    for (int j = 0; j < len; j++) {
                        part[2 * j] = (int) byPrefix[start + j];
                    }
                    countAll(part, len, shared);
                }
                start = i;
            }
        }
    }

    private static void countAll(int[] members, int m, LongIntCounter shared) {
        for (int i = 0; i < m; i++) {
            int a = members[2 * i];
            for (int j = i + 1; j < m; j++) {
                int b = members[2 * j];
                shared.increment(a < b ? ((long) a << 32) | b : ((long) b << 32) | a);
            }
        }
    }
}
