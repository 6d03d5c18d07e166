package org.qinglang.core.enforce;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What overturning a decision on appeal (申诉成立) undoes: the server carries out each {@link Undo} and
 * sends the reversal to the platform (a webhook), and the decision's strike leaves the account's history.
 *
 * @param decisionId     the decision overturned
 * @param account        the account it was against
 * @param action         the action overturned
 * @param undo           what to undo, in order
 * @param strikeToRemove the decision id whose strike is removed from the history
 * @param decidedBy      the staff id of who decided the appeal
 * @param at             when the appeal was decided
 */
public record Reversal(String decisionId, String account, SanctionAction action, List<Undo> undo,
                       String strikeToRemove, String decidedBy, Instant at) {

    public Reversal {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(action, "action");
        undo = List.copyOf(undo);
        Objects.requireNonNull(strikeToRemove, "strikeToRemove");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(at, "at");
    }

    /** One thing to undo. */
    public enum Undo {
        /** 撤销警告: the warning is withdrawn from the record. */
        WITHDRAW_WARNING("撤销警告", "withdraw the warning"),
        /** 取消折叠: the content is shown again. */
        UNFOLD_CONTENT("取消折叠", "unfold the content"),
        /** 恢复内容: the removed content is restored. */
        RESTORE_CONTENT("恢复内容", "restore the content"),
        /** 解除禁言: the mute ends now (only while it is still in force). */
        LIFT_MUTE("解除禁言", "lift the mute"),
        /** 恢复私信: direct messages work again (only while the suspension is in force). */
        RESTORE_DMS("恢复私信", "restore direct messages"),
        /** 恢复账号: the closed account is reopened. */
        REOPEN_ACCOUNT("恢复账号", "reopen the account"),
        /** 告知公安机关: the police are told the platform withdraws its referral; a referral cannot be unsent. */
        NOTIFY_POLICE("告知公安机关撤回移送", "tell the police the referral is withdrawn"),
        /** 删除违规记录: the strike no longer counts on the ladder. */
        REMOVE_STRIKE("删除违规记录", "remove the strike"),
        /** 通知用户: the account is told the appeal succeeded. */
        NOTIFY_USER("通知用户申诉成立", "tell the user the appeal succeeded");

        private final String zh;
        private final String en;

        Undo(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        /** The label in {@code locale}. */
        public String label(Locale locale) {
            return Texts.english(locale) ? en : zh;
        }

        /** The name used in JSON: lower case with hyphens ({@code lift-mute}). */
        public String id() {
            return Texts.id(this);
        }
    }
}
