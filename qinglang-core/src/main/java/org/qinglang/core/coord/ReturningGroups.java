package org.qinglang.core.coord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Returning groups (换马甲 / 小号回流): accounts, not themselves sanctioned, that are linked to a sanctioned
 * group by what they share with it. Four kinds of link, each giving a probability-like strength p; an
 * account's link score is 1 − Π(1 − p):
 * <ul>
 *   <li>device: the account used a device a group member used: {@code pDevice};</li>
 *   <li>network: it acted from IP prefixes a group member used: for each, {@code pNetwork} scaled down by
 *       how many established accounts (older than {@code maxAgeDays}, not in the group) use it, so a carrier
 *       NAT says little while the group's own new accounts do not dilute it: pNetwork · min(1, 5 / them);
 *       several such prefixes combine as 1 − Π(1 − p);</li>
 *   <li>behaviour: at least 3 of its targets are targets of the group: {@code pBehaviour} times the share of
 *       its targets that are;</li>
 *   <li>writing style: the cosine of its character-bigram profile with the group's exceeds 0.5:
 *       {@code pStyle} · (cos − 0.5) / 0.5.</li>
 * </ul>
 * Accounts at most {@code maxAgeDays} old with a score of at least {@code minScore} are linked; a group with
 * at least {@code minLinked} linked accounts is reported as back, with each link's evidence.
 *
 * @param pDevice    strength of a shared device, 0 to 1
 * @param pNetwork   strength of a shared small IP prefix, 0 to 1
 * @param pBehaviour strength of a fully shared target set, 0 to 1
 * @param pStyle     strength of an identical writing style, 0 to 1
 * @param minScore   link score to link, 0 to 1
 * @param minLinked  linked accounts to report the group, 1 or more
 * @param maxAgeDays the oldest account considered new
 */
public record ReturningGroups(double pDevice, double pNetwork, double pBehaviour, double pStyle, double minScore,
                              int minLinked, int maxAgeDays) {

    /** Device 0.9, network 0.5, behaviour 0.6, style 0.6; link at 0.8; 3 accounts; up to 180 days old. */
    public static final ReturningGroups DEFAULTS = new ReturningGroups(0.9, 0.5, 0.6, 0.6, 0.8, 3, 180);

    private static final int STYLE_DIMS = 1 << 9;

    public ReturningGroups {
        for (double p : new double[] {pDevice, pNetwork, pBehaviour, pStyle, minScore}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("pDevice, pNetwork, pBehaviour, pStyle and minScore must be 0 to 1,"
                        + " one was " + p);
            }
        }
        if (minLinked < 1 || maxAgeDays < 0) {
            throw new IllegalArgumentException("minLinked must be 1 or more and maxAgeDays 0 or more, were "
                    + minLinked + ", " + maxAgeDays);
        }
    }

    private static final class Profile {
        final Set<String> devices = new HashSet<>();
        final Set<String> prefixes = new HashSet<>();
        final Set<String> targets = new HashSet<>();
        float[] style; // allocated on the first text
        int minAge = Integer.MAX_VALUE;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
    }

    /**
     * The sanctioned groups that are back.
     *
     * @param actions    recent actions of all accounts, the sanctioned ones' included
     * @param sanctioned group id → its sanctioned accounts
     */
    public List<CoordinationFinding> find(List<Action> actions, Map<String, Set<String>> sanctioned) {
        Map<String, Profile> profiles = new HashMap<>();
        Map<String, Set<String>> prefixUsers = new HashMap<>();
        for (Action a : actions) {
            Profile p = profiles.computeIfAbsent(a.actor(), x -> new Profile());
            if (!a.device().isEmpty()) {
                p.devices.add(a.device());
            }
            if (!a.ipPrefix().isEmpty()) {
                p.prefixes.add(a.ipPrefix());
                prefixUsers.computeIfAbsent(a.ipPrefix(), x -> new HashSet<>()).add(a.actor());
            }
            p.targets.add(a.target());
            if (!a.text().isEmpty()) {
                if (p.style == null) {
                    p.style = new float[STYLE_DIMS];
                }
                addStyle(p.style, a.text());
            }
            p.minAge = Math.min(p.minAge, a.actorAgeDays());
            p.first = Math.min(p.first, a.ts());
            p.last = Math.max(p.last, a.ts());
        }
        Set<String> allSanctioned = new HashSet<>();
        sanctioned.values().forEach(allSanctioned::addAll);
        List<CoordinationFinding> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> g : new TreeMap<>(sanctioned).entrySet()) {
            Set<String> devices = new HashSet<>();
            Set<String> prefixes = new HashSet<>();
            Map<String, Integer> targetCounts = new HashMap<>();
            float[] style = new float[STYLE_DIMS];
            for (String m : g.getValue()) {
                Profile p = profiles.get(m);
                if (p == null) {
                    continue;
                }
                devices.addAll(p.devices);
                prefixes.addAll(p.prefixes);
                p.targets.forEach(t -> targetCounts.merge(t, 1, Integer::sum));
                for (int i = 0; p.style != null && i < STYLE_DIMS; i++) {
                    style[i] += p.style[i];
                }
            }
            Set<String> groupTargets = new HashSet<>();
            int need = g.getValue().size() > 1 ? 2 : 1;
            targetCounts.forEach((t, c) -> {
                if (c >= need) {
                    groupTargets.add(t);
                }
            });
            Map<String, String> links = new TreeMap<>();
            Set<String> linkedTargets = new HashSet<>();
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            double scoreSum = 0;
            int[] kinds = new int[4];
            for (Map.Entry<String, Profile> e : profiles.entrySet()) {
                Profile p = e.getValue();
                if (allSanctioned.contains(e.getKey()) || p.minAge > maxAgeDays) {
                    continue;
                }
                double miss = 1;
                StringBuilder why = new StringBuilder();
                int[] its = new int[4]; // this account's links by kind, counted in the group's only if it is linked
                if (intersects(p.devices, devices)) {
                    miss *= 1 - pDevice;
                    why.append("device ");
                    its[0]++;
                }
                double netMiss = 1;
                for (String prefix : p.prefixes) {
                    if (prefixes.contains(prefix)) {
                        // a shared network is told by its established users: new accounts on the group's
                        // prefixes are what is being scored (the group's own new accounts among them)
                        int others = 0;
                        for (String u : prefixUsers.get(prefix)) {
                            if (!g.getValue().contains(u) && profiles.get(u).minAge > maxAgeDays) {
                                others++;
                            }
                        }
                        netMiss *= 1 - pNetwork * Math.min(1, 5.0 / Math.max(1, others));
                    }
                }
                double net = 1 - netMiss;
                if (net > 0) {
                    miss *= 1 - net;
                    why.append(String.format(Locale.ROOT, "network(%.2f) ", net));
                    its[1]++;
                }
                int shared = 0;
                for (String t : p.targets) {
                    if (groupTargets.contains(t)) {
                        shared++;
                    }
                }
                if (shared >= 3) {
                    miss *= 1 - pBehaviour * shared / p.targets.size();
                    why.append("targets(").append(shared).append('/').append(p.targets.size()).append(") ");
                    its[2]++;
                }
                double cos = p.style == null ? 0 : cosine(p.style, style);
                if (cos > 0.5) {
                    miss *= 1 - pStyle * (cos - 0.5) / 0.5;
                    why.append(String.format(Locale.ROOT, "style(%.2f) ", cos));
                    its[3]++;
                }
                double score = 1 - miss;
                if (score >= minScore) {
                    links.put(e.getKey(), String.format(Locale.ROOT, "%.2f: %s", score, why.toString().trim()));
                    for (int k = 0; k < kinds.length; k++) {
                        kinds[k] += its[k];
                    }
                    scoreSum += score;
                    from = Math.min(from, p.first);
                    to = Math.max(to, p.last);
                    for (String t : p.targets) {
                        if (groupTargets.contains(t)) {
                            linkedTargets.add(t);
                        }
                    }
                }
            }
            if (links.size() < minLinked) {
                continue;
            }
            Map<String, String> ev = new LinkedHashMap<>();
            ev.put("group", g.getKey());
            ev.put("sanctionedAccounts", Integer.toString(g.getValue().size()));
            ev.put("linkedAccounts", Integer.toString(links.size()));
            ev.put("linksByDevice", Integer.toString(kinds[0]));
            ev.put("linksByNetwork", Integer.toString(kinds[1]));
            ev.put("linksByTargets", Integer.toString(kinds[2]));
            ev.put("linksByStyle", Integer.toString(kinds[3]));
            links.forEach((acc, why) -> ev.put("link:" + acc, why));
            out.add(new CoordinationFinding(FindingKind.RETURNING_GROUP, List.copyOf(links.keySet()),
                    List.copyOf(linkedTargets), from, to, scoreSum / links.size(), ev));
        }
        return out;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    private static void addStyle(float[] v, String text) {
        int prev = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (prev >= 0) {
                int h = (int) (NearDuplicateClusters.mix(((long) prev << 21) ^ cp) >>> 52);
                v[h & (STYLE_DIMS - 1)]++;
            }
            prev = cp;
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
