package org.qinglang.app.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Refuses, with 400, a request whose query or form parameters hold the NUL character or an unpaired surrogate
 * (the console's forms, the login form, query parameters): {@link JsonFields#checkText} does the same for JSON
 * bodies. A database cannot keep such text as it is (PostgreSQL refuses NUL), so it is refused before any
 * handler sees it. Runs right after the character encoding filter, so that parameters are decoded as UTF-8.
 */
@Configuration(proxyBeanMethods = false)
class TextParameters {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> textParameterFilter() {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
                    if (!valid(p.getKey())) {
                        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                        return;
                    }
                    for (String v : p.getValue()) {
                        if (!valid(v)) {
                            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                            return;
                        }
                    }
                }
                chain.doFilter(request, response);
            }
        });
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return bean;
    }

    /** True if {@code s} has no NUL character and no unpaired surrogate. */
    static boolean valid(String s) {
        try {
            JsonFields.checkText("", s);
            return true;
        } catch (InvalidField e) {
            return false;
        }
    }
}
