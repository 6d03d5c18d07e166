package org.qinglang.core.enforce;

import java.util.Locale;

/** What a sanction (处置措施) does, from the mildest up. */
public enum SanctionAction {
    /** 警告: a warning; nothing is restricted. */
    WARN("警告", "warning", false),
    /** 折叠: the content stays but is folded away from other users. */
    FOLD_CONTENT("折叠内容", "content folded", false),
    /** 删除: the content is removed. */
    REMOVE_CONTENT("删除内容", "content removed", false),
    /** 禁言: the account may not post, comment or send danmaku; for a duration or permanently. */
    MUTE("禁言", "muted", true),
    /** 暂停私信: the account may not send direct messages; for a duration or permanently. */
    SUSPEND_DMS("暂停私信", "direct messages suspended", true),
    /** 关闭账号: the account is closed. */
    CLOSE_ACCOUNT("关闭账号", "account closed", true),
    /** 移送公安: the account is closed and the case, with its evidence package, goes to the police. */
    REFER_TO_POLICE("关闭账号并移送公安机关", "account closed and referred to the police", true);

    private final String zh;
    private final String en;
    private final boolean restrictsAccount;

    SanctionAction(String zh, String en, boolean restrictsAccount) {
        this.zh = zh;
        this.en = en;
        this.restrictsAccount = restrictsAccount;
    }

    /** The label in {@code locale}. */
    public String label(Locale locale) {
        return Texts.english(locale) ? en : zh;
    }

    /** True if the action restricts the account itself, not just one piece of content. */
    public boolean restrictsAccount() {
        return restrictsAccount;
    }

    /**
     * How harsh the action is, for checking that a ladder only goes up: warning 0, fold 1, remove 2, mute and
     * DM suspension 3 (a ladder may order them either way), close 4, refer 5.
     */
    public int tier() {
        return switch (this) {
            case WARN -> 0;
            case FOLD_CONTENT -> 1;
            case REMOVE_CONTENT -> 2;
            case MUTE, SUSPEND_DMS -> 3;
            case CLOSE_ACCOUNT -> 4;
            case REFER_TO_POLICE -> 5;
        };
    }

    /** True if the action may last a set time ({@link #MUTE}, {@link #SUSPEND_DMS}). */
    public boolean timed() {
        return this == MUTE || this == SUSPEND_DMS;
    }

    /** The name used in JSON and files: lower case with hyphens ({@code suspend-dms}). */
    public String id() {
        return Texts.id(this);
    }

    /** The action named {@code id} ({@link #id()} or the enum name, case-insensitive). */
    public static SanctionAction fromId(String id) {
        return Texts.fromId(SanctionAction.class, id, "action");
    }
}
