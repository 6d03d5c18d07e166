package org.qinglang.app.security;

import org.springframework.security.core.Authentication;

/** Who is calling, as the features need it: the audit trail's actor, and the API key behind an API call. */
public final class Callers {

    private Callers() {
    }

    /** The actor for the audit trail: {@code user:admin} or {@code apikey:12}. */
    public static String who(Authentication auth) {
        return auth instanceof ApiKeyFilter.KeyAuthentication k ? k.getName() : "user:" + auth.getName();
    }

    /** The id of the API key behind {@code auth}; throws if it is not an API call. */
    public static long apiKeyId(Authentication auth) {
        if (auth instanceof ApiKeyFilter.KeyAuthentication k) {
            return ((ApiKeys.Key) k.getPrincipal()).id();
        }
        throw new IllegalStateException("not an API-key call: " + auth.getClass().getSimpleName());
    }
}
