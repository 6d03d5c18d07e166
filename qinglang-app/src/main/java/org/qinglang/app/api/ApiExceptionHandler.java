package org.qinglang.app.api;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Every API error as RFC 9457 problem details: {@code status}, {@code title}, {@code detail} (Chinese, or
 * English if asked), plus {@code code}, {@code field} and {@code limit}. Spring's own errors (wrong method,
 * wrong media type …) get the same shape; a database error is a 500 {@code internal_error} whose detail says
 * only that, logged by us without the driver's message; anything else unexpected is a 500, logged by Spring.
 */
@RestControllerAdvice(basePackages = "org.qinglang.app")
final class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        return ResponseEntity.status(e.status()).body(problem(e.status(), e.code(), e.field(), e.limit(),
                e.msg().in(RequestContextUtils.getLocale(request))));
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * A database error: a 500 whose log line names the request's mapping, the error's class and its SQL state,
     * never the driver's message, which may quote the statement's values (texts, account ids).
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> database(DataAccessException e, HttpServletRequest request) {
        Throwable root = e.getMostSpecificCause();
        String state = root instanceof SQLException sql ? sql.getSQLState() : null;
        LOG.error("database error in {} {}: {} (SQLState {})", request.getMethod(),
                request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE), root.getClass().getName(), state);
        HttpStatusCode status = HttpStatusCode.valueOf(500);
        return ResponseEntity.status(status).body(problem(status, "internal_error", "", OptionalLong.empty(),
                new Msg("服务器内部错误，请稍后重试", "internal server error; try again later")
                        .in(RequestContextUtils.getLocale(request))));
    }

    @ExceptionHandler(InvalidField.class)
    ResponseEntity<ProblemDetail> field(InvalidField e, HttpServletRequest request) {
        return api(ApiException.badField(e.error()), request);
    }

    /** The problem details of an error: the one place their shape is made. */
    public static ProblemDetail problem(HttpStatusCode status, String code, String field, OptionalLong limit,
                                        String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setProperty("code", code);
        if (!field.isEmpty()) {
            p.setProperty("field", field);
        }
        limit.ifPresent(l -> p.setProperty("limit", l));
        return p;
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
                                                          HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail p && p.getProperties() == null) {
            p.setProperty("code", "http_" + status.value());
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
