package org.qinglang.app.api;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Locale;

/**
 * The language of a request (界面语言): Chinese unless English is asked for, by {@code ?lang=en} (remembered in
 * a cookie, for the console), by that cookie, or by an {@code Accept-Language} that starts with English
 * (for API callers). Registered as Spring's {@code localeResolver}.
 */
@Component("localeResolver")
public final class RequestLocale implements LocaleResolver {

    static final String PARAM = "lang";
    static final String COOKIE = "qinglang-lang";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        String asked = request.getParameter(PARAM);
        if (asked == null && request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName())) {
                    asked = c.getValue();
                }
            }
        }
        if (asked == null) {
            Locale accept = request.getLocale();
            asked = request.getHeader("Accept-Language") == null ? "zh" : accept.getLanguage();
        }
        return asked.startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
        if (response != null) {
            Cookie c = new Cookie(COOKIE, locale != null && "en".equals(locale.getLanguage()) ? "en" : "zh");
            c.setPath("/");
            c.setHttpOnly(true);
            c.setMaxAge(365 * 24 * 3600);
            response.addCookie(c);
        }
    }
}
