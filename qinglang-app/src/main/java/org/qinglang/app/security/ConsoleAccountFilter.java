package org.qinglang.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.qinglang.app.api.Msg;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Holds a signed-in console user to their stored account on every console request ({@code /console/**}; 会话校验),
 * before the path's rule is asked: a user an admin disabled, or whose role changed, is signed out at once (their session ends; they sign
 * in again with the new role); a user who must change their password (the first admin's one-time password, a
 * user an admin made) gets only {@code /console/password} until they have: other console pages redirect there
 * and {@code /console/api/…} answers 403 {@code password_change_required}. Sessions of principals that are not
 * stored users (none in a running server: users are disabled, never deleted) pass unchanged.
 */
final class ConsoleAccountFilter extends OncePerRequestFilter {

    /** Where a user who must change their password is sent. */
    static final String PASSWORD_PAGE = "/console/password";

    private final ConsoleUsers users;
    private final ApiProblems problems;

    ConsoleAccountFilter(ConsoleUsers users, ApiProblems problems) {
        this.users = users;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the decoded, normalised path, as the path rules see it (the raw URI could spell /console another way)
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(path.equals("/console") || path.startsWith("/console/"))
                || !(auth instanceof UsernamePasswordAuthenticationToken) || !auth.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ConsoleUsers.Account> stored = users.find(auth.getName());
        if (stored.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ConsoleUsers.Account account = stored.get();
        if (!account.enabled() || !hasExactly(auth, account.role())) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            if (path.startsWith("/console/api/")) {
                problems.write(request, response, HttpStatus.UNAUTHORIZED, "signed_out", OptionalLong.empty(),
                        new Msg("账号已停用或角色已变更，请重新登录", "your account was disabled or its role changed: sign in again"));
            } else {
                response.sendRedirect(request.getContextPath() + "/login?expired");
            }
            return;
        }
        if (account.mustChangePassword() && !path.equals(PASSWORD_PAGE)) {
            if (path.startsWith("/console/api/")) {
                problems.write(request, response, HttpStatus.FORBIDDEN, "password_change_required", OptionalLong.empty(),
                        new Msg("请先在 " + PASSWORD_PAGE + " 修改初始密码", "change your first password at " + PASSWORD_PAGE
                                + " first"));
            } else {
                response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hasExactly(Authentication auth, Role role) {
        int roles = 0;
        boolean found = false;
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (a.getAuthority().startsWith("ROLE_")) {
                roles++;
                found |= a.getAuthority().equals("ROLE_" + role.name());
            }
        }
        return found && roles == 1;
    }
}
