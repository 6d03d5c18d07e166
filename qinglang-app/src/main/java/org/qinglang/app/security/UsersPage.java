package org.qinglang.app.security;


import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.cases.WorkflowPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * User management in the console (用户管理, admin only): the users and their roles, making a user with a role
 * (their one-time password shown once, to be changed at their first sign-in), changing a role, disabling and
 * enabling, and resetting someone else's password to a new one-time password (shown once, changed at the next
 * sign-in). The rules (names, self-changes, audit) are {@link ConsoleUsers}'s.
 */
@Controller
class UsersPage {

    /** A user as the page lists it. */
    record Row(String username, String role, String roleLabel, boolean enabled, boolean mustChangePassword,
               String createdAt) {
    }

    /** A role as the page offers it. */
    record RoleOption(String id, String label) {
    }

    private static final DateTimeFormatter TIME = WorkflowPolicy.CONSOLE_TIME;

    private final ConsoleUsers users;

    UsersPage(ConsoleUsers users) {
        this.users = users;
    }

    @GetMapping("/console/users")
    String list(Model model, HttpServletRequest request, Authentication auth) {
        Locale locale = RequestContextUtils.getLocale(request);
        boolean en = "en".equals(locale.getLanguage());
        model.addAttribute("me", auth.getName());
        model.addAttribute("users", users.list().stream().map(a -> new Row(a.username(), a.role().id(),
                en ? a.role().id() : a.role().zh(), a.enabled(), a.mustChangePassword(), TIME.format(a.createdAt())))
                .toList());
        model.addAttribute("roles", List.of(Role.values()).stream()
                .map(r -> new RoleOption(r.id(), en ? r.id() : r.zh())).toList());
        return "users";
    }

    @PostMapping("/console/users")
    String create(@RequestParam(name = "username", defaultValue = "") String username,
                  @RequestParam(name = "role", defaultValue = "") String role, Model model, HttpServletRequest request,
                  HttpServletResponse response, Authentication auth) {
        try {
            String name = username.strip();
            String password = users.createWithOneTimePassword(name, role(role), Callers.who(auth));
            model.addAttribute("createdUser", name);
            model.addAttribute("createdPassword", password);
        } catch (ApiException e) {
            refused(e, model, request, response);
        }
        return list(model, request, auth);
    }

    @PostMapping("/console/users/role")
    String changeRole(@RequestParam(name = "username", defaultValue = "") String username,
                      @RequestParam(name = "role", defaultValue = "") String role, Model model,
                      HttpServletRequest request, HttpServletResponse response, Authentication auth,
                      RedirectAttributes redirect) {
        try {
            users.changeRole(username, role(role), Callers.who(auth));
        } catch (ApiException e) {
            refused(e, model, request, response);
            return list(model, request, auth);
        }
        redirect.addFlashAttribute("changedUser", username);
        return "redirect:/console/users";
    }

    @PostMapping("/console/users/enabled")
    String setEnabled(@RequestParam(name = "username", defaultValue = "") String username,
                      @RequestParam(name = "enabled", defaultValue = "") String enabled, Model model,
                      HttpServletRequest request, HttpServletResponse response, Authentication auth,
                      RedirectAttributes redirect) {
        try {
            if (!enabled.equals("true") && !enabled.equals("false")) {
                throw ApiException.badField(FieldError.badValue("enabled", "应为 true 或 false", "must be true or false"));
            }
            users.setEnabled(username, Boolean.parseBoolean(enabled), Callers.who(auth));
        } catch (ApiException e) {
            refused(e, model, request, response);
            return list(model, request, auth);
        }
        redirect.addFlashAttribute("changedUser", username);
        return "redirect:/console/users";
    }

    /**
     * Resets a user's password to a new one-time password, shown on this answer only (not redirected: it never
     * goes into the session); they must change it at the next sign-in. Not one's own ({@link ConsoleUsers#resetPassword}).
     */
    @PostMapping("/console/users/password")
    String resetPassword(@RequestParam(name = "username", defaultValue = "") String username, Model model,
                         HttpServletRequest request, HttpServletResponse response, Authentication auth) {
        try {
            String password = users.resetPassword(username, Callers.who(auth));
            model.addAttribute("resetUser", username);
            model.addAttribute("createdPassword", password);
        } catch (ApiException e) {
            refused(e, model, request, response);
        }
        return list(model, request, auth);
    }

    private static Role role(String id) {
        try {
            return Role.fromId(id.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(FieldError.badValue("role",
                    "可用 reviewer、senior-reviewer、compliance-officer、auditor、admin",
                    "use reviewer, senior-reviewer, compliance-officer, auditor or admin"));
        }
    }

    private static void refused(ApiException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("error", e.msg().in(RequestContextUtils.getLocale(request)));
    }
}
