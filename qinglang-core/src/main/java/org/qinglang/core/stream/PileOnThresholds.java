package org.qinglang.core.stream;

import org.qinglang.core.config.ConfigLines;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of the {@link PileOnMonitor} (网暴预警阈值): configuration, not code. The defaults were tuned
 * on the development incidents (docs/BENCHMARKS.md, issue #5); a platform sets its own from its traffic and
 * review capacity.
 *
 * <p>The monitor's hostility score over the sliding {@code window} is: every event the Moderator does not
 * pass counts 1, plus {@code severeWeight} more if it is blocked, plus {@code strangerWeight} if it comes from
 * a stranger and {@code newAccountWeight} if from an account younger than {@code newAccountDays}; every
 * near-duplicate of a text already seen in the window counts {@code duplicateWeight}; every report counts
 * {@code reportWeight}. The target's own baseline of that score (its usual hostility, half-life
 * {@code baselineHalfLife}) is taken off before comparing with the levels.
 *
 * <p>Beside that score, which grows with the crowd, a rule in shares raises 预警 warning on its own: the share
 * of the target's newest {@code recentEvents} events (all within the window) that the Moderator does not pass,
 * less the target's usual share, at least {@code recentShare}. A second rule in shares does the same for the events
 * that are aimed at a person ({@link PersonDirected}: not passed by the Moderator, and addressing or naming a
 * person, or calling for action against one) among the newest {@code personEvents}: at least {@code personShare}
 * above the target's usual share of them.
 *
 * @param window           the sliding window the figures are taken over
 * @param baselineHalfLife how fast the target's baseline forgets
 * @param priorPerHour     the volume per hour assumed for a target not yet seen (its baseline to start with)
 * @param newAccountDays   an account younger than this is new
 * @param severeWeight     extra weight of a blocked text
 * @param duplicateWeight  weight of a near-duplicate text
 * @param strangerWeight   extra weight of a hostile event from a stranger
 * @param newAccountWeight extra weight of a hostile event from a new account
 * @param reportWeight     weight of a report
 * @param watchScore       hostility score (above baseline) that raises 关注 watch
 * @param warningScore     … that raises 预警 warning
 * @param severeScore      … that raises 严重 severe
 * @param minHostileShare  the share of the window's volume that must be hostile (not passed, or a
 *                         near-duplicate) for warning and severe: a large friendly crowd with a few rude
 *                         voices is not a pile-on
 * @param watchSurge       volume over the baseline by this factor (with at least {@code watchVolume} events,
 *                         and at least half {@code minHostileShare} of them hostile) raises watch even below
 *                         {@code watchScore}: hostile attention is arriving fast
 * @param watchVolume      the least window volume for a surge to count
 * @param severeSpread     hostile events on this many of the target's content items within the window lift a
 *                         warning to severe (the pile-on has spread across posts)
 * @param recentEvents     how many of the target's newest events the recent share is taken over (0: the
 *                         share rule is off); they must all lie within the window
 * @param recentShare      the share of the newest {@code recentEvents} events that the Moderator does not pass,
 *                         above the target's own usual share, that raises 预警 warning whatever the volume: a
 *                         rule in shares, not counts, so it reads a small account as it reads a large one
 * @param personEvents     how many of the target's newest events the person-directed share is taken over (0: that
 *                         rule is off); they must all lie within the window
 * @param personShare      the share of the newest {@code personEvents} events that are hostile and aimed at a person
 *                         ({@link PersonDirected}), above the target's usual share of such events, that raises 预警
 *                         warning: anger turned on a person rather than on an event or an institution
 * @param closeAfter       an open alert is closed when the score has stayed below watch for this long
 * @param firstPosters     how many of the first hostile actors are 首发
 * @param repeatPosts      hostile events from one actor that make it 多发
 * @param incitedBy        other accounts that must repost or answer an actor's item with hostility for it to be 煽动
 * @param maxActors        most actors tracked per target (beyond it, new actors are counted but not named)
 * @param samples          how many of the worst items an alert carries
 */
public record PileOnThresholds(Duration window, Duration baselineHalfLife, double priorPerHour,
                               int newAccountDays, double severeWeight, double duplicateWeight,
                               double strangerWeight, double newAccountWeight, double reportWeight,
                               double watchScore, double warningScore, double severeScore,
                               double minHostileShare, double watchSurge, int watchVolume, int severeSpread,
                               int recentEvents, double recentShare, int personEvents, double personShare,
                               Duration closeAfter, int firstPosters,
                               int repeatPosts, int incitedBy, int maxActors, int samples) {

    public PileOnThresholds {
        positive("window", window);
        positive("baselineHalfLife", baselineHalfLife);
        positive("closeAfter", closeAfter);
        if (window.toMinutes() < 1) {
            throw new IllegalArgumentException("window must be at least 1 minute, was " + window);
        }
        atLeast("priorPerHour", priorPerHour, 0);
        atLeast("newAccountDays", newAccountDays, 0);
        atLeast("severeWeight", severeWeight, 0);
        atLeast("duplicateWeight", duplicateWeight, 0);
        atLeast("strangerWeight", strangerWeight, 0);
        atLeast("newAccountWeight", newAccountWeight, 0);
        atLeast("reportWeight", reportWeight, 0);
        atLeast("watchScore", watchScore, 1);
        atLeast("warningScore", warningScore, watchScore);
        atLeast("severeScore", severeScore, warningScore);
        if (!(minHostileShare >= 0 && minHostileShare <= 1)) {
            throw new IllegalArgumentException("minHostileShare must be in [0, 1], was " + minHostileShare);
        }
        atLeast("watchSurge", watchSurge, 1);
        atLeast("watchVolume", watchVolume, 1);
        atLeast("severeSpread", severeSpread, 2);
        if (recentEvents != 0 && (recentEvents < 10 || recentEvents > MAX_RECENT_EVENTS)) {
            throw new IllegalArgumentException("recentEvents must be 0 (off) or in [10, " + MAX_RECENT_EVENTS
                    + "], was " + recentEvents);
        }
        if (!(recentShare > 0 && recentShare <= 1)) {
            throw new IllegalArgumentException("recentShare must be in (0, 1], was " + recentShare);
        }
        if (personEvents != 0 && (personEvents < 10 || personEvents > MAX_RECENT_EVENTS)) {
            throw new IllegalArgumentException("personEvents must be 0 (off) or in [10, " + MAX_RECENT_EVENTS
                    + "], was " + personEvents);
        }
        if (!(personShare > 0 && personShare <= 1)) {
            throw new IllegalArgumentException("personShare must be in (0, 1], was " + personShare);
        }
        atLeast("firstPosters", firstPosters, 1);
        atLeast("repeatPosts", repeatPosts, 2);
        atLeast("incitedBy", incitedBy, 1);
        atLeast("maxActors", maxActors, 1);
        atLeast("samples", samples, 0);
    }

    /** The most events the recent share can be taken over (its memory per target is 4.1 bytes an event). */
    public static final int MAX_RECENT_EVENTS = 4096;

    // window, severeWeight, duplicateWeight, warningScore, minHostileShare, personEvents and personShare: tuned on the
    // 55 CHNCI incidents with the shipped fast model's verdicts (PileOnEvaluation --two-stage --tune, 2026-12-03: the
    // score rule first, then the person-directed rule with it held); they move with the Moderator's model. The rest
    // set by hand (CHNCI has no actors, relations, ages or reports)
    private static final PileOnThresholds DEFAULTS = new PileOnThresholds(Duration.ofHours(24), Duration.ofDays(7),
            10, 7, 0.0, 2.0, 1.0, 1.0, 2.0,
            40, 71, 400, 0.0, 5, 50, 3, 0, 0.40, 100, 0.07,
            Duration.ofHours(2), 3, 3, 3, 10_000, 5);

    /** The defaults, tuned on the development incidents. */
    public static PileOnThresholds defaults() {
        return DEFAULTS;
    }

    /** The settings by name, in declaration order, as {@link #parse} reads them. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("window", duration(window));
        m.put("baselineHalfLife", duration(baselineHalfLife));
        m.put("priorPerHour", num(priorPerHour));
        m.put("newAccountDays", "" + newAccountDays);
        m.put("severeWeight", num(severeWeight));
        m.put("duplicateWeight", num(duplicateWeight));
        m.put("strangerWeight", num(strangerWeight));
        m.put("newAccountWeight", num(newAccountWeight));
        m.put("reportWeight", num(reportWeight));
        m.put("watchScore", num(watchScore));
        m.put("warningScore", num(warningScore));
        m.put("severeScore", num(severeScore));
        m.put("minHostileShare", num(minHostileShare));
        m.put("watchSurge", num(watchSurge));
        m.put("watchVolume", "" + watchVolume);
        m.put("severeSpread", "" + severeSpread);
        m.put("recentEvents", "" + recentEvents);
        m.put("recentShare", num(recentShare));
        m.put("personEvents", "" + personEvents);
        m.put("personShare", num(personShare));
        m.put("closeAfter", duration(closeAfter));
        m.put("firstPosters", "" + firstPosters);
        m.put("repeatPosts", "" + repeatPosts);
        m.put("incitedBy", "" + incitedBy);
        m.put("maxActors", "" + maxActors);
        m.put("samples", "" + samples);
        return m;
    }

    /**
     * These settings with one changed: {@code name} as in {@link #asMap}, {@code value} a number or, for a
     * duration, a number with a unit ({@code 90m}, {@code 3h}, {@code 7d}).
     *
     * @throws IllegalArgumentException naming the setting and what was wrong
     */
    public PileOnThresholds with(String name, String value) {
        Map<String, String> m = asMap();
        if (!m.containsKey(name)) {
            throw new IllegalArgumentException("unknown setting '" + name + "': use one of "
                    + String.join(", ", m.keySet()));
        }
        m.put(name, value.strip());
        try {
            return fromMap(m);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: '" + value.strip() + "'");
        }
    }

    /**
     * Reads settings from a plain text file, one a line: name and value ({@code warningScore 80},
     * {@code window 2h}); {@code #} starts a comment; settings not given keep their defaults.
     *
     * @throws IllegalArgumentException naming {@code source}, the line and what was wrong
     */
    public static PileOnThresholds parse(Reader reader, String source) throws IOException {
        PileOnThresholds[] t = {defaults()};
        ConfigLines.read(reader, source, f -> {
            if (f.length != 2) {
                throw new IllegalArgumentException("expected: name value (two fields), found " + f.length);
            }
            t[0] = t[0].with(f[0], f[1]);
        });
        return t[0];
    }

    private static PileOnThresholds fromMap(Map<String, String> m) {
        return new PileOnThresholds(dur("window", m), dur("baselineHalfLife", m), d("priorPerHour", m),
                i("newAccountDays", m), d("severeWeight", m), d("duplicateWeight", m), d("strangerWeight", m),
                d("newAccountWeight", m), d("reportWeight", m), d("watchScore", m), d("warningScore", m),
                d("severeScore", m), d("minHostileShare", m), d("watchSurge", m), i("watchVolume", m),
                i("severeSpread", m), i("recentEvents", m), d("recentShare", m), i("personEvents", m),
                d("personShare", m), dur("closeAfter", m),
                i("firstPosters", m), i("repeatPosts", m), i("incitedBy", m), i("maxActors", m), i("samples", m));
    }

    private static double d(String name, Map<String, String> m) {
        double v = Double.parseDouble(m.get(name));
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + m.get(name));
        }
        return v;
    }

    private static int i(String name, Map<String, String> m) {
        return Integer.parseInt(m.get(name));
    }

    private static Duration dur(String name, Map<String, String> m) {
        String v = m.get(name).toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty");
        }
        char unit = v.charAt(v.length() - 1);
        long n;
        try {
            n = Long.parseLong(v.substring(0, v.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a whole number with a unit (90m, 3h, 7d), was '"
                    + m.get(name) + "'");
        }
        return switch (unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(name + ": unknown unit '" + unit
                    + "': use s, m, h or d (90m, 3h, 7d)");
        };
    }

    private static String duration(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }

    private static void atLeast(String name, double v, double min) {
        if (!(v >= min)) {
            throw new IllegalArgumentException(name + " must be at least " + num(min) + ", was " + num(v));
        }
    }
}
