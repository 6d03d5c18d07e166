package org.qinglang.app.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qinglang.app.api.Msg;
import org.qinglang.app.server.Limits;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Authenticates API calls by key ({@code Authorization: Bearer qk_…} or {@code X-Api-Key}) and limits each key's
 * rate (限流). A wrong key is a 401 at once; no key leaves the request anonymous for the rules to refuse.
 * The rate limit is a token bucket per key (bucket4j: lock-free, refilled greedily, so a key may burst to
 * {@link Limits#burst()} and sustain {@link Limits#requestsPerSecond()}); over it, 429 with Retry-After.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private final ApiKeys keys;
    private final Limits limits;
    private final ApiProblems problems;
    private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    ApiKeyFilter(ApiKeys keys, Limits limits, ApiProblems problems) {
        this.keys = keys;
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented == null) {
            chain.doFilter(request, response);
            return;
        }
        ApiKeys.Key key = keys.authenticate(presented).orElse(null);
        if (key == null) {
            problems.unauthorized(request, response);
            return;
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(key.id(), id -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long waitSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            response.setHeader("Retry-After", Long.toString(waitSeconds));
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                    OptionalLong.of(limits.requestsPerSecond()),
                    new Msg("请求过于频繁：每个 API 密钥每秒最多 " + limits.requestsPerSecond() + " 次",
                            "too many requests: at most " + limits.requestsPerSecond() + " a second per API key"));
            return;
        }
        SecurityContext ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(new KeyAuthentication(key));
        SecurityContextHolder.setContext(ctx);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(limits.burst())
                .refillGreedy(limits.requestsPerSecond(), Duration.ofSeconds(1)).build()).build();
    }

    private static String presentedKey(HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        String header = request.getHeader("X-Api-Key");
        return header == null ? null : header.strip();
    }

    /** An authenticated API key: its name is {@code apikey:<id>}, its authorities its scopes. */
    static final class KeyAuthentication extends AbstractAuthenticationToken {

        private static final long serialVersionUID = 1L;
        private final transient ApiKeys.Key key;

        KeyAuthentication(ApiKeys.Key key) {
            super(key.scopes().stream().map(s -> new SimpleGrantedAuthority(s.authority())).toList());
            this.key = key;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return key;
        }

        @Override
        public String getName() {
            return "apikey:" + key.id();
        }
    }
}
