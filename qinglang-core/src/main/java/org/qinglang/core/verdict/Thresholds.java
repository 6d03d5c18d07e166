package org.qinglang.core.verdict;

import org.qinglang.core.config.ConfigLines;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The score thresholds of the Moderator, per label and scene: configuration, not code. A platform sets
 * them from its own policy and review capacity (a stricter block threshold for danmaku, a looser review
 * threshold for direct messages …) without changing the rules in {@link Moderator}.
 *
 * <p>Lookup order for a label and a scene: the pair, then the label in every scene, then the scene for
 * every label, then the defaults. {@link #defaults()} reviews from {@value #DEFAULT_REVIEW} and blocks from
 * {@value #DEFAULT_BLOCK}.
 *
 * <pre>{@code
 * Thresholds t = Thresholds.builder()
 *         .defaults(0.5, 0.9)
 *         .label("辱骂", 0.45, 0.85)
 *         .scene("danmaku", 0.6, 0.95)
 *         .labelInScene("辱骂", "dm", 0.4, 0.8)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Thresholds {

    /** The default review threshold. */
    public static final double DEFAULT_REVIEW = 0.5;
    /** The default block threshold. */
    public static final double DEFAULT_BLOCK = 0.9;

    private static final Thresholds DEFAULTS = builder().build();

    /**
     * The two thresholds that apply to one label in one scene.
     *
     * @param review from this score on, the text goes to review
     * @param block  from this score on, the text is blocked
     */
    public record Level(double review, double block) {
        public Level {
            if (!(review >= 0 && review <= 1 && block >= 0 && block <= 1)) {
                throw new IllegalArgumentException("thresholds must be in [0, 1], were review " + review
                        + ", block " + block);
            }
            if (review > block) {
                throw new IllegalArgumentException("the review threshold (" + review
                        + ") must not be above the block threshold (" + block + ")");
            }
        }
    }

    private final Level defaultLevel;
    private final Map<String, Level> byLabel;
    private final Map<String, Level> byScene;
    private final Map<String, Level> byPair;

    private Thresholds(Builder b) {
        this.defaultLevel = b.defaultLevel;
        this.byLabel = Map.copyOf(b.byLabel);
        this.byScene = Map.copyOf(b.byScene);
        this.byPair = Map.copyOf(b.byPair);
    }

    /** Review from {@value #DEFAULT_REVIEW}, block from {@value #DEFAULT_BLOCK}, for every label and scene. */
    public static Thresholds defaults() {
        return DEFAULTS;
    }

    /**
     * Reads thresholds from a plain text file, one setting a line: where, the review threshold, the block
     * threshold. Where is {@code *} (every label and scene), a label ({@code 辱骂}), {@code @scene}
     * ({@code @danmaku}) or {@code label@scene}. {@code #} starts a comment.
     *
     * <pre>
     * # where     review  block
     * *           0.5     0.9
     * 辱骂        0.45    0.85
     * &#64;danmaku    0.6     0.95
     * 辱骂&#64;dm     0.4     0.8
     * </pre>
     *
     * @throws IllegalArgumentException naming {@code source} and the line, for a line that is not of this form
     */
    public static Thresholds parse(Reader reader, String source) throws IOException {
        Builder b = builder();
        ConfigLines.read(reader, source, f -> {
            if (f.length != 3) {
                throw new IllegalArgumentException("expected: where review block (three fields), found " + f.length);
            }
            double review = Double.parseDouble(f[1]);
            double block = Double.parseDouble(f[2]);
            String where = f[0];
            int at = where.indexOf('@');
            if (where.equals("*")) {
                b.defaults(review, block);
            } else if (at < 0) {
                b.label(where, review, block);
            } else if (at == 0) {
                b.scene(where.substring(1), review, block);
            } else {
                b.labelInScene(where.substring(0, at), where.substring(at + 1), review, block);
            }
        });
        return b.build();
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The thresholds for {@code label} in {@code scene} ({@code ""} for an unknown scene). */
    public Level of(String label, String scene) {
        String s = normScene(scene);
        Level l = byPair.get(pairKey(label, s));
        if (l == null) {
            l = byLabel.get(label);
        }
        if (l == null) {
            l = byScene.get(s);
        }
        return l != null ? l : defaultLevel;
    }

    private static String normScene(String scene) {
        return scene == null ? "" : scene.strip().toLowerCase(Locale.ROOT);
    }

    private static String pairKey(String label, String scene) {
        return label + '\u0000' + scene;
    }

    /** Builds {@link Thresholds}; a later setting of the same key replaces an earlier one. */
    public static final class Builder {
        private Level defaultLevel = new Level(DEFAULT_REVIEW, DEFAULT_BLOCK);
        private final Map<String, Level> byLabel = new HashMap<>();
        private final Map<String, Level> byScene = new HashMap<>();
        private final Map<String, Level> byPair = new HashMap<>();

        private Builder() {
        }

        /** The thresholds for every label and scene not set otherwise. */
        public Builder defaults(double review, double block) {
            defaultLevel = new Level(review, block);
            return this;
        }

        /** The thresholds for {@code label} in every scene not set for it otherwise. */
        public Builder label(String label, double review, double block) {
            byLabel.put(Objects.requireNonNull(label, "label"), new Level(review, block));
            return this;
        }

        /** The thresholds for every label in {@code scene}, unless set for the label. */
        public Builder scene(String scene, double review, double block) {
            byScene.put(normScene(Objects.requireNonNull(scene, "scene")), new Level(review, block));
            return this;
        }

        /** The thresholds for {@code label} in {@code scene}: the most specific setting. */
        public Builder labelInScene(String label, String scene, double review, double block) {
            byPair.put(pairKey(Objects.requireNonNull(label, "label"), normScene(Objects.requireNonNull(scene,
                    "scene"))), new Level(review, block));
            return this;
        }

        public Thresholds build() {
            return new Thresholds(this);
        }
    }
}
