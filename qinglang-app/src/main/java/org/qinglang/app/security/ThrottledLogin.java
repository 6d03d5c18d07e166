package org.qinglang.app.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.util.Optional;

/**
 * The console's password check with {@link LoginThrottle} in front of it: a locked user name and address pair is refused
 * before its password is even checked; a wrong password counts against the pair, a right one clears it.
 */
final class ThrottledLogin implements AuthenticationProvider {

    /**
     * The refusal of a locked pair. An account-status exception, so that Spring's provider chain stops at it instead of
     * asking another provider to check the password.
     */
    static final class Throttled extends LockedException {
        Throttled(Duration wait) {
            super("too many failed logins: wait " + Math.max(1, wait.toSeconds()) + " s");
        }
    }

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledLogin(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String user = login.getName();
        String address = login.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "";
        Optional<Duration> wait = throttle.lockedFor(user, address);
        if (wait.isPresent()) {
            throw new Throttled(wait.get());
        }
        try {
            Authentication ok = passwords.authenticate(login);
            throttle.succeeded(user, address);
            return ok;
        } catch (BadCredentialsException wrong) {
            throttle.failed(user, address);
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
