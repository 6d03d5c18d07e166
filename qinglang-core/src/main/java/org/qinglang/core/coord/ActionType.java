package org.qinglang.core.coord;

import java.util.Locale;

/** What an account did; the names match the event {@code type} of the engine's JSON events. */
public enum ActionType {
    /** 发帖. */
    POST,
    /** 评论. */
    COMMENT,
    /** 转发. */
    REPOST,
    /** 点赞. */
    LIKE,
    /** 关注. */
    FOLLOW,
    /** 评分 (with a score). */
    RATING;

    /** The event type name, e.g. {@code "like"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for types that carry a text. */
    public boolean hasText() {
        return this == POST || this == COMMENT || this == REPOST;
    }
}
