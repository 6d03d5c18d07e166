package org.qinglang.core.enforce;

import org.qinglang.core.config.ConfigLines;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sanction ladder (处罚阶梯): from an account's strikes, the offence at hand and its part in a
 * pile-on, the next {@link Sanction}. Configuration (steps, weights, expiry, role steps, 容错), not code.
 *
 * <h2>The rules</h2>
 * <ol>
 *   <li><b>Strikes expire.</b> A strike counts while {@code now < at + expiry(severity)}: at the instant of
 *       its expiry it no longer counts. Defaults: minor 90 days, moderate 180, serious 365, grave 1,095.</li>
 *   <li><b>Points.</b> The weights of the strikes in force plus the weight of this offence. Defaults:
 *       minor 1, moderate 2, serious 4, grave 18.</li>
 *   <li><b>A grave offence</b> (a suspected crime) goes to the top step at once: by default, close the
 *       account and refer the case to the police with its evidence package.</li>
 *   <li><b>容错 (tolerance).</b> A minor offence with no strike in force, by an account whose role adds no
 *       step (a {@link OffenderRole#PARTICIPANT}), gets the lowest step: a warning, and the content stays.
 *       </li>
 *   <li><b>Otherwise</b> the highest step whose {@code fromPoints} the points reach, plus the role's steps
 *       (defaults: first poster +2, inciter +2, repeat poster +1, participant 0), held at the highest step
 *       that is not reserved for grave offences.</li>
 * </ol>
 *
 * <p>So a worse history, a worse offence or a heavier role never gives a lower step, and no offence goes
 * past the top. The default ladder:
 *
 * <pre>
 * step  action           duration  from points
 * 0     warn                       0  (reached only through 容错)
 * 1     fold-content               1
 * 2     remove-content             2
 * 3     mute             1d        4
 * 4     mute             7d        6
 * 5     mute             30d       8
 * 6     suspend-dms      30d       11
 * 7     mute             forever   14
 * 8     close-account              18
 * 9     refer-to-police            grave offences only
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SanctionLadder {

    /** The most steps a ladder may have. */
    public static final int MAX_STEPS = 64;

    private static final SanctionLadder DEFAULTS = builder().build();

    /**
     * One step of the ladder.
     *
     * @param action     what is done
     * @param duration   how long, for a timed action ({@link SanctionAction#timed()}); empty for a one-off
     *                   action, or for a permanent timed action
     * @param fromPoints the points from which this step applies (ignored when {@code graveOnly})
     * @param graveOnly  true if only a grave offence reaches this step
     */
    public record Step(SanctionAction action, Optional<Duration> duration, int fromPoints, boolean graveOnly) {
        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(duration, "duration");
            if (duration.isPresent() && !action.timed()) {
                throw new IllegalArgumentException("only mute and suspend-dms take a duration, " + action.id()
                        + " does not");
            }
            if (duration.isPresent() && (duration.get().isNegative() || duration.get().isZero())) {
                throw new IllegalArgumentException("a step's duration must be above zero, was " + duration.get());
            }
            if (fromPoints < 0 || fromPoints > 1_000_000) {
                throw new IllegalArgumentException("fromPoints must be in [0, 1000000], was " + fromPoints);
            }
        }

        /** A one-off step (warning, content action) or a permanent one, from {@code fromPoints} points. */
        public static Step of(SanctionAction action, int fromPoints) {
            return new Step(action, Optional.empty(), fromPoints, false);
        }

        /** A timed step ({@link SanctionAction#timed()}) lasting {@code duration}, from {@code fromPoints} points. */
        public static Step timed(SanctionAction action, Duration duration, int fromPoints) {
            return new Step(action, Optional.of(duration), fromPoints, false);
        }

        /** A step only a grave offence reaches. */
        public static Step grave(SanctionAction action) {
            return new Step(action, Optional.empty(), 0, true);
        }

        /**
         * True if this step is not milder than an earlier step {@code other}: its action is of the same or a
         * higher tier (warning, fold, remove, account restrictions, close, refer), and the same action does
         * not get shorter (a permanent one is the longest).
         */
        boolean notMilderThan(Step other) {
            if (action.tier() != other.action.tier()) {
                return action.tier() > other.action.tier();
            }
            if (action != other.action || duration.isEmpty()) {
                return true;
            }
            return other.duration.isPresent() && duration.get().compareTo(other.duration.get()) >= 0;
        }
    }

    /**
     * One account in a batch decision.
     *
     * @param account the account id
     * @param role    its part in the pile-on
     * @param history its strikes
     */
    public record Subject(String account, OffenderRole role, List<Strike> history) {
        public Subject {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(role, "role");
            history = List.copyOf(history);
        }
    }

    /**
     * The ladder's decision for one account of a batch.
     *
     * @param account  the account id
     * @param role     its part in the pile-on
     * @param sanction what the ladder decides
     */
    public record BatchDecision(String account, OffenderRole role, Sanction sanction) {
        public BatchDecision {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(sanction, "sanction");
        }
    }

    private final List<Step> steps;
    private final int topNonGrave;
    private final Map<OffenceSeverity, Integer> weights;
    private final Map<OffenceSeverity, Duration> expiry;
    private final Map<OffenderRole, Integer> roleSteps;
    private final boolean tolerateFirstMinor;

    private SanctionLadder(Builder b) {
        this.steps = List.copyOf(b.steps);
        this.weights = new EnumMap<>(b.weights);
        this.expiry = new EnumMap<>(b.expiry);
        this.roleSteps = new EnumMap<>(b.roleSteps);
        this.tolerateFirstMinor = b.tolerateFirstMinor;
        int last = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).graveOnly()) {
                last = i;
            }
        }
        this.topNonGrave = last;
    }

    /** The default ladder above. */
    public static SanctionLadder defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The steps, lowest first. */
    public List<Step> steps() {
        return steps;
    }

    /** The highest step an offence that is not grave can reach. */
    public int topForNonGrave() {
        return topNonGrave;
    }

    /** How long a strike of {@code severity} counts. */
    public Duration expiry(OffenceSeverity severity) {
        return expiry.get(severity);
    }

    /** How many points a strike of {@code severity} weighs. */
    public int weight(OffenceSeverity severity) {
        return weights.get(severity);
    }

    /** How many steps {@code role} adds. */
    public int roleSteps(OffenderRole role) {
        return roleSteps.get(role);
    }

    /** True if a strike given at {@code strike.at()} still counts at {@code now}. */
    public boolean inForce(Strike strike, Instant now) {
        return now.isBefore(strike.at().plus(expiry.get(strike.severity())));
    }

    /**
     * The sanction for {@code offence}, committed by an account with {@code history} in {@code role},
     * decided at {@code now}. The rules are in the class comment.
     */
    public Sanction next(List<Strike> history, Offence offence, OffenderRole role, Instant now) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(offence, "offence");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(now, "now");
        int active = 0;
        long historyPoints = 0;
        for (Strike s : history) {
            if (inForce(s, now)) {
                active++;
                historyPoints += weights.get(s.severity());
            }
        }
        int historyPts = (int) Math.min(Integer.MAX_VALUE / 2, historyPoints);
        int offencePts = weights.get(offence.severity());
        int boost = roleSteps.get(role);
        boolean grave = offence.severity() == OffenceSeverity.GRAVE;
        boolean tolerated = false;
        boolean capped = false;
        int added = 0;
        int step;
        if (grave) {
            step = steps.size() - 1;
        } else if (tolerateFirstMinor && offence.severity() == OffenceSeverity.MINOR && active == 0 && boost == 0) {
            step = 0;
            tolerated = true;
        } else {
            long points = (long) historyPts + offencePts;
            int base = 0;
            for (int i = 0; i <= topNonGrave; i++) {
                if (!steps.get(i).graveOnly() && steps.get(i).fromPoints() <= points) {
                    base = i;
                }
            }
            int raised = base + boost;
            capped = raised > topNonGrave;
            step = Math.min(raised, topNonGrave);
            added = step - base;
        }
        Step s = steps.get(step);
        Sanction.Reasoning why = new Sanction.Reasoning(active, history.size() - active, historyPts, offencePts,
                role, added, tolerated, grave, capped);
        return new Sanction(s.action(), step, s.duration(), now, s.duration().map(now::plus), why);
    }

    /**
     * The sanctions of everyone in a pile-on at once (批量处置): each account by its own history and role,
     * for the same offence, in the order given.
     */
    public List<BatchDecision> batch(List<Subject> subjects, Offence offence, Instant now) {
        List<BatchDecision> out = new ArrayList<>(subjects.size());
        for (Subject s : subjects) {
            out.add(new BatchDecision(s.account(), s.role(), next(s.history(), offence, s.role(), now)));
        }
        return out;
    }

    /**
     * Reads a ladder from a plain text file. Settings not in the file keep their defaults; if the file has
     * any {@code step} line, its steps replace the default steps. {@code #} starts a comment.
     *
     * <pre>
     * # the steps, lowest first: step ACTION [DURATION|forever] (from POINTS | grave)
     * step warn                 from 0
     * step remove-content       from 2
     * step mute 7d              from 4
     * step mute forever         from 10
     * step close-account        from 16
     * step refer-to-police      grave
     * weight   moderate 2           # points of a strike
     * expires  minor 90d            # how long a strike counts
     * role     inciter 2            # steps added for a part in a pile-on
     * tolerate-first-minor yes      # 容错: yes or no
     * </pre>
     *
     * @throws IllegalArgumentException naming {@code source} and the line, for a line not of this form
     */
    public static SanctionLadder parse(Reader reader, String source) throws IOException {
        Builder b = builder();
        List<Step> steps = new ArrayList<>();
        ConfigLines.read(reader, source, f -> {
            switch (f[0]) {
                case "step" -> steps.add(parseStep(f));
                case "weight" -> {
                    expectFields(f, 3, "weight SEVERITY POINTS");
                    b.weight(OffenceSeverity.fromId(f[1]), parseInt(f[2], "points"));
                }
                case "expires" -> {
                    expectFields(f, 3, "expires SEVERITY DURATION");
                    b.expiry(OffenceSeverity.fromId(f[1]), Texts.parseDuration(f[2], "expiry"));
                }
                case "role" -> {
                    expectFields(f, 3, "role ROLE STEPS");
                    b.roleSteps(OffenderRole.fromId(f[1]), parseInt(f[2], "steps"));
                }
                case "tolerate-first-minor" -> {
                    expectFields(f, 2, "tolerate-first-minor yes|no");
                    if (!f[1].equals("yes") && !f[1].equals("no")) {
                        throw new IllegalArgumentException("tolerate-first-minor must be yes or no, was '" + f[1]
                                + "'");
                    }
                    b.tolerateFirstMinor(f[1].equals("yes"));
                }
                default -> throw new IllegalArgumentException("unknown setting '" + f[0]
                        + "': use step, weight, expires, role or tolerate-first-minor");
            }
        });
        if (!steps.isEmpty()) {
            b.steps(steps);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Step parseStep(String[] f) {
        // step ACTION [DURATION] from N | step ACTION [DURATION] grave
        if (f.length < 3 || f.length > 5) {
            throw new IllegalArgumentException("expected: step ACTION [DURATION] (from POINTS | grave)");
        }
        SanctionAction action = SanctionAction.fromId(f[1]);
        int i = 2;
        Optional<Duration> duration = Optional.empty();
        if (!f[i].equals("from") && !f[i].equals("grave")) {
            if (!action.timed()) {
                throw new IllegalArgumentException("only mute and suspend-dms take a duration, " + action.id()
                        + " does not");
            }
            if (!f[i].equals("forever")) {
                duration = Optional.of(Texts.parseDuration(f[i], "duration"));
            }
            i++;
        } else if (action.timed()) {
            throw new IllegalArgumentException(action.id() + " needs a duration (such as 7d) or forever");
        }
        if (i == f.length - 1 && f[i].equals("grave")) {
            return new Step(action, duration, 0, true);
        }
        if (i == f.length - 2 && f[i].equals("from")) {
            return new Step(action, duration, parseInt(f[i + 1], "from points"), false);
        }
        throw new IllegalArgumentException("expected: step ACTION [DURATION] (from POINTS | grave)");
    }

    private static void expectFields(String[] f, int n, String form) {
        if (f.length != n) {
            throw new IllegalArgumentException("expected: " + form);
        }
    }

    private static int parseInt(String s, String field) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, was '" + s + "'", e);
        }
    }

    /** This ladder in the file form that {@link #parse} reads. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append("step ").append(s.action().id());
            if (s.action().timed()) {
                sb.append(' ').append(s.duration().map(Texts::formatDuration).orElse("forever"));
            }
            sb.append(s.graveOnly() ? " grave" : " from " + s.fromPoints()).append('\n');
        }
        for (OffenceSeverity v : OffenceSeverity.values()) {
            sb.append("weight ").append(v.id()).append(' ').append(weights.get(v)).append('\n');
        }
        for (OffenceSeverity v : OffenceSeverity.values()) {
            sb.append("expires ").append(v.id()).append(' ').append(Texts.formatDuration(expiry.get(v)))
                    .append('\n');
        }
        for (OffenderRole role : OffenderRole.values()) {
            sb.append("role ").append(role.id()).append(' ').append(roleSteps.get(role)).append('\n');
        }
        return sb.append("tolerate-first-minor ").append(tolerateFirstMinor ? "yes" : "no").append('\n').toString();
    }

    /** Builds a {@link SanctionLadder}; {@link #build()} checks that the ladder only goes up. */
    public static final class Builder {
        private List<Step> steps = List.of(
                Step.of(SanctionAction.WARN, 0),
                Step.of(SanctionAction.FOLD_CONTENT, 1),
                Step.of(SanctionAction.REMOVE_CONTENT, 2),
                Step.timed(SanctionAction.MUTE, Duration.ofDays(1), 4),
                Step.timed(SanctionAction.MUTE, Duration.ofDays(7), 6),
                Step.timed(SanctionAction.MUTE, Duration.ofDays(30), 8),
                Step.timed(SanctionAction.SUSPEND_DMS, Duration.ofDays(30), 11),
                Step.of(SanctionAction.MUTE, 14),
                Step.of(SanctionAction.CLOSE_ACCOUNT, 18),
                Step.grave(SanctionAction.REFER_TO_POLICE));
        private final Map<OffenceSeverity, Integer> weights = new EnumMap<>(Map.of(
                OffenceSeverity.MINOR, 1, OffenceSeverity.MODERATE, 2, OffenceSeverity.SERIOUS, 4,
                OffenceSeverity.GRAVE, 18));
        private final Map<OffenceSeverity, Duration> expiry = new EnumMap<>(Map.of(
                OffenceSeverity.MINOR, Duration.ofDays(90), OffenceSeverity.MODERATE, Duration.ofDays(180),
                OffenceSeverity.SERIOUS, Duration.ofDays(365), OffenceSeverity.GRAVE, Duration.ofDays(1095)));
        private final Map<OffenderRole, Integer> roleSteps = new EnumMap<>(Map.of(
                OffenderRole.FIRST_POSTER, 2, OffenderRole.INCITER, 2, OffenderRole.REPEAT_POSTER, 1,
                OffenderRole.PARTICIPANT, 0));
        private boolean tolerateFirstMinor = true;

        private Builder() {
        }

        /** The steps, lowest first (replaces all steps). */
        public Builder steps(List<Step> steps) {
            this.steps = List.copyOf(steps);
            return this;
        }

        /** The points a strike of {@code severity} weighs: 1 to 1,000. */
        public Builder weight(OffenceSeverity severity, int points) {
            if (points < 1 || points > 1000) {
                throw new IllegalArgumentException("the weight of " + severity.id() + " must be in [1, 1000], was "
                        + points);
            }
            weights.put(severity, points);
            return this;
        }

        /** How long a strike of {@code severity} counts: 1 day to 10 years. */
        public Builder expiry(OffenceSeverity severity, Duration expiresAfter) {
            Objects.requireNonNull(expiresAfter, "expiresAfter");
            if (expiresAfter.compareTo(Duration.ofDays(1)) < 0 || expiresAfter.compareTo(Duration.ofDays(3660)) > 0) {
                throw new IllegalArgumentException("the expiry of " + severity.id()
                        + " must be from 1 day to 3660 days, was " + expiresAfter);
            }
            expiry.put(severity, expiresAfter);
            return this;
        }

        /** The steps {@code role} adds: 0 to {@value #MAX_STEPS}. */
        public Builder roleSteps(OffenderRole role, int steps) {
            if (steps < 0 || steps > MAX_STEPS) {
                throw new IllegalArgumentException("the steps of role " + role.id() + " must be in [0, "
                        + MAX_STEPS + "], was " + steps);
            }
            roleSteps.put(role, steps);
            return this;
        }

        /** Whether a first minor offence gets a warning only (容错). */
        public Builder tolerateFirstMinor(boolean tolerate) {
            this.tolerateFirstMinor = tolerate;
            return this;
        }

        /**
         * The ladder.
         *
         * @throws IllegalArgumentException if the steps are empty or more than {@value #MAX_STEPS}, the first
         *         is not from 0 points, a step is milder than an earlier one, the points do not rise, or a
         *         step for any offence comes after a step for grave offences only, or a more serious offence
         *         weighs less or expires sooner than a less serious one
         */
        public SanctionLadder build() {
            if (steps.isEmpty() || steps.size() > MAX_STEPS) {
                throw new IllegalArgumentException("a ladder needs 1 to " + MAX_STEPS + " steps, had " + steps.size());
            }
            Step first = steps.get(0);
            if (first.graveOnly() || first.fromPoints() != 0) {
                throw new IllegalArgumentException("the first step must be from 0 points and not for grave offences"
                        + " only");
            }
            for (int i = 1; i < steps.size(); i++) {
                Step prev = steps.get(i - 1);
                Step s = steps.get(i);
                String where = "step " + i + " (" + s.action().id() + ")";
                for (int j = 0; j < i; j++) {
                    if (!s.notMilderThan(steps.get(j))) {
                        throw new IllegalArgumentException(where + " is milder than step " + j + " ("
                                + steps.get(j).action().id() + "): the ladder must only go up");
                    }
                }
                if (prev.graveOnly() && !s.graveOnly()) {
                    throw new IllegalArgumentException(where + " comes after a step for grave offences only:"
                            + " those must be last");
                }
                if (!s.graveOnly() && s.fromPoints() <= prev.fromPoints()) {
                    throw new IllegalArgumentException(where + " must start above " + prev.fromPoints()
                            + " points, was " + s.fromPoints());
                }
            }
            OffenceSeverity[] sev = OffenceSeverity.values();
            for (int i = 1; i < sev.length; i++) {
                if (weights.get(sev[i]) < weights.get(sev[i - 1])) {
                    throw new IllegalArgumentException("the weight of " + sev[i].id() + " (" + weights.get(sev[i])
                            + ") must not be below that of " + sev[i - 1].id() + " (" + weights.get(sev[i - 1]) + ")");
                }
                if (expiry.get(sev[i]).compareTo(expiry.get(sev[i - 1])) < 0) {
                    throw new IllegalArgumentException("the expiry of " + sev[i].id() + " ("
                            + Texts.formatDuration(expiry.get(sev[i])) + ") must not be shorter than that of "
                            + sev[i - 1].id() + " (" + Texts.formatDuration(expiry.get(sev[i - 1])) + ")");
                }
            }
            return new SanctionLadder(this);
        }
    }

    @Override
    public String toString() {
        return "SanctionLadder[" + steps.size() + " steps, top " + steps.get(steps.size() - 1).action().id() + "]";
    }
}
