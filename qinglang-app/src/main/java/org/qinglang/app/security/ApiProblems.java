package org.qinglang.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qinglang.app.api.Msg;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * The problem-details responses that the security filters write themselves (401, 403, 429), in the same shape
 * as {@code ApiExceptionHandler}'s, since they are sent before any controller runs.
 */
final class ApiProblems {

    private final ObjectMapper json;
    private final LocaleResolver locales;

    ApiProblems(ObjectMapper json, LocaleResolver locales) {
        this.json = json;
        this.locales = locales;
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
               OptionalLong limit, Msg msg) throws IOException {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, msg.in(locales.resolveLocale(request)));
        p.setProperty("code", code);
        limit.ifPresent(l -> p.setProperty("limit", l));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), p);
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", OptionalLong.empty(),
                new Msg("需要有效的 API 密钥（Authorization: Bearer qk_…）",
                        "a valid API key is required (Authorization: Bearer qk_…)"));
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "forbidden", OptionalLong.empty(),
                new Msg("该 API 密钥无权访问此接口", "this API key's scopes do not allow this endpoint"));
    }
}
