package org.qinglang.core.coord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rating manipulation of one item (刷分 / 控分): a burst of ratings that pulls the item's score one way.
 *
 * <p>Per item with at least {@code minBurst} ratings: the window of {@code windowSeconds} holding the most
 * ratings is its busiest window; the item's other ratings are its baseline, with its ratings from before the batch
 * when the caller keeps them ({@link History}: a stream detector whose batch is one day's window, where the busiest
 * day is the whole batch). With fewer such ratings than {@code minBurst} (too few to say what the item's usual mix
 * is) the baseline is the mean of all ratings in the batch, and then a burst counts only if at least half of its
 * suspects are new accounts: against the mean of other items, an organic first day of an item better or worse than
 * most would otherwise look bought. The window is a burst when it holds at least {@code minBurst} ratings more
 * than the item's average rate predicts and its mean differs from the baseline mean by at least
 * {@code minShift} stars and by at least {@code minZ} standard errors of that difference (the baseline's
 * standard deviation times √(1/window's count + 1/baseline's count), so that a baseline of a few ratings proves
 * little): an organic release spike has the item's usual mix of scores, a bought one has not. The suspects are the burst's ratings at least {@code minDeviation} stars from the baseline, in the
 * burst's direction, plus any rating made before the item's release time when one is known. Beside each
 * finding: the item's mean with and without the suspects, how many suspects are new accounts (at most
 * {@code newAccountDays} old), and the suspects' and the others' mean REV2 fairness ({@link RaterFairness}).
 *
 * @param windowSeconds  the burst window width
 * @param minBurst       excess ratings for a burst, 2 or more
 * @param minShift       stars between the burst's mean and the baseline mean, more than 0
 * @param minZ           standard errors between the burst's mean and the baseline mean, 0 or more
 * @param minDeviation   stars between a suspect rating and the baseline mean, more than 0
 * @param newAccountDays the age up to which an account counts as new
 * @param fairness       the REV2 settings
 */
public record RatingManipulation(long windowSeconds, int minBurst, double minShift, double minZ, double minDeviation,
                                 int newAccountDays, RaterFairness fairness) {

    /** One-day windows, 15 excess ratings, a shift of 1 star and 4 standard errors, 1.5 stars deviation, 30-day-old accounts are new. */
    public static final RatingManipulation DEFAULTS = new RatingManipulation(86_400, 15, 1.0, 4.0, 1.5, 30,
            RaterFairness.DEFAULTS);

    public RatingManipulation {
        if (windowSeconds < 1 || minBurst < 2 || !(minShift > 0) || !(minZ >= 0) || !(minDeviation > 0)
                || newAccountDays < 0) {
            throw new IllegalArgumentException("windowSeconds must be 1 or more, minBurst 2 or more, minShift and"
                    + " minDeviation more than 0, newAccountDays 0 or more; were " + windowSeconds + ", " + minBurst
                    + ", " + minShift + ", " + minDeviation + ", " + newAccountDays);
        }
    }

    /**
     * An item's ratings from before the batch, summed (评分历史): how many, their sum and sum of squares, and the
     * times of the first and the last (epoch seconds).
     */
    public record History(long count, double sum, double sumSq, long first, long last) {

        /** No ratings. */
        public static final History NONE = new History(0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE);

        /** This history with rating {@code a} added. */
        public History plus(Action a) {
            return new History(count + 1, sum + a.rating(), sumSq + (double) a.rating() * a.rating(),
                    Math.min(first, a.ts()), Math.max(last, a.ts()));
        }
    }

    /** The manipulated items among the ratings of {@code actions}; no release times known. */
    public List<CoordinationFinding> find(List<Action> actions) {
        return find(actions, Map.of());
    }

    /**
     * The manipulated items among the ratings of {@code actions}.
     *
     * @param releases the release time (epoch seconds) of items that have one; ratings before it are suspect
     */
    public List<CoordinationFinding> find(List<Action> actions, Map<String, Long> releases) {
        return find(actions, releases, Map.of());
    }

    /**
     * The manipulated items among the ratings of {@code actions}, each item's ratings before the batch in its
     * baseline.
     *
     * @param releases the release time (epoch seconds) of items that have one; ratings before it are suspect
     * @param history  the ratings of items before the batch (item → history); may be empty
     */
    public List<CoordinationFinding> find(List<Action> actions, Map<String, Long> releases,
                                          Map<String, History> history) {
        Map<String, List<Action>> byItem = new LinkedHashMap<>();
        double all = 0;
        double allSq = 0;
        int count = 0;
        for (Action a : actions) {
            if (a.type() == ActionType.RATING) {
                byItem.computeIfAbsent(a.target(), x -> new ArrayList<>()).add(a);
                all += a.rating();
                allSq += a.rating() * a.rating();
                count++;
            }
        }
        if (count == 0) {
            return List.of();
        }
        double globalMean = all / count;
        double globalSd = Math.sqrt(Math.max(0.25, allSq / count - globalMean * globalMean));
        RaterFairness.Scores scores = null;
        List<CoordinationFinding> out = new ArrayList<>();
        for (Map.Entry<String, List<Action>> e : byItem.entrySet()) {
            List<Action> rs = e.getValue();
            Long release = releases.get(e.getKey());
            History before = history.getOrDefault(e.getKey(), History.NONE);
            boolean noBaseline = false;
            List<Action> suspects = new ArrayList<>();
            long from;
            long to;
            double expected = 0;
            int inWindow = 0;
            double baseline;
            if (rs.size() >= minBurst) {
                rs.sort(Comparator.comparingLong(Action::ts));
                int bestStart = 0;
                int bestEnd = 0;
                for (int i = 0, j = 0; i < rs.size(); i++) {
                    while (rs.get(i).ts() - rs.get(j).ts() >= windowSeconds) {
                        j++;
                    }
                    if (i + 1 - j > bestEnd - bestStart) {
                        bestStart = j;
                        bestEnd = i + 1;
                    }
                }
                inWindow = bestEnd - bestStart;
                long first = Math.min(before.first(), rs.get(0).ts());
                long span = Math.max(windowSeconds, rs.get(rs.size() - 1).ts() - first);
                expected = (rs.size() - inWindow + before.count()) * (double) windowSeconds / span;
                double sumIn = 0;
                double sumOut = before.sum();
                double sqOut = before.sumSq();
                for (int i = 0; i < rs.size(); i++) {
                    if (i >= bestStart && i < bestEnd) {
                        sumIn += rs.get(i).rating();
                    } else {
                        sumOut += rs.get(i).rating();
                        sqOut += rs.get(i).rating() * rs.get(i).rating();
                    }
                }
                long out0 = rs.size() - inWindow + before.count();
                // too few other ratings to say what the item's usual mix is: fewer than a burst, or, for a day busier
                // than that, fewer than two bursts (a popular item's first day against a few earlier ratings: the day
                // is its usual mix, the few are not)
                noBaseline = out0 < Math.min(inWindow, 2L * minBurst);
                baseline = noBaseline ? globalMean : sumOut / out0;
                double sd = noBaseline ? globalSd : Math.sqrt(Math.max(0.25, sqOut / out0 - baseline * baseline));
                double shift = sumIn / inWindow - baseline;
                // the standard error of the difference: the burst's and, when the item has one, its baseline's (a
                // baseline of two or three ratings proves little, and a stream's early days give no more)
                double z = Math.abs(shift) / (sd * Math.sqrt(1.0 / inWindow + (noBaseline ? 0 : 1.0 / out0)));
                if (inWindow - expected >= minBurst && Math.abs(shift) >= minShift && z >= minZ) {
                    double dir = Math.signum(shift);
                    for (int i = bestStart; i < bestEnd; i++) {
                        if ((rs.get(i).rating() - baseline) * dir >= minDeviation) {
                            suspects.add(rs.get(i));
                        }
                    }
                }
                from = rs.get(bestStart).ts();
                to = rs.get(bestEnd - 1).ts();
            } else {
                baseline = globalMean;
                from = rs.get(0).ts();
                to = rs.get(rs.size() - 1).ts();
            }
            if (release != null) {
                for (Action a : rs) {
                    if (a.ts() < release && !suspects.contains(a)) {
                        suspects.add(a);
                    }
                }
            }
            if (suspects.isEmpty() || (release == null && suspects.size() < minBurst / 2)) {
                continue;
            }
            int fresh = newAccounts(suspects);
            if (noBaseline && release == null && 2 * fresh < suspects.size()) {
                continue; // measured against other items only, and rated by established accounts: likely organic
            }
            if (scores == null) {
                scores = fairness.score(actions);
            }
            out.add(finding(e.getKey(), rs, suspects, fresh, baseline, inWindow, expected, scores, release));
        }
        return out;
    }

    private CoordinationFinding finding(String item, List<Action> rs, List<Action> suspects, int fresh,
                                        double baseline, int inWindow, double expected, RaterFairness.Scores scores,
                                        Long release) {
        Map<String, Boolean> isSuspect = new HashMap<>(); // the accounts, the finding's members
        // the ratings themselves: an account's other ratings of the item are not suspect and stay in "without"
        Set<Action> suspectRatings = Collections.newSetFromMap(new IdentityHashMap<>());
        suspectRatings.addAll(suspects);
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        int early = 0;
        double fs = 0;
        double sumS = 0;
        for (Action a : suspects) {
            isSuspect.put(a.actor(), true);
            from = Math.min(from, a.ts());
            to = Math.max(to, a.ts());
            if (release != null && a.ts() < release) {
                early++;
            }
            fs += scores.fairness().getOrDefault(a.actor(), 0.0);
            sumS += a.rating();
        }
        double sumAll = 0;
        double fo = 0;
        int others = 0;
        for (Action a : rs) {
            sumAll += a.rating();
            if (!suspectRatings.contains(a)) {
                fo += scores.fairness().getOrDefault(a.actor(), 0.0);
                others++;
            }
        }
        double with = sumAll / rs.size();
        double without = others == 0 ? Double.NaN : (sumAll - sumS) / others;
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("ratings", Integer.toString(rs.size()));
        ev.put("suspectRatings", Integer.toString(suspects.size()));
        ev.put("ratingsInBusiestWindow", Integer.toString(inWindow));
        ev.put("expectedInWindow", fmt(expected));
        ev.put("baselineMean", fmt(baseline));
        ev.put("meanWithSuspects", fmt(with));
        ev.put("meanWithoutSuspects", others == 0 ? "none left" : fmt(without));
        ev.put("suspectsNewAccounts", Integer.toString(fresh));
        ev.put("suspectsBeforeRelease", Integer.toString(early));
        ev.put("meanFairnessSuspects", fmt(fs / suspects.size()));
        ev.put("meanFairnessOthers", others == 0 ? "none" : fmt(fo / others));
        double shift = others == 0 ? Math.abs(with - baseline) : Math.abs(with - without);
        double score = Math.min(1, shift / 2 + (double) suspects.size() / (suspects.size() + 2.0 * minBurst) / 2);
        return new CoordinationFinding(FindingKind.RATING_MANIPULATION, List.copyOf(isSuspect.keySet()),
                List.of(item), from, to, score, ev);
    }

    private int newAccounts(List<Action> ratings) {
        int n = 0;
        for (Action a : ratings) {
            if (a.actorAgeDays() <= newAccountDays) {
                n++;
            }
        }
        return n;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
