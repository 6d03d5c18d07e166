package org.qinglang.core.verdict;

import org.qinglang.core.classify.AbuseClassifier;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.Hit;
import org.qinglang.core.lexicon.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Moderator (审核决策): combines the feature library, the abusive-language model and the context of a
 * message into one {@link Verdict}, the way a reviewer would weigh them.
 *
 * <h2>The rules</h2>
 * <ol>
 *   <li><b>Score.</b> A text without words (nothing but punctuation, symbols, emoji, bracketed emoji codes
 *       such as {@code [偷笑]}, or a bare {@code @}) scores 0 whatever its context: the model has nothing to
 *       judge there, and on real comments it called a fifth of such texts abusive ({@code ??}, {@code @},
 *       {@code ……}). Otherwise the model scores the text; the context moves that score, then it is clamped to
 *       [0, 1]:
 *       <ul>
 *         <li>relation to the target: stranger +{@value #STRANGER_SHIFT}, follower +{@value #FOLLOWER_SHIFT},
 *             mutual {@value #MUTUAL_SHIFT}, self {@value #SELF_SHIFT}, unknown 0 (an insult at a stranger
 *             weighs more than the same word between friends);</li>
 *         <li>an account younger than {@value #NEW_ACCOUNT_DAYS} days: +{@value #NEW_ACCOUNT_SHIFT}
 *             (throw-away accounts are where pile-ons come from); unknown age: 0.</li>
 *       </ul></li>
 *   <li><b>Labels.</b> With no feature-library hits, the score is the score of label
 *       {@value #MODEL_LABEL} (subLabel {@value #MODEL_SUB_LABEL}). With hits, there is one label per
 *       category of the hits, each with the same (moved) score and its own hits; its subLabel is the term of
 *       its most serious hit (highest severity, then the most direct channel).</li>
 *   <li><b>Suggestion per label</b>, with the {@link Thresholds} of that label in the context's scene:
 *       <ul>
 *         <li>BLOCK if a hit on a direct channel ({@code exact} or {@code alias}) has severity high: that is
 *             strong evidence whatever the model says;</li>
 *         <li>BLOCK if the score reaches the block threshold. A hit on a fuzzy channel ({@code folded},
 *             {@code pinyin}, {@code initials}, {@code split}) never blocks on its own: its text is blocked
 *             only when the model agrees this far;</li>
 *         <li>REVIEW if any hit has severity medium or high (on any channel), or the score reaches the
 *             review threshold;</li>
 *         <li>PASS otherwise (a low-severity hit alone with a low score is listed, but passes).</li>
 *       </ul>
 *       The verdict's suggestion is the most severe of its labels'; a text with no label passes.</li>
 *   <li><b>Only evidence is listed.</b> A model-only label with suggestion PASS is left out, so an innocent
 *       text has no labels; a label with hits is always listed.</li>
 *   <li><b>Risk level.</b> BLOCK is high, REVIEW medium; a text that passes is low if it has a hit or its
 *       score reaches half the review threshold, else none.</li>
 *   <li><b>Warn before posting</b> (发文警示) when the suggestion is REVIEW or BLOCK and the scene is one where
 *       a person is about to post ({@link Context#POSTING_SCENES}: comment, danmaku, dm, post).</li>
 * </ol>
 *
 * <p>Immutable and thread-safe if its library and classifier are (the shipped ones are): build one and
 * share it.
 */
public final class Moderator {

    /** The label the model's score carries when the feature library has no hit. */
    public static final String MODEL_LABEL = "辱骂";
    /** The subLabel of a label that only the model gives. */
    public static final String MODEL_SUB_LABEL = "model";

    /** Score shift for a message to a stranger. */
    public static final double STRANGER_SHIFT = 0.10;
    /** Score shift for a message from a follower. */
    public static final double FOLLOWER_SHIFT = 0.05;
    /** Score shift for a message between mutual follows. */
    public static final double MUTUAL_SHIFT = -0.10;
    /** Score shift for a message about or to oneself. */
    public static final double SELF_SHIFT = -0.2;
    /** An account younger than this many days is new. */
    public static final int NEW_ACCOUNT_DAYS = 7;
    /** Score shift for a new account. */
    public static final double NEW_ACCOUNT_SHIFT = 0.05;

    private final FeatureLibrary library;
    private final AbuseClassifier classifier;
    private final Thresholds thresholds;

    public Moderator(FeatureLibrary library, AbuseClassifier classifier, Thresholds thresholds) {
        this.library = Objects.requireNonNull(library, "library");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** The thresholds this Moderator applies. */
    public Thresholds thresholds() {
        return thresholds;
    }

    /** How much {@code ctx} moves a score (before clamping): the sum of its relation and age shifts. */
    public static double contextShift(Context ctx) {
        double shift = switch (ctx.relation()) {
            case STRANGER -> STRANGER_SHIFT;
            case FOLLOWER -> FOLLOWER_SHIFT;
            case MUTUAL -> MUTUAL_SHIFT;
            case SELF -> SELF_SHIFT;
            case UNKNOWN -> 0;
        };
        if (ctx.ageKnown() && ctx.actorAgeDays() < NEW_ACCOUNT_DAYS) {
            shift += NEW_ACCOUNT_SHIFT;
        }
        return shift;
    }

    /** The verdict for {@code text} in {@code ctx} (use {@link Context#none()} when nothing is known). */
    public Verdict check(String text, Context ctx) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ctx, "ctx");
        double score = hasWords(text) ? clamp(classifier.score(text).score() + contextShift(ctx)) : 0;
        List<Hit> hits = library.scan(text);

        List<Label> labels = new ArrayList<>();
        List<Suggestion> suggestions = new ArrayList<>();
        if (hits.isEmpty()) {
            Suggestion s = byScore(score, thresholds.of(MODEL_LABEL, ctx.scene()));
            if (s != Suggestion.PASS) {
                labels.add(new Label(MODEL_LABEL, MODEL_SUB_LABEL, score, List.of()));
                suggestions.add(s);
            }
        } else {
            Map<String, List<Hit>> byCategory = new LinkedHashMap<>();
            for (Hit h : hits) {
                byCategory.computeIfAbsent(h.category(), k -> new ArrayList<>()).add(h);
            }
            for (Map.Entry<String, List<Hit>> e : byCategory.entrySet()) {
                List<Hit> own = e.getValue();
                suggestions.add(suggest(own, score, thresholds.of(e.getKey(), ctx.scene())));
                labels.add(new Label(e.getKey(), mostSerious(own).term(), score, own));
            }
        }
        // most severe label first (stable: ties keep the order of their first hit)
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> suggestions.get(i)).reversed());
        List<Label> sorted = order.stream().map(labels::get).toList();

        Suggestion suggestion = suggestions.stream().reduce(Suggestion.PASS, Suggestion::max);
        RiskLevel risk = switch (suggestion) {
            case BLOCK -> RiskLevel.HIGH;
            case REVIEW -> RiskLevel.MEDIUM;
            case PASS -> !hits.isEmpty() || score >= thresholds.of(MODEL_LABEL, ctx.scene()).review() / 2
                    ? RiskLevel.LOW : RiskLevel.NONE;
        };
        boolean warn = suggestion != Suggestion.PASS && ctx.posting();
        return new Verdict(suggestion, risk, sorted, warn);
    }

    private static Suggestion suggest(List<Hit> hits, double score, Thresholds.Level level) {
        boolean review = false;
        for (Hit h : hits) {
            if (!h.channel().isFuzzy() && h.severity() == Severity.HIGH) {
                return Suggestion.BLOCK;
            }
            review |= h.severity() != Severity.LOW;
        }
        Suggestion byScore = byScore(score, level);
        return review ? byScore.max(Suggestion.REVIEW) : byScore;
    }

    private static Suggestion byScore(double score, Thresholds.Level level) {
        if (score >= level.block()) {
            return Suggestion.BLOCK;
        }
        return score >= level.review() ? Suggestion.REVIEW : Suggestion.PASS;
    }

    /** The hit of highest severity, then on the most direct channel (not fuzzy first), then the first. */
    private static Hit mostSerious(List<Hit> hits) {
        Hit best = hits.get(0);
        for (Hit h : hits) {
            int c = h.severity().compareTo(best.severity());
            if (c > 0 || c == 0 && best.channel().isFuzzy() && !h.channel().isFuzzy()) {
                best = h;
            }
        }
        return best;
    }

    /**
     * True if {@code text} has a letter or digit (of any script) outside bracketed emoji codes: a {@code [}, one
     * to {@value #MAX_EMOJI_CODE} characters without brackets, a {@code ]}, as platforms write their emoji.
     */
    static boolean hasWords(String text) {
        int n = text.length();
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = emojiCodeEnd(text, i);
                if (close > 0) {
                    i = close + 1;
                    continue;
                }
            }
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** The longest emoji code's name, in chars ({@code [二哈]}, {@code [doge]}, {@code [打call]}). */
    static final int MAX_EMOJI_CODE = 8;

    /** The index of the {@code ]} closing an emoji code that opens at {@code open}, or -1. */
    private static int emojiCodeEnd(String text, int open) {
        int end = Math.min(text.length(), open + MAX_EMOJI_CODE + 2);
        for (int j = open + 1; j < end; j++) {
            char c = text.charAt(j);
            if (c == ']') {
                return j > open + 1 ? j : -1;
            }
            if (c == '[') {
                return -1;
            }
        }
        return -1;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
