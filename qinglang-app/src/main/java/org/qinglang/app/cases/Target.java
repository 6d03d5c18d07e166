package org.qinglang.app.cases;

import java.util.Objects;
import java.util.Optional;

/**
 * What a case is about (处置对象): an account, or a piece of content and the account that posted it.
 *
 * @param account     the account (of the content's author, for content)
 * @param contentId   the content, or empty for the account itself
 * @param contentType the content's event type ({@code post}, {@code comment} …), or {@code account}
 */
public record Target(String account, Optional<String> contentId, String contentType) {

    public Target {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** The account itself. */
    public static Target account(String account) {
        return new Target(account, Optional.empty(), "account");
    }

    /** The key cases merge on: {@code content:p-301} or {@code account:u-9}. */
    public String key() {
        return contentId.map(c -> "content:" + c).orElse("account:" + account);
    }
}
