package org.qinglang.app.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Refuses, with 400, a request whose query or form parameters hold the NUL character or an unpaired surrogate
 * (the console's forms, the login form, query parameters; for the API as problem details naming the parameter): {@link JsonFields#checkText} does the same for JSON
 * bodies. A database cannot keep such text as it is (PostgreSQL refuses NUL), so it is refused before any
 * handler sees it. Runs right after the character encoding filter, so that parameters are decoded as UTF-8.
 */
@Configuration(proxyBeanMethods = false)
class TextParameters {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> textParameterFilter(ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
                    boolean bad = !valid(p.getKey());
                    for (String v : p.getValue()) {
                        bad |= v != null && !valid(v);
                    }
                    if (bad) {
                        refuse(request, response, valid(p.getKey()) ? p.getKey() : "(parameter)", json);
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        });
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return bean;
    }

    /**
     * Answers 400: for the API as problem details naming the parameter (in Chinese, or English if asked), as
     * every API error is; for the console, the server's error page.
     */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, String field,
                               ObjectMapper json) throws IOException {
        if (!request.getRequestURI().startsWith("/api/")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        String accept = request.getHeader("Accept-Language");
        boolean en = accept != null && accept.toLowerCase(java.util.Locale.ROOT).startsWith("en");
        HttpStatus status = HttpStatus.BAD_REQUEST;
        ProblemDetail p = ApiExceptionHandler.problem(status, "bad_value", field, java.util.OptionalLong.empty(),
                en ? "must not contain the NUL character or an unpaired surrogate" : "不能含 NUL 字符或不成对的代理项");
        p.setTitle(status.getReasonPhrase());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), p); // the server's mapper: problem details' properties inline
    }

    /** True if {@code s} has no NUL character and no unpaired surrogate. */
    static boolean valid(String s) {
        return JsonFields.unstorableAt(s) < 0;
    }
}
