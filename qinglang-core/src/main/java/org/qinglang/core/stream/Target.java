package org.qinglang.core.stream;

import java.util.Objects;

/**
 * What an event is about: an account, a content item of it, or both.
 *
 * @param account the target account ({@code ""} if the event names only a content item)
 * @param content the content item (post, video, comment) the event is on, or {@code ""}
 */
public record Target(String account, String content) {

    private static final Target NONE = new Target("", "");

    public Target {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(content, "content");
    }

    /** No target. */
    public static Target none() {
        return NONE;
    }

    /** True if neither an account nor a content item is named. */
    public boolean isEmpty() {
        return account.isEmpty() && content.isEmpty();
    }
}
