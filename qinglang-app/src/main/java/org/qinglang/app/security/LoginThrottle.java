package org.qinglang.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing at the console's login (登录限流). After {@value #FREE_FAILURES} failed logins in a row for one
 * user name from one address, that pair may not try again for {@link #FIRST_LOCK}, twice as long after each further
 * failure, at most {@link #MAX_LOCK}; a successful login clears it. Keyed by user name and address together, so that
 * someone elsewhere cannot lock a colleague out by failing on purpose; a guesser spreading over many addresses is
 * still held to a few tries per address and lock. Behind a proxy every client shares the proxy's address, and the
 * lock then holds per user name.
 *
 * <p>Kept in memory only (a restart forgets it) and bounded: at most {@value #MAX_KEYS} pairs, the least recently
 * seen dropped first. It stores nothing beyond the pair and its count; nothing is logged. Thread-safe.
 */
final class LoginThrottle {

    /** Failed logins in a row that cost nothing. */
    static final int FREE_FAILURES = 5;
    /** The lock after the first failure beyond the free ones. */
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    /** The longest lock. */
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** The most pairs remembered. */
    static final int MAX_KEYS = 10_000;

    private record State(int failures, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, State> states = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_KEYS;
        }
    };

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code username} from {@code address} must still wait before trying again, if at all. */
    synchronized Optional<Duration> lockedFor(String username, String address) {
        State s = states.get(key(username, address));
        if (s == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), s.lockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Counts a failed login; from the {@value #FREE_FAILURES}th in a row on, the pair is locked. */
    synchronized void failed(String username, String address) {
        String k = key(username, address);
        State s = states.get(k);
        int failures = (s == null ? 0 : s.failures()) + 1;
        Instant until = clock.instant();
        if (failures >= FREE_FAILURES) {
            int doublings = Math.min(failures - FREE_FAILURES, 10);
            Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
            until = until.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
        }
        states.put(k, new State(failures, until));
    }

    /** Clears the pair after a successful login. */
    synchronized void succeeded(String username, String address) {
        states.remove(key(username, address));
    }

    private static String key(String username, String address) {
        return (username == null ? "" : username.strip().toLowerCase(Locale.ROOT)) + '\u0000'
                + (address == null ? "" : address);
    }
}
