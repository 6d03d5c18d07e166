package org.qinglang.core.coord;

import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Detector;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.Step;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coordination analyses in the stream (水军检测·流式): a {@link Detector} with one state for the whole
 * platform (key {@value #KEY}) that turns events into {@link Action}s (post, comment, danmaku as comment,
 * repost, like, follow, rating; with the IP prefix and device when given), keeps a sliding window of them
 * (at most {@code window} old and {@code maxActions} long, the oldest dropped first; a rating that leaves it stays
 * summed in its item's history for {@link #RATING_HISTORY}, the baseline of the item's rating bursts), and runs the
 * {@link CoordinationAnalyzer} on a timer: at the first multiple of {@code every} (in event time) after new
 * actions came. Each finding is raised once as an {@link Alert} of kind {@code coordination}: target = a stable
 * group id ({@code coordination/KIND/HASH} of the kind and the sorted members), participants = the members
 * as {@link Alert.Role#MEMBER}, evidence figures = its score, size, span, numeric evidence and, per target,
 * {@code target:ID} = how many of the window's actions by members fell on it. A group already raised is not
 * raised again while it is still being found within the window: a finding of the same kind that shares at least half
 * of the smaller group's members with a raised group counts as that group (whose members it joins). If it brings
 * members the group did not have (an analysis can fall in the middle of a burst and see part of the group), the
 * group is raised again under its first id with all its members so far and the figure {@code newMembers}, so
 * that the case opened for it gains them; a group found again unchanged or smaller raises nothing.
 *
 * <p>Level: severe from score 0.8, warning from 0.5, watch below. DMs, mentions and reports are not actions
 * of a group's shape here and are ignored, as are events without an actor or a target and ratings without a
 * score of 1 to 5.
 *
 * @param analyzer   the analyses and their parameters
 * @param window     how far back the analysed actions reach; positive
 * @param every      how often (event time) the analysis runs while actions come; positive
 * @param maxActions the most actions kept; 1 or more
 */
public record CoordinationDetector(CoordinationAnalyzer analyzer, Duration window, Duration every, int maxActions)
        implements Detector<CoordinationDetector.Window> {

    /** The one key: the platform. */
    public static final String KEY = "platform";

    /** The most targets named in an alert's figures. */
    static final int MAX_TARGET_FIGURES = 20;
    /**
     * How long an item's ratings are kept after they leave the window, summed (one small record per item), as the
     * baseline its rating bursts are measured against: an item unrated for this long starts again.
     */
    static final Duration RATING_HISTORY = Duration.ofDays(30);
    /**
     * The most items whose rating history is kept; beyond it, new items have none. Not measured: by object sizes (a
     * 56-byte record, its map entry and the item id) some 150 bytes an item, 15 MB at the cap.
     */
    static final int MAX_RATED_ITEMS = 100_000;

    /** The analyzer's defaults, a 24-hour window analysed every 10 minutes, at most 200 000 actions. */
    public static final CoordinationDetector DEFAULTS = new CoordinationDetector(CoordinationAnalyzer.DEFAULTS,
            Duration.ofHours(24), Duration.ofMinutes(10), 200_000);

    public CoordinationDetector {
        Objects.requireNonNull(analyzer, "analyzer must not be null");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (every == null || every.getSeconds() < 1) {
            throw new IllegalArgumentException("every must be 1 second or more, was " + every);
        }
        if (maxActions < 1) {
            throw new IllegalArgumentException("maxActions must be 1 or more, was " + maxActions);
        }
    }

    /**
     * The sliding window of actions, the pending run, the groups already raised (group id → last seen) and the
     * ratings that have left the window, summed per item (the items' baselines for rating bursts).
     */
    public static final class Window {
        private final ArrayDeque<Action> actions = new ArrayDeque<>();
        private final Map<String, Raised> raised = new HashMap<>();
        private final Map<String, RatingManipulation.History> ratings = new HashMap<>();
        private boolean pending;

        /** How many actions are in the window. */
        public int size() {
            return actions.size();
        }
    }

    /** A group already raised: its kind, members and the end of its last finding (epoch seconds). */
    private record Raised(FindingKind kind, Set<String> members, long lastSeen) {
    }

    @Override
    public Optional<String> keyOf(Event event) {
        return toAction(event).isPresent() ? Optional.of(KEY) : Optional.empty();
    }

    /** The action of {@code e}, or empty if it is not one the analyses use (or lacks what they need). */
    public static Optional<Action> toAction(Event e) {
        ActionType type = switch (e.type()) {
            case POST -> ActionType.POST;
            case COMMENT, DANMAKU -> ActionType.COMMENT;
            case REPOST -> ActionType.REPOST;
            case LIKE -> ActionType.LIKE;
            case FOLLOW -> ActionType.FOLLOW;
            case RATING -> ActionType.RATING;
            default -> null;
        };
        if (type == null || e.actor().isBlank()) {
            return Optional.empty();
        }
        String content = e.target().content();
        String account = e.target().account();
        String target = type == ActionType.FOLLOW ? (account.isBlank() ? content : account)
                : (content.isBlank() ? account : content);
        if (target.isBlank()) {
            return Optional.empty();
        }
        int rating = 0;
        if (type == ActionType.RATING) {
            if (e.score().isEmpty()) {
                return Optional.empty();
            }
            double s = e.score().getAsDouble();
            if (!(s >= Action.MIN_RATING && s <= Action.MAX_RATING)) {
                return Optional.empty();
            }
            rating = (int) Math.round(s);
        }
        int age = Math.max(0, e.context().actorAgeDays());
        return Optional.of(new Action(e.actor(), type, target, e.ts().getEpochSecond(), e.ip(), e.device(),
                type.hasText() ? e.text() : "", rating, age));
    }

    /**
     * Each run analyses the whole window afresh, so a warm start runs the last one only: the groups it finds are
     * the ones the detector had raised before the restart, and are not raised again.
     */
    @Override
    public boolean catchUpOnce() {
        return true;
    }

    @Override
    public Window start(String key, Instant now) {
        return new Window();
    }

    @Override
    public Step<Window> onEvent(Window w, Event event, Instant now) {
        Optional<Action> a = toAction(event);
        if (a.isEmpty()) {
            return Step.keep(w);
        }
        w.actions.addLast(a.get());
        while (w.actions.size() > maxActions) {
            remember(w, w.actions.removeFirst());
        }
        if (w.pending) {
            return Step.keep(w);
        }
        w.pending = true;
        return Step.of(w, List.of(), List.of(nextRun(now.isAfter(event.ts()) ? now : event.ts())));
    }

    @Override
    public Step<Window> onTimer(Window w, Instant time, Instant now) {
        w.pending = false;
        // a run covers the window up to the last multiple of every: the time of its timer, or, at the end of a warm
        // start (StreamRuntime#caughtUp, at any time), of the last run before the restart, whose groups were raised
        // then; the actions after it, up to the restart, go to the next run, set below, which raises what is new
        long step = every.getSeconds();
        long end = Math.floorDiv(time.getEpochSecond(), step) * step;
        Instant runAt = Instant.ofEpochSecond(end);
        long from = end - window.getSeconds();
        w.actions.removeIf(a -> {
            if (a.ts() >= from) {
                return false;
            }
            remember(w, a);
            return true;
        });
        w.ratings.values().removeIf(h -> h.last() < end - RATING_HISTORY.getSeconds());
        w.raised.values().removeIf(r -> r.lastSeen() < from);
        // actions stamped later (events up to the lateness behind the clock, or a warm start's last minutes) go to
        // the next run
        List<Action> batch = w.actions.stream().filter(a -> a.ts() <= end).toList();
        List<Instant> next = List.of();
        if (batch.size() < w.actions.size()) {
            w.pending = true;
            next = List.of(nextRun(runAt));
        }
        if (batch.isEmpty()) {
            return Step.of(w, List.of(), next);
        }
        List<Alert> out = new ArrayList<>();
        for (CoordinationFinding f : analyzer.analyse(batch, Map.of(), Map.of(), w.ratings, end)) {
            String id = groupId(f);
            Optional<String> same = sameGroup(w, f);
            if (same.isPresent()) {
                Raised r = w.raised.get(same.get());
                Set<String> grown = new TreeSet<>(r.members());
                grown.addAll(f.members());
                w.raised.put(same.get(), new Raised(r.kind(), grown, Math.max(r.lastSeen(), f.to())));
                int added = grown.size() - r.members().size();
                if (added > 0) {
                    out.add(alert(f, same.get(), List.copyOf(grown), added, batch, runAt));
                }
            } else {
                w.raised.put(id, new Raised(f.kind(), Set.copyOf(f.members()), f.to()));
                out.add(alert(f, id, f.members(), 0, batch, runAt));
            }
        }
        return Step.of(w, out, next);
    }

    /** The first multiple of {@code every} (in event time) after {@code at}. */
    private Instant nextRun(Instant at) {
        long step = every.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), step) * step + step);
    }

    /** Keeps a rating leaving the window in its item's history (up to {@value #MAX_RATED_ITEMS} items). */
    private static void remember(Window w, Action a) {
        if (a.type() == ActionType.RATING && (w.ratings.containsKey(a.target()) || w.ratings.size() < MAX_RATED_ITEMS)) {
            w.ratings.merge(a.target(), RatingManipulation.History.NONE.plus(a), (h, one) -> h.plus(a));
        }
    }

    /**
     * The id of a raised group of the same kind that shares at least half of the members of the smaller of
     * the two with {@code f}: the same group found again, grown or shrunk, is not a new alert.
     */
    private static Optional<String> sameGroup(Window w, CoordinationFinding f) {
        for (Map.Entry<String, Raised> e : w.raised.entrySet()) {
            if (e.getValue().kind() != f.kind()) {
                continue;
            }
            long shared = f.members().stream().filter(e.getValue().members()::contains).count();
            if (2 * shared >= Math.min(f.members().size(), e.getValue().members().size())) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** A stable id of a group: its kind and a hash of its sorted members. */
    public static String groupId(CoordinationFinding f) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(f.kind().wireName().getBytes(StandardCharsets.UTF_8));
            for (String m : f.members()) {
                md.update((byte) 0);
                md.update(m.getBytes(StandardCharsets.UTF_8));
            }
            return "coordination/" + f.kind().wireName() + "/" + HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The alert of finding {@code f} raised as group {@code id} with {@code memberList} (the finding's members, or
     * a raised group's grown set, {@code newMembers} of them new).
     */
    private static Alert alert(CoordinationFinding f, String id, List<String> memberList, int newMembers,
                               List<Action> batch, Instant time) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("score", f.score());
        figures.put("members", (double) memberList.size());
        if (newMembers > 0) {
            figures.put("newMembers", (double) newMembers);
        }
        figures.put("targets", (double) f.targets().size());
        figures.put("from", (double) f.from());
        figures.put("to", (double) f.to());
        Map<String, String> facts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : f.evidence().entrySet()) {
            try {
                figures.putIfAbsent(e.getKey(), Double.parseDouble(e.getValue()));
            } catch (NumberFormatException notANumber) {
                facts.put(e.getKey(), e.getValue());
            }
        }
        Set<String> members = new HashSet<>(memberList);
        Set<String> named = new HashSet<>(f.targets().subList(0,
                Math.min(MAX_TARGET_FIGURES, f.targets().size())));
        Map<String, Double> perTarget = new TreeMap<>();
        for (String t : named) {
            perTarget.put(t, 0.0);
        }
        for (Action a : batch) {
            if (named.contains(a.target()) && members.contains(a.actor())) {
                perTarget.merge(a.target(), 1.0, Double::sum);
            }
        }
        perTarget.forEach((t, n) -> figures.put("target:" + t, n));
        Map<String, Alert.Role> participants = new LinkedHashMap<>();
        for (String m : memberList) {
            participants.put(m, Alert.Role.MEMBER);
        }
        Alert.Level level = f.score() >= 0.8 ? Alert.Level.SEVERE
                : f.score() >= 0.5 ? Alert.Level.WARNING : Alert.Level.WATCH;
        return new Alert(time, Alert.Kind.COORDINATION, id, level, new Alert.Evidence(figures, List.of(), facts), participants);
    }
}
