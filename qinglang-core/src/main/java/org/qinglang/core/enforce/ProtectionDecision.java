package org.qinglang.core.enforce;


/** What one-click protection does with one action: let it through, hold it for the owner, or refuse it. */
public enum ProtectionDecision {
    /** 放行: shown or delivered as usual. */
    ALLOW,
    /** 待确认: kept back, shown to no one else until the protected person lets it through. */
    HOLD,
    /** 拒绝: refused; the actor is told the account accepts no such action now. */
    DENY;

    /** The name used in JSON: lower case. */
    public String id() {
        return Texts.id(this);
    }
}
