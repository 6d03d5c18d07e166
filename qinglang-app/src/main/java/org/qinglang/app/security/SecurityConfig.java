package org.qinglang.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.server.Limits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.LocaleResolver;

import java.time.Clock;
import java.util.Map;

/**
 * Every path's rule (访问控制), in two chains. The API chain ({@code /api/**}, {@code /actuator/**}): API keys,
 * stateless, no CSRF (a key is sent on purpose, never by a browser on its own). The console chain (everything
 * else): form login, a session, CSRF tokens on every form, and {@link ConsoleAccountFilter} holding each session
 * to its stored account (disabled, role changed, password to change). Anything not named here is refused.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

    /** Role names as Spring wants them in {@code hasRole}/{@code hasAnyRole}. */
    private static final String[] ANY_ROLE = {Role.REVIEWER.name(), Role.SENIOR_REVIEWER.name(),
            Role.COMPLIANCE_OFFICER.name(), Role.AUDITOR.name(), Role.ADMIN.name()};

    /** The roles that decide cases (the compliance officer only referrals to the police). */
    private static final String[] DECIDING = {Role.REVIEWER.name(), Role.SENIOR_REVIEWER.name(),
            Role.COMPLIANCE_OFFICER.name()};

    /**
     * The roles that read the statistics (处置统计) in the console: the admin (as an API key needs scope admin for
     * {@code /api/v1/stats}), the compliance officer (who answers to the regulator) and the auditor (reads all).
     */
    private static final String[] STATISTICS = {Role.COMPLIANCE_OFFICER.name(), Role.AUDITOR.name(),
            Role.ADMIN.name()};

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * No observations of Spring Security's own: it would wrap every filter of every request in one (an
     * allocation-heavy part of a {@code /text/check}); {@code http.server.requests} still times each request.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ApiProblems apiProblems(ObjectMapper json, LocaleResolver locales) {
        return new ApiProblems(json, locales);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, Limits limits, ApiProblems problems) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .addFilterBefore(new ApiKeyFilter(keys, limits, problems), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> problems.unauthorized(req, res))
                        .accessDeniedHandler((req, res, ex) -> problems.forbidden(req, res)))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAuthority(Scope.ADMIN.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/text/check").hasAuthority(Scope.CHECK.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/events").hasAuthority(Scope.INGEST.authority())
                        .requestMatchers("/api/v1/admin/**").hasAuthority(Scope.ADMIN.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/evidence/public-key").permitAll()
                        .requestMatchers("/api/v1/protection/**", "/api/v1/evidence/**")
                        .hasAuthority(Scope.PROTECT.authority())
                        // the workflow (issue #4): see docs/server.md "Workflow"
                        .requestMatchers(HttpMethod.POST, "/api/v1/reports", "/api/v1/appeals")
                        .hasAuthority(Scope.REPORT.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/reports/*", "/api/v1/appeals/*")
                        .hasAuthority(Scope.REPORT.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/sanctions/*/ack").hasAuthority(Scope.INGEST.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/stats").hasAuthority(Scope.ADMIN.authority())
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * The console's only way to sign in: the stored password (bcrypt), behind {@link LoginThrottle}. The console chain's
     * own manager, with no parent: a manager with a parent would ask it (an unthrottled check of the same password)
     * after every wrong one.
     */
    private static AuthenticationManager consoleLogin(ConsoleUsers users, PasswordEncoder encoder) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(encoder);
        passwords.setUserDetailsService(users);
        return new ProviderManager(new ThrottledLogin(passwords, new LoginThrottle(Clock.systemUTC())));
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, ConsoleUsers users, ApiProblems problems, PasswordEncoder encoder)
            throws Exception {
        ExceptionMappingAuthenticationFailureHandler failed = new ExceptionMappingAuthenticationFailureHandler();
        failed.setDefaultFailureUrl("/login?error");
        failed.setExceptionMappings(Map.of(ThrottledLogin.Throttled.class.getName(), "/login?locked"));
        http.addFilterBefore(new ConsoleAccountFilter(users, problems), AuthorizationFilter.class)
                .authenticationManager(consoleLogin(users, encoder))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/console", true).failureHandler(failed).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; frame-ancestors 'none'; "
                                + "img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/", "/login", "/favicon.ico", "/css/**", "/js/**", "/webjars/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/console/admin/**", "/console/users", "/console/users/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/console/stats").hasAnyRole(STATISTICS)
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").hasAnyRole(ANY_ROLE)
                        .requestMatchers(HttpMethod.POST, "/console/password").hasAnyRole(ANY_ROLE)
                        // the workflow's reviewer actions, as JSON and as the case page's forms; each also checks
                        // the core's Permission of the role
                        .requestMatchers(HttpMethod.POST, "/console/api/cases/claim-next", "/console/api/cases/*/claim",
                                "/console/api/cases/*/decide", "/console/api/cases/*/release", "/console/cases/claim-next", "/console/cases/*/claim",
                                "/console/cases/*/decide", "/console/cases/*/release",
                                "/console/cases/*/evidence").hasAnyRole(DECIDING)
                        .requestMatchers(HttpMethod.POST, "/console/api/cases/*/batch-decide",
                                "/console/cases/*/batch-decide", "/console/api/appeals/*/decide",
                                "/console/appeals/*/decide")
                        .hasRole(Role.SENIOR_REVIEWER.name())
                        .anyRequest().denyAll());
        return http.build();
    }
}
