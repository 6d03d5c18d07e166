package org.qinglang.core.stream;

import java.util.Locale;

/** What a user did, as named in the {@code type} field of an event (ARCHITECTURE.md). */
public enum EventType {
    /** A new post of one's own (发帖). */
    POST,
    /** A comment under a content item (评论). */
    COMMENT,
    /** A bullet comment over a video (弹幕). */
    DANMAKU,
    /** A direct message (私信). */
    DM,
    /** A repost, with or without a text of one's own (转发). */
    REPOST,
    /** An @-mention of the target account (提及). */
    MENTION,
    /** A like (点赞). */
    LIKE,
    /** A follow (关注). */
    FOLLOW,
    /** A rating, with a {@code score} (评分). */
    RATING,
    /** A report to the platform, with a {@code category} and {@code reason} (举报). */
    REPORT;

    /** The name used in JSON: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the types through which people talk to or about a target: the volume of a pile-on. */
    public boolean speaks() {
        return switch (this) {
            case COMMENT, DANMAKU, DM, REPOST, MENTION -> true;
            default -> false;
        };
    }

    /** The type named {@code id} (case-insensitive). */
    public static EventType fromId(String id) {
        for (EventType t : values()) {
            if (t.id().equalsIgnoreCase(id.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type '" + id + "': use post, comment, danmaku, dm, repost,"
                + " mention, like, follow, rating or report");
    }
}
