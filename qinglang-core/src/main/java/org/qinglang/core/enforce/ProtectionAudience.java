package org.qinglang.core.enforce;

/**
 * Whose actions one-click protection screens; each audience screens everyone the one before it does, and
 * more. The account itself and mutual follows are never screened.
 */
public enum ProtectionAudience {
    /** 陌生人: no follow either way, and new followers. */
    STRANGERS,
    /** 未关注我的人: everyone who does not follow the account, and new followers. */
    NON_FOLLOWERS,
    /** 除互关好友外的所有人: everyone but mutual follows. */
    ALL_BUT_MUTUAL;

    /** True if this audience screens {@code relation}. */
    public boolean screens(ActorRelation relation) {
        return switch (relation) {
            case SELF, MUTUAL -> false;
            case STRANGER, NEW_FOLLOWER -> true;
            case FOLLOWED -> this != STRANGERS;
            case FOLLOWER -> this == ALL_BUT_MUTUAL;
        };
    }
}
