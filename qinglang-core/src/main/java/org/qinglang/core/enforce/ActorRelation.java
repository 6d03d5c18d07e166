package org.qinglang.core.enforce;

import org.qinglang.core.verdict.Context;


/**
 * Who the actor is to the protected account, as one-click protection needs it. Finer than
 * {@link Context.Relation}: it tells a follower of long standing from a new one, and the accounts the
 * protected person follows from strangers.
 */
public enum ActorRelation {
    /** The account itself. */
    SELF,
    /** Both follow each other (互关). */
    MUTUAL,
    /** The actor follows the account, and has for longer than the server's new-follower window. */
    FOLLOWER,
    /**
     * The actor started following the account recently (the server's window; 7 days by default). Accounts
     * in a pile-on often follow just before they attack, so protection treats them as strangers.
     */
    NEW_FOLLOWER,
    /** The account follows the actor; the actor does not follow back. */
    FOLLOWED,
    /** No follow either way. */
    STRANGER;

    /** The name used in JSON: lower case with hyphens ({@code new-follower}). */
    public String id() {
        return Texts.id(this);
    }

    /**
     * The relation of an event's context. {@link Context.Relation#UNKNOWN} counts as {@link #STRANGER}: when
     * the relation is not known, protection errs on the side of the person it protects.
     */
    public static ActorRelation of(Context.Relation relation) {
        return switch (relation) {
            case SELF -> SELF;
            case MUTUAL -> MUTUAL;
            case FOLLOWER -> FOLLOWER;
            case STRANGER, UNKNOWN -> STRANGER;
        };
    }
}
