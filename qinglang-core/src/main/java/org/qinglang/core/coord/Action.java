package org.qinglang.core.coord;

import java.util.Objects;

/**
 * One thing one account did to one target: the input of every coordination algorithm. A small record of its
 * own, so that the algorithms stay independent of how events travel; the stream package maps its events to
 * this.
 *
 * @param actor        the acting account (pseudonymous id), not blank
 * @param type         what it did
 * @param target       what it acted on: a content id for like, repost, comment, rating; an account for
 *                     follow; a topic or thread for a post; not blank
 * @param ts           when, in epoch seconds
 * @param ipPrefix     the network prefix the action came from (e.g. {@code 203.0.113.0/24}), "" if unknown
 * @param device       the device fingerprint, "" if unknown
 * @param text         the text of a post, comment or repost, "" otherwise
 * @param rating       the score of a rating, 1 to 5; 0 for any other type
 * @param actorAgeDays the age of the acting account in days when it acted, 0 or more
 */
public record Action(String actor, ActionType type, String target, long ts, String ipPrefix, String device,
                     String text, int rating, int actorAgeDays) {

    /** The lowest and highest rating score. */
    public static final int MIN_RATING = 1;
    public static final int MAX_RATING = 5;

    public Action {
        Objects.requireNonNull(type, "type must not be null");
        actor = required(actor, "actor");
        target = required(target, "target");
        ipPrefix = ipPrefix == null ? "" : ipPrefix;
        device = device == null ? "" : device;
        text = text == null ? "" : text;
        if (type == ActionType.RATING) {
            if (rating < MIN_RATING || rating > MAX_RATING) {
                throw new IllegalArgumentException("rating must be " + MIN_RATING + " to " + MAX_RATING
                        + " for a rating action, was " + rating);
            }
        } else if (rating != 0) {
            throw new IllegalArgumentException("rating must be 0 for a " + type.wireName() + " action, was " + rating);
        }
        if (actorAgeDays < 0) {
            throw new IllegalArgumentException("actorAgeDays must be 0 or more, was " + actorAgeDays);
        }
    }

    /** A rating by {@code actor} of {@code target}. */
    public static Action rating(String actor, String target, long ts, int score, int actorAgeDays) {
        return new Action(actor, ActionType.RATING, target, ts, "", "", "", score, actorAgeDays);
    }

    /** An action without text or score. */
    public static Action of(String actor, ActionType type, String target, long ts) {
        return new Action(actor, type, target, ts, "", "", "", 0, 0);
    }

    private static String required(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return v;
    }
}
