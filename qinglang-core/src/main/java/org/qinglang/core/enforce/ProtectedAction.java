package org.qinglang.core.enforce;

import java.util.Locale;

/** What one-click protection screens: the four ways strangers reach a person in a pile-on. */
public enum ProtectedAction {
    /** 评论: a comment on the account's content. */
    COMMENT("评论", "comments"),
    /** 私信: a direct message to the account. */
    DM("私信", "direct messages"),
    /** 转发: a repost of the account's content. */
    REPOST("转发", "reposts"),
    /** {@literal @}提及: a mention of the account. */
    MENTION("@提及", "mentions");

    private final String zh;
    private final String en;

    ProtectedAction(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** The label in {@code locale}. */
    public String label(Locale locale) {
        return Texts.english(locale) ? en : zh;
    }

    /** The name used in JSON: lower case. */
    public String id() {
        return Texts.id(this);
    }
}
