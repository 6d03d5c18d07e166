package org.qinglang.core.enforce;

/** What a member of staff may do in the governance server (权限). {@link StaffRole} grants them. */
public enum Permission {
    /** Read cases, decisions, appeals and records. */
    READ,
    /** Decide a case with a sanction up to a timed mute or DM suspension. */
    DECIDE,
    /** Decide a permanent mute or the closing of an account. */
    DECIDE_SEVERE,
    /** Decide many accounts at once (everyone in a pile-on). */
    BATCH_DECIDE,
    /** Decide an appeal (申诉复核). */
    DECIDE_APPEAL,
    /** Put a case that someone else claimed back in the queue (改派), as when its reviewer is away. */
    REASSIGN,
    /** Refer a case with its evidence package to the police. */
    REFER_TO_POLICE,
    /** Change the ladder, deadlines and other policy configuration. */
    CONFIGURE_POLICY,
    /** Add and remove staff and grant roles. */
    MANAGE_STAFF;

    /** The permission needed to apply {@code sanction}. */
    public static Permission toApply(Sanction sanction) {
        if (sanction.action() == SanctionAction.REFER_TO_POLICE) {
            return REFER_TO_POLICE;
        }
        if (sanction.action() == SanctionAction.CLOSE_ACCOUNT || sanction.permanent()) {
            return DECIDE_SEVERE;
        }
        return DECIDE;
    }
}
