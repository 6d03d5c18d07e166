package org.qinglang.core.coord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hot-list manipulation (刷榜 / 刷热搜): a target on the trending list whose rise is carried by a coordinated
 * group.
 *
 * <p>Engagement (likes, reposts, comments) per target is counted in the trending window
 * [now − {@code windowSeconds}, now) and, as a baseline, per window over the {@code baselineWindows} windows
 * before. The trending list is the {@code topN} targets by count whose count is at least
 * {@code minEngagement} and at least {@code minRise} times (baseline + 1). A listed target is a finding when at least {@code minGroupShare} of its engagement in
 * the window comes from members of the given groups (findings of the other detectors).
 *
 * @param windowSeconds   the trending window
 * @param baselineWindows windows before it that make the baseline, 1 or more
 * @param topN            the length of the trending list, 1 or more
 * @param minRise         the rise over baseline to trend, 1 or more
 * @param minEngagement   the least engagement in the window to trend, 1 or more
 * @param minGroupShare   the share of engagement from group members, 0 to 1
 */
public record HotListManipulation(long windowSeconds, int baselineWindows, int topN, double minRise,
                                  int minEngagement, double minGroupShare) {

    /** Six-hour windows against the 8 before, top 50, rise 3×, at least 20, a third of the engagement from groups. */
    public static final HotListManipulation DEFAULTS = new HotListManipulation(6 * 3_600L, 8, 50, 3.0, 20, 1.0 / 3);

    private static final Set<ActionType> ENGAGEMENT = Set.of(ActionType.LIKE, ActionType.REPOST, ActionType.COMMENT);

    public HotListManipulation {
        if (windowSeconds < 1 || baselineWindows < 1 || topN < 1 || !(minRise >= 1) || minEngagement < 1
                || !(minGroupShare >= 0 && minGroupShare <= 1)) {
            throw new IllegalArgumentException("windowSeconds, baselineWindows and topN must be 1 or more, minRise"
                    + " 1 or more, minEngagement 1 or more, minGroupShare 0 to 1; were " + windowSeconds + ", "
                    + baselineWindows + ", " + topN + ", " + minRise + ", " + minEngagement + ", " + minGroupShare);
        }
    }

    /** The manipulated trending targets at time {@code now}, given the groups found so far. */
    public List<CoordinationFinding> find(List<Action> actions, List<CoordinationFinding> groups, long now) {
        Map<String, Set<String>> groupOf = new HashMap<>();
        for (CoordinationFinding g : groups) {
            for (String m : g.members()) {
                groupOf.computeIfAbsent(m, x -> new HashSet<>()).add(g.kind().wireName());
            }
        }
        long start = now - windowSeconds;
        long baseStart = start - baselineWindows * windowSeconds;
        Map<String, int[]> counts = new HashMap<>(); // [window, baseline, from groups]
        for (Action a : actions) {
            if (!ENGAGEMENT.contains(a.type()) || a.ts() >= now || a.ts() < baseStart) {
                continue;
            }
            int[] c = counts.computeIfAbsent(a.target(), x -> new int[3]);
            if (a.ts() >= start) {
                c[0]++;
                if (groupOf.containsKey(a.actor())) {
                    c[2]++;
                }
            } else {
                c[1]++;
            }
        }
        List<Map.Entry<String, int[]>> trending = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            double base = (double) e.getValue()[1] / baselineWindows;
            if (e.getValue()[0] >= minEngagement && e.getValue()[0] >= minRise * (base + 1)) {
                trending.add(e);
            }
        }
        trending.sort((x, y) -> x.getValue()[0] != y.getValue()[0] ? Integer.compare(y.getValue()[0], x.getValue()[0])
                : x.getKey().compareTo(y.getKey()));
        List<CoordinationFinding> out = new ArrayList<>();
        for (int rank = 0; rank < Math.min(topN, trending.size()); rank++) {
            Map.Entry<String, int[]> e = trending.get(rank);
            int[] c = e.getValue();
            double share = (double) c[2] / c[0];
            if (c[2] == 0 || share < minGroupShare) {
                continue;
            }
            Set<String> members = new HashSet<>();
            Set<String> kinds = new HashSet<>();
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (Action a : actions) {
                if (a.target().equals(e.getKey()) && ENGAGEMENT.contains(a.type()) && a.ts() >= start && a.ts() < now
                        && groupOf.containsKey(a.actor())) {
                    members.add(a.actor());
                    kinds.addAll(groupOf.get(a.actor()));
                    from = Math.min(from, a.ts());
                    to = Math.max(to, a.ts());
                }
            }
            Map<String, String> ev = new LinkedHashMap<>();
            ev.put("rank", Integer.toString(rank + 1));
            ev.put("engagementInWindow", Integer.toString(c[0]));
            ev.put("baselinePerWindow", String.format(Locale.ROOT, "%.2f", (double) c[1] / baselineWindows));
            ev.put("fromGroups", Integer.toString(c[2]));
            ev.put("groupShare", String.format(Locale.ROOT, "%.2f", share));
            ev.put("groupKinds", String.join(",", new java.util.TreeSet<>(kinds)));
            out.add(new CoordinationFinding(FindingKind.HOT_LIST, List.copyOf(members), List.of(e.getKey()), from, to,
                    Math.min(1, share), ev));
        }
        return out;
    }
}
