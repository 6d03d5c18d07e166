package org.qinglang.core.stream;

import org.qinglang.core.text.Folding;
import org.qinglang.core.verdict.Context;
import org.qinglang.core.verdict.Label;
import org.qinglang.core.verdict.Suggestion;
import org.qinglang.core.verdict.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The pile-on monitor (网暴预警): watches everything said to and about one target account — comments,
 * danmaku, mentions, direct messages, reposts, posts about it, and reports — and raises an {@link Alert} of
 * kind {@code pileon} when many people turn on it at once.
 *
 * <h2>Signals, over a sliding window ({@link PileOnThresholds#window}, 24 hours by default, in one-minute buckets)</h2>
 * <ul>
 *   <li><b>volume</b> and its <b>surge</b> over the target's own baseline (an exponentially weighted rate that
 *       starts from {@link PileOnThresholds#priorPerHour} and is not updated while an alert is open), and
 *       its <b>acceleration</b> (second half of the window against the first);</li>
 *   <li>the share the Moderator does not pass (<b>abusive</b>) and blocks (<b>severe</b>);</li>
 *   <li>the share from <b>strangers</b> and from <b>new accounts</b>;</li>
 *   <li><b>near-duplicates</b>: texts that, with emoji codes, punctuation and spaces taken out, repeat a text
 *       already in the window (copy-and-paste pile-ons);</li>
 *   <li>the number of <b>reports</b>;</li>
 *   <li><b>spread</b>: how many of the target's content items have hostile events in the window;</li>
 *   <li>the <b>recent share</b>: the share the Moderator does not pass among the target's newest
 *       {@link PileOnThresholds#recentEvents} events, against the target's own usual share;</li>
 *   <li>the <b>person-directed share</b>: the share of the newest {@link PileOnThresholds#personEvents} events that
 *       the Moderator does not pass and that are aimed at a person ({@link PersonDirected}: 你, 他, 这种人, 人肉 …),
 *       against the target's own usual share of them.</li>
 * </ul>
 * They are weighed into one hostility score ({@link PileOnThresholds} says how); the target's baseline score
 * is taken off, and the excess decides the level: 关注 watch (or a surge with some hostility), 预警 warning (with
 * enough of the volume hostile), 严重 severe (a higher score, or a warning spread over several items). The recent
 * share raises 预警 warning on its own, whatever the volume ({@link PileOnThresholds#recentShare}): the score
 * grows with the size of the crowd, the share does not, so a small account's pile-on is seen as a large one's. The
 * person-directed share raises 预警 warning on its own too ({@link PileOnThresholds#personShare}): anger turned on a
 * person, not on an event or an institution.
 *
 * <h2>Alerts</h2>
 * Each level is raised once, with the figures and the worst items (with their verdicts) as evidence, and
 * the participants with their roles; once the score has stayed below watch for
 * {@link PileOnThresholds#closeAfter}, a {@link Alert.Level#CLOSED} alert ends the episode (a timer closes it
 * even if no event comes).
 *
 * <h2>Roles (so that a batch decision can step up by role)</h2>
 * {@link Alert.Role#INCITER 煽动}: an actor whose item (a post, a quote, or a hostile comment) is reposted, or
 * answered with hostility, by at least {@link PileOnThresholds#incitedBy} other accounts (events whose
 * {@code target.content} is the id of its event; one account counts once, however often it reposts);
 * {@link Alert.Role#FIRST 首发}: the first {@link PileOnThresholds#firstPosters} actors to post hostile items in
 * the episode; {@link Alert.Role#REPEAT 多发}: at least {@link PileOnThresholds#repeatPosts} hostile items;
 * {@link Alert.Role#PARTICIPANT 参与}: any other actor with a hostile item. The target itself is never a
 * participant.
 *
 * <h2>Keys</h2>
 * The target account; an event that names only a content item is keyed by {@code content/ID}.
 *
 * <p>The monitor holds no state itself (one instance serves every key; thread-safe if its verdict source is).
 * The verdict of each text comes from the function given ({@code moderator.check(text, context)}, or a
 * precomputed table); events without text are never hostile.
 */
public final class PileOnMonitor implements Detector<PileOnMonitor.TargetState> {

    /** A verdict for an event with nothing against it. */
    private static final Verdict PASS = new Verdict(Suggestion.PASS,
            org.qinglang.core.verdict.RiskLevel.NONE, List.of(), false);
    /** The shortest normalised text (in code points) that counts for near-duplicates. */
    static final int MIN_DUPLICATE_LENGTH = 4;

    private final PileOnThresholds t;
    private final Function<Event, Verdict> verdicts;
    private final long windowMinutes;
    private final double alpha;

    /**
     * @param thresholds the settings
     * @param verdicts   the Moderator's verdict for an event's text (called once per event with a text)
     */
    public PileOnMonitor(PileOnThresholds thresholds, Function<Event, Verdict> verdicts) {
        this.t = Objects.requireNonNull(thresholds, "thresholds");
        this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
        this.windowMinutes = thresholds.window().toMinutes();
        this.alpha = 1 - Math.pow(0.5, 1.0 / Math.max(1, thresholds.baselineHalfLife().toMinutes()));
    }

    /** The settings. */
    public PileOnThresholds thresholds() {
        return t;
    }

    /**
     * The key of a pile-on on a piece of content whose author the event does not name: this prefix and the
     * content's id. Such a target is not an account (no prompt offers it protection).
     */
    public static final String CONTENT_KEY = "content/";

    /**
     * The event's target account, else {@value #CONTENT_KEY} and its target content; none for an event about
     * neither (a post with no target): those of a whole platform would otherwise pile up under one key.
     */
    @Override
    public Optional<String> keyOf(Event e) {
        if (!e.target().account().isEmpty()) {
            return Optional.of(e.target().account());
        }
        if (e.target().content().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CONTENT_KEY + e.target().content());
    }

    @Override
    public TargetState start(String key, Instant now) {
        return new TargetState(key, t.priorPerHour() / 60, t.maxActors() * 4, Math.floorDiv(now.getEpochSecond(), 60));
    }

    @Override
    public Step<TargetState> onEvent(TargetState s, Event e, Instant now) {
        long minute = Math.floorDiv(e.ts().getEpochSecond(), 60);
        long nowMinute = Math.max(minute, Math.floorDiv(now.getEpochSecond(), 60));
        expire(s, nowMinute);
        Instant at = e.ts().isAfter(now) ? e.ts() : now;

        boolean byTarget = e.actor().equals(s.key) || e.context().relation() == Context.Relation.SELF;
        if (byTarget) {
            return Step.keep(s); // the target's own posts are what others react to, not part of the pile-on
        }
        Bucket b = minute > nowMinute - windowMinutes ? s.bucket(minute) : null;
        if (b == null) {
            return Step.keep(s); // older than the window
        }
        if (e.type() == EventType.REPORT) {
            b.counts.report(t.reportWeight());
            s.sums.report(t.reportWeight());
        } else if (e.type().speaks() || e.type() == EventType.POST) {
            count(s, b, e, minute);
        }
        return evaluate(s, at);
    }

    @Override
    public Step<TargetState> onTimer(TargetState s, Instant time, Instant now) {
        expire(s, Math.floorDiv(now.getEpochSecond(), 60));
        return evaluate(s, now);
    }

    @Override
    public List<Alert> onEvict(TargetState s, Instant now) {
        if (s.raised == Alert.Level.CLOSED) {
            return List.of();
        }
        return List.of(alert(s, Alert.Level.CLOSED, now));
    }

    private void count(TargetState s, Bucket b, Event e, long minute) {
        Verdict v = e.text().isEmpty() ? PASS : verdicts.apply(e);
        boolean hostile = v.suggestion() != Suggestion.PASS;
        // folded as the Moderator reads it: 這種人 and 妳 count as 这种人 and 你
        boolean personal = hostile && PersonDirected.aimsAtPerson(Folding.standard().foldString(e.text()));
        boolean blocked = v.suggestion() == Suggestion.BLOCK;
        Context c = e.context();
        boolean stranger = c.relation() == Context.Relation.STRANGER;
        boolean newAccount = c.ageKnown() && c.actorAgeDays() < t.newAccountDays();
        long fp = fingerprint(e.text());
        boolean duplicate = fp != 0 && s.fingerprints.merge(fp, 1, Integer::sum) > 1;
        if (fp != 0) {
            b.addFingerprint(fp);
        }
        double score = 0;
        if (hostile) {
            score = 1 + (blocked ? t.severeWeight() : 0) + (stranger ? t.strangerWeight() : 0)
                    + (newAccount ? t.newAccountWeight() : 0);
        }
        if (duplicate) {
            score += t.duplicateWeight();
        }
        boolean relationKnown = c.relation() != Context.Relation.UNKNOWN;
        b.counts.count(score, hostile, blocked, personal, duplicate, relationKnown, stranger, c.ageKnown(), newAccount);
        if (t.recentEvents() > 0) {
            s.recent(t.recentEvents()).add(minute, hostile);
        }
        if (t.personEvents() > 0) {
            s.personal(t.personEvents()).add(minute, personal);
        }
        s.sums.count(score, hostile, blocked, personal, duplicate, relationKnown, stranger, c.ageKnown(), newAccount);
        if (hostile) {
            String item = e.target().content();
            if (!item.isEmpty() && (s.hostileContent.size() < t.maxActors() || s.hostileContent.containsKey(item))) {
                s.hostileContent.put(item, minute);
            }
            s.offerSample(e, v, t.samples());
        }
        if (!e.actor().isEmpty()) {
            actor(s, e, hostile);
            if (hostile || e.type() == EventType.POST || e.type() == EventType.REPOST && !e.text().isEmpty()) {
                s.authors.put(e.id(), e.actor()); // what others may pile on to; the oldest forgotten past maxActors × 4
            }
        }
    }

    private void actor(TargetState s, Event e, boolean hostile) {
        Actor a = s.actors.get(e.actor());
        if (a == null && (hostile || e.type() == EventType.REPOST) && s.actors.size() < t.maxActors()) {
            a = new Actor();
            s.actors.put(e.actor(), a);
        }
        if (a != null && hostile) {
            if (a.hostile++ == 0 && s.firstCount < t.firstPosters()) {
                a.first = true;
                s.firstCount++;
            }
        }
        String ref = e.target().content();
        if (!ref.isEmpty() && (hostile || e.type() == EventType.REPOST)) {
            String author = s.authors.get(ref);
            if (author != null && !author.equals(e.actor()) && !author.equals(s.key)) {
                Actor inciter = s.actors.get(author);
                if (inciter == null && s.actors.size() < t.maxActors()) {
                    inciter = new Actor();
                    s.actors.put(author, inciter);
                }
                if (inciter != null) {
                    inciter.referredBy(e.actor(), t.incitedBy());
                }
            }
        }
    }

    private Step<TargetState> evaluate(TargetState s, Instant now) {
        Alert.Level level = level(s, Math.floorDiv(now.getEpochSecond(), 60));
        List<Alert> out = new ArrayList<>(2);
        if (level.compareTo(s.raised) > 0) {
            s.raised = level;
            out.add(alert(s, level, now));
        }
        if (level != Alert.Level.CLOSED) {
            s.lastAbove = now;
            s.belowSince = null;
        } else if (s.belowSince == null) {
            s.belowSince = now; // first seen below watch (it may have dropped since the last look: never sooner)
        }
        if (s.raised == Alert.Level.CLOSED) {
            return Step.of(s, out, List.of());
        }
        // above watch: look again closeAfter from now; below: close once it has stayed below for closeAfter. On a
        // whole minute (the buckets' grain), so a busy target sets at most one timer a minute
        Instant from = s.belowSince != null ? s.belowSince : s.lastAbove;
        long closeSecond = from.plus(t.closeAfter()).getEpochSecond();
        Instant closeAt = Instant.ofEpochSecond(Math.floorDiv(closeSecond + 59, 60) * 60);
        if (!now.isBefore(closeAt)) {
            out.add(alert(s, Alert.Level.CLOSED, now));
            s.endEpisode();
            return Step.of(s, out, List.of());
        }
        return Step.of(s, out, List.of(closeAt));
    }

    /** The hostility score of the window now, less the target's baseline: what the levels are set against. */
    public double excess(TargetState s) {
        return s.sums.score - s.baseScore * windowMinutes;
    }

    /** The share of the window's volume that is hostile or a near-duplicate, in [0, 1]. */
    public double hostileShare(TargetState s) {
        return s.sums.hostileOrDuplicate / (double) Math.max(1, s.sums.volume);
    }

    /**
     * The share of the target's newest {@link PileOnThresholds#recentEvents} events that the Moderator did not
     * pass, less the target's usual share ({@link #baselineShare}); {@link Double#NaN} while fewer than that many
     * events lie within the window (or the rule is off).
     *
     * @param nowMinute the time, in minutes since the epoch
     */
    public double recentExcessShare(TargetState s, long nowMinute) {
        return withinWindow(s.recent, nowMinute) ? s.recent.share() - baselineShare(s) : Double.NaN;
    }

    /**
     * The share of the target's newest {@link PileOnThresholds#personEvents} events that the Moderator did not pass
     * and that are aimed at a person ({@link PersonDirected}), less the target's usual share of such events
     * ({@link #baselinePersonShare}); {@link Double#NaN} while fewer than that many events lie within the window (or
     * the rule is off).
     *
     * @param nowMinute the time, in minutes since the epoch
     */
    public double personExcessShare(TargetState s, long nowMinute) {
        return withinWindow(s.personal, nowMinute) ? s.personal.share() - baselinePersonShare(s) : Double.NaN;
    }

    private boolean withinWindow(Recent r, long nowMinute) {
        return r != null && r.full() && r.oldestMinute() > nowMinute - windowMinutes;
    }

    /**
     * The target's usual share of events the Moderator does not pass: its baseline of hostile events over its
     * baseline volume, the latter taken as at least {@link PileOnThresholds#priorPerHour}, so that a target with
     * little history (a few rude words once) is not taken to be usually rude; 0 for a target never seen.
     */
    public double baselineShare(TargetState s) {
        return usualShare(s, s.baseHostile);
    }

    /** The target's usual share of events aimed at a person, taken as {@link #baselineShare} is. */
    public double baselinePersonShare(TargetState s) {
        return usualShare(s, s.basePersonal);
    }

    private double usualShare(TargetState s, double baseCount) {
        double volume = Math.max(s.baseVolume, t.priorPerHour() / 60);
        return volume <= 0 ? 0 : Math.min(1, baseCount / volume);
    }

    /** The level the figures in the window call for now. */
    Alert.Level level(TargetState s, long nowMinute) {
        double excess = excess(s);
        double expected = Math.max(1, s.baseVolume * windowMinutes);
        double share = hostileShare(s);
        Alert.Level l = Alert.Level.CLOSED;
        boolean surge = s.sums.volume >= t.watchVolume() && s.sums.volume >= t.watchSurge() * expected
                && share >= t.minHostileShare() / 2;
        if (excess >= t.watchScore() || surge) {
            l = Alert.Level.WATCH;
        }
        boolean byCount = excess >= t.warningScore() && share >= t.minHostileShare();
        boolean byShare = recentExcessShare(s, nowMinute) >= t.recentShare(); // false while NaN
        boolean byPerson = personExcessShare(s, nowMinute) >= t.personShare(); // likewise
        if (byCount || byShare || byPerson) {
            l = Alert.Level.WARNING;
            if (excess >= t.severeScore() || spread(s) >= t.severeSpread()) {
                l = Alert.Level.SEVERE;
            }
        }
        return l;
    }

    /** How many of the target's items have a hostile event in the window (the {@code contentItems} figure). */
    int spread(TargetState s) {
        long oldest = s.buckets.isEmpty() ? Long.MAX_VALUE : s.buckets.peekFirst().minute;
        int n = 0;
        for (Iterator<Long> it = s.hostileContent.values().iterator(); it.hasNext(); ) {
            if (it.next() < oldest) {
                it.remove();
            } else {
                n++;
            }
        }
        return n;
    }

    /** Drops the buckets that have left the window, folding them into the baseline when no alert is open. */
    private void expire(TargetState s, long nowMinute) {
        long oldestKept = nowMinute - windowMinutes + 1;
        if (!s.buckets.isEmpty() && s.buckets.peekFirst().minute < oldestKept && !s.hostileContent.isEmpty()) {
            // items whose last hostile event has left the window make room for new ones (the map is capped)
            s.hostileContent.values().removeIf(m -> m < oldestKept);
        }
        while (!s.buckets.isEmpty() && s.buckets.peekFirst().minute < oldestKept) {
            Bucket b = s.buckets.pollFirst();
            s.sums.subtract(b.counts);
            for (int i = 0; i < b.fingerprintCount; i++) {
                s.fingerprints.computeIfPresent(b.fingerprints[i], (k, n) -> n > 1 ? n - 1 : null);
            }
            if (s.raised == Alert.Level.CLOSED) {
                double decay = Math.pow(1 - alpha, Math.max(0, b.minute - s.baseMinute));
                s.baseVolume = s.baseVolume * decay + alpha * b.counts.volume;
                s.baseScore = s.baseScore * decay + alpha * b.counts.score;
                s.baseHostile = s.baseHostile * decay + alpha * b.counts.hostile;
                s.basePersonal = s.basePersonal * decay + alpha * b.counts.personal;
            }
            s.baseMinute = b.minute;
        }
        if (s.buckets.isEmpty()) {
            s.sums.score = 0; // no drift from adding and taking off the same doubles
        }
        if (s.raised == Alert.Level.CLOSED && s.sums.hostile == 0 && !s.actors.isEmpty()) {
            s.endEpisode(); // nothing hostile left in the window and no alert: forget who was rude before
        }
    }

    private Alert alert(TargetState s, Alert.Level level, Instant now) {
        Map<String, Double> f = new LinkedHashMap<>();
        double expected = s.baseVolume * windowMinutes;
        f.put("score", s.sums.score);
        f.put("baselineScore", s.baseScore * windowMinutes);
        f.put("volume", (double) s.sums.volume);
        f.put("baselineVolume", expected);
        f.put("surge", s.sums.volume / Math.max(1, expected));
        f.put("acceleration", acceleration(s));
        f.put("abusiveShare", share(s.sums.hostile, s.sums.volume));
        f.put("severeShare", share(s.sums.severe, s.sums.volume));
        f.put("nearDuplicateShare", share(s.sums.duplicates, s.sums.volume));
        f.put("strangerShare", share(s.sums.strangers, s.sums.relationKnown));
        f.put("newAccountShare", share(s.sums.newAccounts, s.sums.ageKnown));
        f.put("reports", (double) s.sums.reports);
        f.put("contentItems", (double) spread(s));
        f.put("recentShare", s.recent == null || s.recent.size == 0 ? 0 : s.recent.share());
        f.put("baselineShare", baselineShare(s));
        f.put("personShare", s.personal == null || s.personal.size == 0 ? 0 : s.personal.share());
        f.put("baselinePersonShare", baselinePersonShare(s));
        Map<String, Alert.Role> roles = roles(s);
        f.put("participants", (double) roles.size());
        f.put("windowMinutes", (double) windowMinutes);
        List<Alert.Sample> samples = s.worst.stream()
                .map(w -> new Alert.Sample(w.event.id(), w.event.ts(), w.event.actor(), w.event.text(), w.verdict))
                .toList();
        return new Alert(now, Alert.Kind.PILEON, s.key, level, new Alert.Evidence(f, samples), roles);
    }

    /** The participants of the episode and their roles, in the order first seen. */
    Map<String, Alert.Role> roles(TargetState s) {
        Map<String, Alert.Role> roles = new LinkedHashMap<>();
        for (Map.Entry<String, Actor> e : s.actors.entrySet()) {
            Actor a = e.getValue();
            Alert.Role r;
            if (a.referrers != null && a.referrers.size() >= t.incitedBy()) {
                r = Alert.Role.INCITER;
            } else if (a.first) {
                r = Alert.Role.FIRST;
            } else if (a.hostile >= t.repeatPosts()) {
                r = Alert.Role.REPEAT;
            } else if (a.hostile > 0) {
                r = Alert.Role.PARTICIPANT;
            } else {
                continue;
            }
            roles.put(e.getKey(), r);
        }
        return roles;
    }

    private double acceleration(TargetState s) {
        if (s.buckets.isEmpty()) {
            return 0;
        }
        long mid = s.buckets.peekLast().minute - windowMinutes / 2;
        int early = 0;
        int late = 0;
        for (Bucket b : s.buckets) {
            if (b.minute > mid) {
                late += b.counts.volume;
            } else {
                early += b.counts.volume;
            }
        }
        return late / (double) Math.max(1, early);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : part / (double) whole;
    }

    /**
     * A 64-bit fingerprint of the text with emoji codes ({@code [赞]}), punctuation, symbols and spaces taken
     * out and letters lower-cased; 0 for a text shorter than {@value #MIN_DUPLICATE_LENGTH} code points then.
     */
    static long fingerprint(String text) {
        long h = 0xcbf29ce484222325L;
        int n = 0;
        int len = text.length();
        for (int i = 0; i < len; ) {
            int cp = text.codePointAt(i);
            if (cp == '[') {
                int close = text.indexOf(']', i + 1);
                if (close > 0 && close - i <= 9) {
                    i = close + 1;
                    continue;
                }
            }
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                h ^= Character.toLowerCase(cp);
                h *= 0x100000001b3L;
                n++;
            }
        }
        return n < MIN_DUPLICATE_LENGTH ? 0 : (h == 0 ? 1 : h);
    }

    /** One minute of the window. */
    private static final class Bucket {
        final long minute;
        final Counts counts = new Counts();
        long[] fingerprints = new long[4];
        int fingerprintCount;

        Bucket(long minute) {
            this.minute = minute;
        }

        void addFingerprint(long fp) {
            if (fingerprintCount == fingerprints.length) {
                fingerprints = Arrays.copyOf(fingerprints, fingerprintCount * 2);
            }
            fingerprints[fingerprintCount++] = fp;
        }
    }

    /** What is counted per minute, and summed over the window. */
    private static final class Counts {
        int volume;
        int hostile;
        int severe;
        int personal;
        int duplicates;
        /** Events that are hostile, a near-duplicate or both, each counted once. */
        int hostileOrDuplicate;
        int strangers;
        int relationKnown;
        int newAccounts;
        int ageKnown;
        int reports;
        double score;

        void count(double weight, boolean hostile, boolean blocked, boolean personal, boolean duplicate,
                   boolean relationKnown, boolean stranger, boolean ageKnown, boolean newAccount) {
            volume++;
            score += weight;
            if (hostile) {
                this.hostile++;
                severe += blocked ? 1 : 0;
                this.personal += personal ? 1 : 0;
            }
            duplicates += duplicate ? 1 : 0;
            hostileOrDuplicate += hostile || duplicate ? 1 : 0;
            if (relationKnown) {
                this.relationKnown++;
                strangers += stranger ? 1 : 0;
            }
            if (ageKnown) {
                this.ageKnown++;
                newAccounts += newAccount ? 1 : 0;
            }
        }

        void report(double weight) {
            reports++;
            score += weight;
        }

        void subtract(Counts o) {
            volume -= o.volume;
            hostile -= o.hostile;
            severe -= o.severe;
            personal -= o.personal;
            duplicates -= o.duplicates;
            hostileOrDuplicate -= o.hostileOrDuplicate;
            strangers -= o.strangers;
            relationKnown -= o.relationKnown;
            newAccounts -= o.newAccounts;
            ageKnown -= o.ageKnown;
            reports -= o.reports;
            score -= o.score;
        }
    }

    /**
     * The target's newest events in arrival order, as a ring: the minute of each and one bit (set when the Moderator
     * did not pass it, or when it is hostile and aimed at a person). Fixed size, so memory per target stays bounded.
     */
    private static final class Recent {
        final int[] minutes;
        final long[] bits;
        int next;
        int size;
        int marked;

        Recent(int capacity) {
            minutes = new int[capacity];
            bits = new long[(capacity + 63) / 64];
        }

        void add(long minute, boolean bit) {
            int i = next;
            long mask = 1L << (i & 63);
            if (size == minutes.length) {
                marked -= (bits[i >> 6] & mask) != 0 ? 1 : 0;
            } else {
                size++;
            }
            minutes[i] = (int) minute; // minutes since the epoch fit an int until the year 6053
            if (bit) {
                bits[i >> 6] |= mask;
                marked++;
            } else {
                bits[i >> 6] &= ~mask;
            }
            next = i + 1 == minutes.length ? 0 : i + 1;
        }

        boolean full() {
            return size == minutes.length;
        }

        /** The minute of the oldest event held (the ring is full). */
        long oldestMinute() {
            return minutes[next];
        }

        /** The share of the events held whose bit is set. */
        double share() {
            return marked / (double) size;
        }
    }

    private static final class Actor {
        int hostile;
        /** The distinct others who reposted or answered this actor's items with hostility, at most incitedBy kept. */
        Set<String> referrers;
        boolean first;

        /** Counts {@code other} once among those referring to this actor's items (no more are kept than needed). */
        void referredBy(String other, int needed) {
            if (referrers == null) {
                referrers = new HashSet<>(4);
            }
            if (referrers.size() < needed) {
                referrers.add(other);
            }
        }
    }

    private record Worst(Event event, Verdict verdict, double rank) {
    }

    /**
     * The state kept per target: the window's buckets and sums, the baseline, the episode's actors and
     * worst items, and the level raised. Mutable, owned by the host for one key; not for use elsewhere.
     */
    public static final class TargetState {
        final String key;
        final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
        final HashMap<Long, Integer> fingerprints = new HashMap<>();
        final HashMap<String, Long> hostileContent = new HashMap<>();
        final LinkedHashMap<String, String> authors;
        final LinkedHashMap<String, Actor> actors = new LinkedHashMap<>();
        final List<Worst> worst = new ArrayList<>();
        /** The sums of the buckets in the window. */
        final Counts sums = new Counts();
        double baseVolume;
        double baseScore;
        double baseHostile;
        double basePersonal;
        /** The newest events, when the share rule is on; made on the first event. */
        Recent recent;
        /** The newest events, when the person-directed rule is on; made on the first event. */
        Recent personal;
        /** The minute the baseline was last moved to (at first, the minute the target was first seen). */
        long baseMinute;
        int firstCount;
        Alert.Level raised = Alert.Level.CLOSED;
        Instant lastAbove = Instant.MIN;
        /** When the level was first seen below watch since it was last above, while an alert is open; or null. */
        Instant belowSince;

        TargetState(String key, double baseVolumePerMinute, int maxAuthors, long startMinute) {
            this.key = key;
            this.baseMinute = startMinute; // the prior forgets from here, not all at once on the first bucket
            this.baseVolume = baseVolumePerMinute;
            this.authors = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > maxAuthors;
                }
            };
        }

        /** The highest level raised in the open episode, or CLOSED when none is open. */
        public Alert.Level raised() {
            return raised;
        }

        /** Events counted in the window now. */
        public int volume() {
            return sums.volume;
        }

        Recent recent(int capacity) {
            if (recent == null) {
                recent = new Recent(capacity);
            }
            return recent;
        }

        Recent personal(int capacity) {
            if (personal == null) {
                personal = new Recent(capacity);
            }
            return personal;
        }

        Bucket bucket(long minute) {
            Bucket last = buckets.peekLast();
            if (last == null || last.minute < minute) {
                Bucket b = new Bucket(minute);
                buckets.addLast(b);
                return b;
            }
            // out of order: its own minute's bucket, or, where it fell into a gap, the next later one (so that it
            // stays in the window no shorter than it should; the buckets stay in order of minute)
            Iterator<Bucket> it = buckets.descendingIterator();
            Bucket later = last;
            while (it.hasNext()) {
                Bucket b = it.next();
                if (b.minute == minute) {
                    return b;
                }
                if (b.minute < minute) {
                    break;
                }
                later = b;
            }
            return later;
        }

        void offerSample(Event e, Verdict v, int max) {
            if (max == 0) {
                return;
            }
            double rank = v.suggestion().ordinal() * 10
                    + v.labels().stream().mapToDouble(Label::score).max().orElse(0);
            if (worst.size() == max && worst.get(max - 1).rank >= rank) {
                return;
            }
            if (worst.size() == max) {
                worst.remove(max - 1);
            }
            int i = 0;
            while (i < worst.size() && worst.get(i).rank >= rank) {
                i++;
            }
            worst.add(i, new Worst(e, v, rank));
        }

        void endEpisode() {
            raised = Alert.Level.CLOSED;
            actors.clear();
            worst.clear();
            firstCount = 0;
            lastAbove = Instant.MIN;
            belowSince = null;
        }
    }

    /** The length of the window, for callers that size their own windows alike. */
    public Duration window() {
        return t.window();
    }
}
