package org.qinglang.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.FieldError;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Changing one's own password (修改密码), for every console user; the only console page a user who must change
 * their password can open ({@link ConsoleAccountFilter}). The rules are {@link PasswordPolicy}'s; the change is
 * audited by {@link ConsoleUsers#changePassword}.
 */
@Controller
class PasswordPage {

    private final ConsoleUsers users;

    PasswordPage(ConsoleUsers users) {
        this.users = users;
    }

    @GetMapping(ConsoleAccountFilter.PASSWORD_PAGE)
    String form(Model model, Authentication auth) {
        model.addAttribute("mustChange", users.find(auth.getName()).map(ConsoleUsers.Account::mustChangePassword)
                .orElse(false));
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return "password";
    }

    @PostMapping(ConsoleAccountFilter.PASSWORD_PAGE)
    String change(@RequestParam(name = "current", defaultValue = "") String current,
                  @RequestParam(name = "password", defaultValue = "") String password,
                  @RequestParam(name = "repeat", defaultValue = "") String repeat, Model model,
                  HttpServletRequest request, HttpServletResponse response, Authentication auth,
                  RedirectAttributes redirect) {
        try {
            if (!password.equals(repeat)) {
                throw ApiException.badField(FieldError.badValue("repeat", "两次输入的新密码不一致",
                        "the new password and its repetition differ"));
            }
            users.changePassword(auth.getName(), current, password, Callers.who(auth));
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.msg().in(RequestContextUtils.getLocale(request)));
            return form(model, auth);
        }
        redirect.addFlashAttribute("passwordChanged", true);
        return "redirect:/console";
    }
}
