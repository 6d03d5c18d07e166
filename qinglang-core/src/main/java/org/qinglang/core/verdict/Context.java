package org.qinglang.core.verdict;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What is known about a message besides its text.
 *
 * @param relation     the actor's relation to the target account ({@link Relation#UNKNOWN} if not known)
 * @param actorAgeDays how many days old the actor's account is, or {@value #UNKNOWN_AGE} if not known
 * @param scene        where the text appears, one of {@link #SCENES}, or {@code ""} if not known
 */
public record Context(Relation relation, int actorAgeDays, String scene) {

    /** The age given when the account's age is not known. */
    public static final int UNKNOWN_AGE = -1;

    /** The scenes a context may name: the event types of ARCHITECTURE.md that carry a text. */
    public static final Set<String> SCENES = Set.of("post", "comment", "danmaku", "dm", "repost", "mention",
            "rating", "report");

    /** The scenes where a person is about to publish or send the text, and can still be warned. */
    public static final Set<String> POSTING_SCENES = Set.of("comment", "danmaku", "dm", "post");

    private static final Context NONE = new Context(Relation.UNKNOWN, UNKNOWN_AGE, "");

    public Context {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(scene, "scene");
        if (actorAgeDays < UNKNOWN_AGE) {
            throw new IllegalArgumentException("actorAgeDays must be 0 or more (or " + UNKNOWN_AGE
                    + " for unknown), was " + actorAgeDays);
        }
        scene = scene.strip().toLowerCase(Locale.ROOT);
        if (!scene.isEmpty() && !SCENES.contains(scene)) {
            throw new IllegalArgumentException("unknown scene '" + scene + "': use one of "
                    + String.join(", ", SCENES.stream().sorted().toList()));
        }
    }

    /** No context: relation, age and scene all unknown; the score is not moved. */
    public static Context none() {
        return NONE;
    }

    /** True if the account's age is known. */
    public boolean ageKnown() {
        return actorAgeDays != UNKNOWN_AGE;
    }

    /** True if the scene is one where a person is about to post ({@link #POSTING_SCENES}). */
    public boolean posting() {
        return POSTING_SCENES.contains(scene);
    }

    /** The actor's relation to the target account. */
    public enum Relation {
        /** Writing about or to oneself. */
        SELF,
        /** Both follow each other. */
        MUTUAL,
        /** The actor follows the target; the target does not follow back. */
        FOLLOWER,
        /** No follow either way. */
        STRANGER,
        /** Not given. */
        UNKNOWN;

        /** The name used in JSON: lower case. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The relation named {@code id} (case-insensitive; unknown is not accepted, leave the field out). */
        public static Relation fromId(String id) {
            for (Relation r : values()) {
                if (r != UNKNOWN && r.id().equalsIgnoreCase(id.strip())) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown relation '" + id
                    + "': use self, mutual, follower or stranger");
        }
    }
}
