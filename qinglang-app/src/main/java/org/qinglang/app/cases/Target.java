package org.qinglang.app.cases;

import java.util.Objects;
import java.util.Optional;

/**
 * What a case is about (处置对象): an account, a piece of content and the account that posted it, or the
 * participants of a detector's alert about an account (a pile-on on a person, a coordinated group).
 *
 * <p>An alert's target is whom the alert is <em>about</em> (for a pile-on, the victim), not whom a decision
 * falls on: such a case is decided for its participants, in one batch, and never against the target; it has
 * its own key, so that reports against the same account are a case of their own.
 *
 * @param account     the account (of the content's author, for content; the alert's target, for an alert)
 * @param contentId   the content, or empty for an account or an alert
 * @param contentType the content's event type ({@code post}, {@code comment} …), {@code account}, or the
 *                    alert's kind ({@code pileon}, {@code coordination})
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

    /** The participants of an alert of {@code kind} ({@code pileon} or {@code coordination}) about {@code target}. */
    public static Target alert(String kind, String target) {
        if (!kind.equals(PILEON) && !kind.equals(COORDINATION)) {
            throw new IllegalArgumentException("not an alert kind: " + kind);
        }
        return new Target(target, Optional.empty(), kind);
    }

    private static final String PILEON = "pileon";
    private static final String COORDINATION = "coordination";

    /** True for the participants of an alert: no decision falls on {@link #account()} itself. */
    public boolean isAlert() {
        return contentId.isEmpty() && (contentType.equals(PILEON) || contentType.equals(COORDINATION));
    }

    /**
     * The key cases merge on: {@code content:p-301}, {@code account:u-9}, or for an alert {@code pileon:u-9}
     * or {@code coord:u-9} (short, so that a key of a 128-character account fits its 140-character column).
     */
    public String key() {
        if (contentId.isPresent()) {
            return "content:" + contentId.get();
        }
        if (isAlert()) {
            return (contentType.equals(PILEON) ? "pileon:" : "coord:") + account;
        }
        return "account:" + account;
    }
}
